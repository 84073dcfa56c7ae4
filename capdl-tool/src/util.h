/*
 * Small host helpers used by every module of the tool: checked allocation, growable arrays,
 * a string builder, file reading and the edit distance behind "did you mean".
 * Allocation failure is fatal (exit 2): the tool has no partial-output mode.
 */
#ifndef CAPDL_TOOL_UTIL_H
#define CAPDL_TOOL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Reports running out of memory and exits (status 2): what the x* allocators do on failure. */
void oom(void);
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array: VEC(T) declares { T *v; size_t n, cap; }. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(vec, item) do { \
        if ((vec).n == (vec).cap) { \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 8; \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof(*(vec).v)); \
        } \
        (vec).v[(vec).n++] = (item); \
    } while (0)
#define VEC_FREE(vec) do { free((vec).v); (vec).v = NULL; (vec).n = (vec).cap = 0; } while (0)

/* A string builder. With `spill` set it is a buffered writer instead: once it holds 64 KiB
 * the text goes to that file and the buffer starts again (a large system's .cdl is tens of
 * megabytes); sb_flush writes the rest. */
typedef struct strbuf {
    char *s;
    size_t len, cap;
    FILE *spill;
    bool spill_failed; /* a write to `spill` failed */
} strbuf_t;

#define SB_SPILL_AT 65536 /* a spilling builder writes its text out once it holds this much */

void sb_printf(strbuf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends n bytes (the text stays NUL-ended). Inline where they fit without growing or
 * spilling (the back ends append millions of short pieces); sb_append_slow does the rest. */
void sb_append_slow(strbuf_t *b, const void *data, size_t n);
static inline void sb_append(strbuf_t *b, const void *data, size_t n)
{
    size_t len = b->len + n;
    if (len >= b->cap || (b->spill && len >= SB_SPILL_AT)) {
        sb_append_slow(b, data, n);
        return;
    }
    memcpy(b->s + b->len, data, n);
    b->s[len] = '\0';
    b->len = len;
}

/* Append a NUL-ended string; v as printf's "%llu"; v as printf's "0x%llx". For the back ends'
 * hot paths: no format string to parse (and a literal's length known when compiling). */
static inline void sb_str(strbuf_t *b, const char *s)
{
    sb_append(b, s, strlen(s));
}
void sb_dec(strbuf_t *b, uint64_t v);
void sb_hex(strbuf_t *b, uint64_t v);
void sb_free(strbuf_t *b);

/* Writes what a spilling builder still holds; false if any write to its file failed. */
bool sb_flush(strbuf_t *b);

/* "<a><b><v in lowercase hex>" ("c1", ".page_", 0x400000: "c1.page_400000"), as "%s%s%llx"
 * prints it: in buf if it fits in size bytes, else in a new heap string, which the caller
 * frees (a result other than buf). For the names of the objects the passes make. */
char *name_hex(char *buf, size_t size, const char *a, const char *b, uint64_t v);

/* An arena of strings: copies made one after another in large blocks and freed all at once (a
 * large system's model holds hundreds of thousands of names: not one malloc and one free each).
 * Zero-initialised is empty. */
typedef struct arena {
    struct arena_block *blocks;
    size_t left;         /* free bytes in the newest block */
} arena_t;

/* A copy of s (of its first n bytes, NUL-ended), valid until arena_free. */
char *arena_strdup(arena_t *a, const char *s);
char *arena_strndup(arena_t *a, const char *s, size_t n);
/* Frees every copy; the arena is empty again. */
void arena_free(arena_t *a);

/* Reads a whole file; NULL (errno set) on failure. *len gets the size; the buffer is NUL-ended. */
char *read_file(const char *path, size_t *len);

/* Writes len bytes to path; false on failure. */
bool write_file(const char *path, const void *data, size_t len);

/* Levenshtein distance between a and b, capped at limit + 1. */
unsigned edit_distance(const char *a, const char *b, unsigned limit);

/* The candidate closest to name within a distance that depends on name's length, or NULL. */
const char *closest_name(const char *name, const char *const *cands, size_t n);

/* Parses a number: decimal, 0x hex, 0b binary, with optional K/M/G suffix (powers of 1024).
 * Returns false on garbage or overflow. */
bool parse_u64(const char *s, uint64_t *out, bool allow_suffix);

#endif
