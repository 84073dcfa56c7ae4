/*
 * Host helpers (util.h): allocation that never returns NULL, string building, whole-file I/O,
 * number parsing shared by the YAML and .cdl front ends, and edit distance for suggestions.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */
#include "util.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void oom(void)
{
    fputs("capdl-tool: error: out of memory\n", stderr);
    exit(2);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        oom();
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        oom();
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        oom();
    }
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Formats once into a stack buffer and copies; only a longer text is formatted twice (the YAML
 * front end makes a name or a key path with this for every object and cap). */
char *xasprintf(const char *fmt, ...)
{
    char buf[256];
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    if ((size_t)n < sizeof(buf)) {
        memcpy(s, buf, (size_t)n + 1);
    } else {
        vsnprintf(s, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    return s;
}

#define ARENA_BLOCK 65536 /* bytes of a block; a longer string gets a block of its own size */

struct arena_block {
    struct arena_block *next;
    char *free;          /* the first free byte */
    char data[];
};

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    if (!a->blocks || a->left < n + 1) {
        size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;
        struct arena_block *b = xmalloc(sizeof(*b) + size);
        b->next = a->blocks;
        b->free = b->data;
        a->blocks = b;
        a->left = size;
    }
    char *d = a->blocks->free;
    memcpy(d, s, n);
    d[n] = '\0';
    a->blocks->free += n + 1;
    a->left -= n + 1;
    return d;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

void arena_free(arena_t *a)
{
    while (a->blocks) {
        struct arena_block *next = a->blocks->next;
        free(a->blocks);
        a->blocks = next;
    }
    a->left = 0;
}

char *name_hex(char *buf, size_t size, const char *a, const char *b, uint64_t v)
{
    size_t na = strlen(a), nb = strlen(b), nv = 0;
    char hex[16];
    do {
        hex[nv++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    char *s = na + nb + nv < size ? buf : xmalloc(na + nb + nv + 1);
    memcpy(s, a, na);
    memcpy(s + na, b, nb);
    for (size_t i = 0; i < nv; i++) {
        s[na + nb + i] = hex[nv - 1 - i];
    }
    s[na + nb + nv] = '\0';
    return s;
}


static void sb_spill(strbuf_t *b)
{
    if (fwrite(b->s, 1, b->len, b->spill) != b->len) {
        b->spill_failed = true;
    }
    b->len = 0;
    b->s[0] = '\0';
}

bool sb_flush(strbuf_t *b)
{
    if (b->spill && b->len) {
        sb_spill(b);
    }
    return !b->spill_failed;
}

static void sb_reserve(strbuf_t *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        b->cap = (b->len + extra + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
}

/* Formats into the free space at once; only text that does not fit is formatted twice (after
 * growing the buffer). verify's text output is hundreds of thousands of these. */
void sb_printf(strbuf_t *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    size_t room = b->cap > b->len ? b->cap - b->len : 0;
    int n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if ((size_t)n >= room) {
        sb_reserve(b, (size_t)n);
        vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap2);
    }
    va_end(ap2);
    b->len += (size_t)n;
    if (b->spill && b->len >= SB_SPILL_AT) {
        sb_spill(b);
    }
}

void sb_append_slow(strbuf_t *b, const void *data, size_t n)
{
    sb_reserve(b, n);
    memcpy(b->s + b->len, data, n);
    b->len += n;
    b->s[b->len] = '\0';
    if (b->spill && b->len >= SB_SPILL_AT) {
        sb_spill(b);
    }
}

/* The digits of v in base 16 or 10, most significant first, into the end of buf[24]; returns
 * where they start. */
static char *format_u64(char *end, uint64_t v, unsigned base)
{
    char *p = end;
    do {
        *--p = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    return p;
}

void sb_dec(strbuf_t *b, uint64_t v)
{
    char buf[24], *p = format_u64(buf + sizeof buf, v, 10);
    sb_append(b, p, (size_t)(buf + sizeof buf - p));
}

void sb_hex(strbuf_t *b, uint64_t v)
{
    char buf[24], *p = format_u64(buf + sizeof buf, v, 16);
    *--p = 'x';
    *--p = '0';
    sb_append(b, p, (size_t)(buf + sizeof buf - p));
}

void sb_free(strbuf_t *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    strbuf_t b = { 0 };
    /* A regular file's size is known: one buffer of that size instead of a doubling one (the
     * loader and a large system's blob are megabytes). The chunks after it catch a file that
     * grew, and are all there is for pipes. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        b.cap = (size_t)st.st_size + 1;
        b.s = xmalloc(b.cap);
        b.len = fread(b.s, 1, (size_t)st.st_size, f);
        b.s[b.len] = '\0';
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        sb_append(&b, chunk, n);
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        sb_free(&b);
        errno = EIO;
        return NULL;
    }
    if (!b.s) {
        b.s = xcalloc(1, 1);
    }
    *len = b.len;
    return b.s;
}

bool write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    return (fclose(f) == 0) && ok;
}

unsigned edit_distance(const char *a, const char *b, unsigned limit)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) {
        return limit + 1;
    }
    unsigned row[65];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (unsigned)j;
    }
    for (size_t i = 1; i <= la; i++) {
        unsigned diag = row[0], best = row[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned up = row[j];
            unsigned sub = diag + (a[i - 1] != b[j - 1]);
            unsigned v = sub < up + 1 ? sub : up + 1;
            row[j] = v < row[j - 1] + 1 ? v : row[j - 1] + 1;
            diag = up;
            best = row[j] < best ? row[j] : best;
        }
        if (best > limit) {
            return limit + 1;
        }
    }
    return row[lb];
}

const char *closest_name(const char *name, const char *const *cands, size_t n)
{
    unsigned limit = strlen(name) <= 3 ? 1 : strlen(name) <= 6 ? 2 : 3;
    const char *best = NULL;
    unsigned best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        unsigned d = edit_distance(name, cands[i], limit);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
}

static bool digit_value(char c, unsigned base, unsigned *v)
{
    if (c >= '0' && c <= '9') {
        *v = (unsigned)(c - '0');
    } else if (c >= 'a' && c <= 'f') {
        *v = (unsigned)(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
        *v = (unsigned)(c - 'A' + 10);
    } else {
        return false;
    }
    return *v < base;
}

static unsigned suffix_shift(char c)
{
    switch (c) {
    case 'K': case 'k': return 10;
    case 'M': case 'm': return 20;
    case 'G': case 'g': return 30;
    default: return 0;
    }
}

bool parse_u64(const char *s, uint64_t *out, bool allow_suffix)
{
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16, s += 2;
    } else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
        base = 2, s += 2;
    }
    uint64_t v = 0;
    unsigned d, n = 0;
    for (; *s && digit_value(*s, base, &d); s++, n++) {
        if (v > (UINT64_MAX - d) / base) {
            return false;
        }
        v = v * base + d;
    }
    unsigned shift = allow_suffix && n > 0 && *s ? suffix_shift(*s) : 0;
    if (shift) {
        s++;
        if (v > (UINT64_MAX >> shift)) {
            return false;
        }
        v <<= shift;
    }
    *out = v;
    return n > 0 && *s == '\0';
}
