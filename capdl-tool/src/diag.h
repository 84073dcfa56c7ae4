/*
 * Diagnostics: the one place that formats errors. Stages add errors with a position (file,
 * 1-based line and column), the key path ("components.echo.caps.ep.rights[1]") and an optional
 * hint; diag_render sorts them by position (stable) and prints each as
 *
 *   file:line:col: error: message
 *     at: key.path
 *      7 |   source line
 *        |   ^
 *     did you mean 'x'?
 *
 * Errors without a position print as "capdl-tool: error: message". Source lines are looked up
 * only when rendering, from the texts registered with diag_add_source.
 */
#ifndef CAPDL_TOOL_DIAG_H
#define CAPDL_TOOL_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A source position; line 0 means "none". */
typedef struct pos {
    const char *file;
    uint32_t line, col;
} pos_t;

typedef struct diag_entry {
    pos_t pos;
    size_t seq;
    char *msg, *path, *hint;
} diag_entry_t;

typedef struct diag_source {
    const char *file;
    const char *text;
    size_t len;
} diag_source_t;

typedef struct diag {
    diag_entry_t *e;
    size_t n, cap;
    diag_source_t *src;
    size_t n_src, cap_src;
} diag_t;

/* Registers the text of file (borrowed: must outlive d) for source lines in messages. */
void diag_add_source(diag_t *d, const char *file, const char *text, size_t len);

/* Records one error. path and hint may be NULL. */
void diag_error(diag_t *d, pos_t pos, const char *path, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "did you mean 'x'?" for the candidate closest to name, or NULL; caller frees. */
char *diag_hint_closest(const char *name, const char *const *cands, size_t n);

/* All errors, sorted by position, as one string; caller frees. */
char *diag_render(diag_t *d);

/* Renders to f. */
void diag_print(diag_t *d, FILE *f);

void diag_free(diag_t *d);

#endif
