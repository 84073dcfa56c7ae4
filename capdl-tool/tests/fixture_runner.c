/*
 * The error-message fixture runner: for every NAME.yaml in the fixture folder, runs the YAML
 * front end and layout passes (no ELF) and compares the rendered diagnostics, byte for byte,
 * with NAME.expected (file:line:col, message, key path, source line, caret, hint). On a
 * mismatch prints both texts. With --update, writes the .expected files instead (review them).
 */
#include "pipeline.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs one fixture; returns true when the output matches. */
static bool run_one(const char *dir, const char *name, bool update)
{
    char *path = xasprintf("%s/%s", dir, name), *exp_path = xasprintf("%s/%.*s.expected", dir, (int)(strlen(name) - 5), name);
    size_t len, elen;
    char *text = read_file(path, &len);
    tool_run_t r;
    pipeline_init(&r);
    bool front_ok = pipeline_front(&r, name, text, len, false);
    char *got = diag_render(&r.d);
    bool ok;
    if (update) {
        ok = write_file(exp_path, got, strlen(got));
    } else {
        char *want = read_file(exp_path, &elen);
        ok = !front_ok && want && strcmp(want, got) == 0;
        if (!ok) {
            printf("FAILED %s\n--- expected\n%s--- got\n%s---\n", name, want ? want : "(missing)\n", got);
        }
        free(want);
    }
    free(got);
    pipeline_free(&r);
    free(text);
    free(path);
    free(exp_path);
    return ok;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: capdl_tool_fixtures DIR [--update]\n");
        return 2;
    }
    bool update = argc > 2 && strcmp(argv[2], "--update") == 0;
    DIR *d = opendir(argv[1]);
    if (!d) {
        return 2;
    }
    VEC(char *) names = { 0 };
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) {
            VEC_PUSH(names, xstrdup(e->d_name));
        }
    }
    closedir(d);
    qsort(names.v, names.n, sizeof(char *), cmp_str);
    int failed = 0;
    for (size_t i = 0; i < names.n; i++) {
        failed += !run_one(argv[1], names.v[i], update);
        free(names.v[i]);
    }
    printf("%zu fixtures, %d failed\n", names.n, failed);
    VEC_FREE(names);
    return failed ? 1 : 0;
}
