/*
 * The capability dump of a run (run_dump.h).
 */
#include "run_dump.h"

#include <capdl/spec.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the line at p (up to end), without its newline and carriage return. */
static size_t line_length(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    *next = nl ? nl + 1 : end;
    while (stop > p && stop[-1] == '\r') {
        stop--;
    }
    return (size_t)(stop - p);
}

static bool line_is(const char *p, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(p, s, n) == 0;
}

/* Drops what was appended after len (the string stays terminated). */
static void truncate_to(strbuf_t *b, size_t len)
{
    b->len = len;
    if (b->s) {
        b->s[len] = '\0';
    }
}

bool dump_extract(const char *text, size_t len, strbuf_t *out)
{
    const char *end = text + len, *next;
    size_t start = out->len;
    bool inside = false;
    for (const char *p = text; p < end; p = next) {
        size_t n = line_length(p, end, &next);
        if (line_is(p, n, CDL_DUMP_FIRST_LINE)) {
            truncate_to(out, start); /* a dump cut short by a second one (a reset): keep the later */
            inside = true;
        }
        if (inside) {
            sb_append(out, p, n);
            sb_append(out, "\n", 1);
            if (line_is(p, n, CDL_DUMP_LAST_LINE)) {
                return true;
            }
        }
    }
    truncate_to(out, start);
    return false;
}

/* A run without checks would never end for systems that idle: stop once the dump is out. */
static char *dump_expectation(const run_opts_t *o)
{
    char *path = xasprintf("%s/capdl-dump.expect", o->dir);
    static const char text[] = "# capdl-tool run --dump-caps: stop once the dump is complete\n"
                               CDL_DUMP_FIRST_LINE "\nend of capdl-dump\n";
    if (!write_file(path, text, sizeof(text) - 1)) {
        fprintf(stderr, "capdl-tool: error: cannot write '%s': %s\n", path, strerror(errno));
        free(path);
        return NULL;
    }
    return path;
}

/* The dump of the logged output into file; returns the exit status it adds to the run's. */
static int save_dump(const char *log, const char *file, int code)
{
    size_t len;
    char *text = read_file(log, &len);
    if (!text) {
        fprintf(stderr, "capdl-tool: error: cannot read the run's output '%s': %s\n", log, strerror(errno));
        return 2;
    }
    strbuf_t dump = { 0 };
    bool found = dump_extract(text, len, &dump);
    free(text);
    if (!found) {
        fprintf(stderr,
                "capdl-tool: error: the loader printed no complete capability dump ('%s' ... '%s'): it failed, "
                "or the run was stopped before (--until-match with expectations met by earlier lines)\n",
                CDL_DUMP_FIRST_LINE, CDL_DUMP_LAST_LINE);
        sb_free(&dump);
        return code ? code : 1;
    }
    if (!write_file(file, dump.s, dump.len)) {
        fprintf(stderr, "capdl-tool: error: cannot write '%s': %s\n", file, strerror(errno));
        code = 2;
    }
    sb_free(&dump);
    return code;
}

int run_with_dump(run_opts_t *o, const char *file)
{
    char *expect = NULL, *log = xasprintf("%s/capdl-run.log", o->dir);
    if (!o->timeout && !o->expect && !o->end && !o->until_match) {
        if (!(expect = dump_expectation(o))) {
            free(log);
            return 2;
        }
        o->expect = expect;
        o->until_match = true;
    }
    o->log = log;
    int code = run_image(o);
    if (code != 2) {
        code = save_dump(log, file, code);
    }
    free(expect);
    free(log);
    return code;
}
