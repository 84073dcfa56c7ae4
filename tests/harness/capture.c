/* Captured output of one QEMU run: normalising append, line-at-a-time scan, final split.
 * See capture.h for the contract; the runner feeds it, main and the verdict read it. */
#include "capture.h"

#include <stdlib.h>
#include <string.h>

void capture_init(struct capture *c)
{
    memset(c, 0, sizeof(*c));
}

void capture_free(struct capture *c)
{
    free(c->buf);
    free(c->line);
    capture_init(c);
}

/* Grows *buf to hold at least need bytes. Returns 0, or -1 when out of memory. */
static int grow(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 256;
    while (n < need)
        n *= 2;
    char *p = realloc(*buf, n);
    if (!p)
        return -1;
    *buf = p;
    *cap = n;
    return 0;
}

int capture_append(struct capture *c, const char *data, size_t n)
{
    if (grow(&c->buf, &c->cap, c->len + n + 1) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (data[i] == '\r')
            continue;
        c->buf[c->len++] = data[i] ? data[i] : '?';
    }
    c->buf[c->len] = '\0';
    return 0;
}

const char *capture_next_line(struct capture *c)
{
    if (!c->buf)
        return NULL;
    const char *start = c->buf + c->scanned;
    const char *nl = memchr(start, '\n', c->len - c->scanned);
    if (!nl)
        return NULL;
    size_t n = (size_t)(nl - start);
    if (grow(&c->line, &c->line_cap, n + 1) != 0)
        return NULL;
    memcpy(c->line, start, n);
    c->line[n] = '\0';
    c->scanned += n + 1;
    return c->line;
}

const char *capture_partial_line(const struct capture *c)
{
    return c->buf ? c->buf + c->scanned : "";
}

/* Counts the lines capture_split will produce for text of length len. */
static size_t count_lines(const char *text, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n')
            count++;
    if (len > 0 && text[len - 1] != '\n')
        count++;
    return count;
}

int capture_split(const struct capture *c, struct line_list *out)
{
    memset(out, 0, sizeof(*out));
    size_t len = c->len;
    size_t count = count_lines(c->buf ? c->buf : "", len);
    out->storage = malloc(len + 1);
    out->lines = malloc((count ? count : 1) * sizeof(char *));
    if (!out->storage || !out->lines) {
        line_list_free(out);
        return -1;
    }
    if (len)
        memcpy(out->storage, c->buf, len);
    out->storage[len] = '\0';
    char *p = out->storage;
    for (size_t i = 0; i < count; i++) {
        out->lines[i] = p;
        char *nl = strchr(p, '\n');
        if (nl) {
            *nl = '\0';
            p = nl + 1;
        }
    }
    out->count = count;
    return 0;
}

void line_list_free(struct line_list *l)
{
    free(l->storage);
    free(l->lines);
    memset(l, 0, sizeof(*l));
}
