/*
 * The diagnostics module (diag.h): collects errors, sorts them by position and renders them
 * with the key path, the source line and a caret. The ninja/Microkit style: file:line:col first.
 */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_add_source(diag_t *d, const char *file, const char *text, size_t len)
{
    if (d->n_src == d->cap_src) {
        d->cap_src = d->cap_src ? d->cap_src * 2 : 4;
        d->src = xrealloc(d->src, d->cap_src * sizeof(*d->src));
    }
    d->src[d->n_src++] = (diag_source_t){ file, text, len };
}

void diag_error(diag_t *d, pos_t pos, const char *path, const char *hint, const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->e = xrealloc(d->e, d->cap * sizeof(*d->e));
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    d->e[d->n] = (diag_entry_t){ pos, d->n, msg, path ? xstrdup(path) : NULL, hint ? xstrdup(hint) : NULL };
    d->n++;
}

char *diag_hint_closest(const char *name, const char *const *cands, size_t n)
{
    const char *best = closest_name(name, cands, n);
    return best ? xasprintf("did you mean '%s'?", best) : NULL;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const diag_entry_t *a = pa, *b = pb;
    int fa = a->pos.line != 0, fb = b->pos.line != 0;
    if (fa != fb) {
        return fa - fb; /* position-less errors first */
    }
    int c = fa ? strcmp(a->pos.file ? a->pos.file : "", b->pos.file ? b->pos.file : "") : 0;
    if (c == 0 && a->pos.line != b->pos.line) {
        c = a->pos.line < b->pos.line ? -1 : 1;
    }
    if (c == 0 && a->pos.col != b->pos.col) {
        c = a->pos.col < b->pos.col ? -1 : 1;
    }
    if (c == 0) {
        c = a->seq < b->seq ? -1 : a->seq > b->seq;
    }
    return c;
}

/* The text of line `line` (1-based) of file, or NULL. */
static const char *find_line(const diag_t *d, const char *file, uint32_t line, size_t *len)
{
    for (size_t i = 0; i < d->n_src; i++) {
        if (strcmp(d->src[i].file, file) != 0) {
            continue;
        }
        const char *p = d->src[i].text, *end = p + d->src[i].len;
        for (uint32_t l = 1; l < line && p < end; p++) {
            l += *p == '\n';
        }
        if (p >= end && line > 1) {
            return NULL;
        }
        const char *e = memchr(p, '\n', (size_t)(end - p));
        *len = (size_t)((e ? e : end) - p);
        if (*len > 0 && p[*len - 1] == '\r') {
            (*len)--;
        }
        return p;
    }
    return NULL;
}

static void render_source(const diag_t *d, const diag_entry_t *e, strbuf_t *b)
{
    size_t len;
    const char *line = find_line(d, e->pos.file, e->pos.line, &len);
    if (!line) {
        return;
    }
    sb_printf(b, "%5u | %.*s\n      | ", e->pos.line, (int)len, line);
    for (uint32_t c = 1; c < e->pos.col && c - 1 < len; c++) {
        sb_append(b, line[c - 1] == '\t' ? "\t" : " ", 1);
    }
    sb_append(b, "^\n", 2);
}

char *diag_render(diag_t *d)
{
    if (d->n) {
        qsort(d->e, d->n, sizeof(*d->e), cmp_entry);
    }
    strbuf_t b = { 0 };
    sb_append(&b, "", 0);
    for (size_t i = 0; i < d->n; i++) {
        const diag_entry_t *e = &d->e[i];
        if (e->pos.line == 0) {
            sb_printf(&b, "capdl-tool: error: %s\n", e->msg);
        } else {
            sb_printf(&b, "%s:%u:%u: error: %s\n", e->pos.file, e->pos.line, e->pos.col, e->msg);
        }
        if (e->path) {
            sb_printf(&b, "  at: %s\n", e->path);
        }
        if (e->pos.line != 0) {
            render_source(d, e, &b);
        }
        if (e->hint) {
            sb_printf(&b, "  %s\n", e->hint);
        }
    }
    return b.s;
}

void diag_print(diag_t *d, FILE *f)
{
    char *s = diag_render(d);
    fputs(s, f);
    free(s);
}

void diag_free(diag_t *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->e[i].msg);
        free(d->e[i].path);
        free(d->e[i].hint);
    }
    free(d->e);
    free(d->src);
    *d = (diag_t){ 0 };
}
