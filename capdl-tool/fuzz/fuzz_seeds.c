/*
 * Writes the fuzzers' seed corpora at build time: for every YAML file given, a copy in
 * OUT/yaml/, and for those that are valid systems (checked without ELFs), the .cdl text in
 * OUT/cdl/ and the binary spec in OUT/spec/. Usage: capdl_tool_fuzz_seeds OUT FILE.yaml...
 * Seeds are regenerated from the fixtures and specs, so they follow format changes.
 */
#include "cdl_write.h"
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool write_seed(const char *out, const char *kind, const char *name, const char *ext, const void *data,
                       size_t len)
{
    char *path = xasprintf("%s/%s/%s%s", out, kind, name, ext);
    bool ok = write_file(path, data, len);
    if (!ok) {
        fprintf(stderr, "capdl_tool_fuzz_seeds: cannot write '%s'\n", path);
    }
    free(path);
    return ok;
}

/* One YAML file; returns false on an I/O error only. */
static bool seed_one(const char *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    char *name = xstrdup(slash ? slash + 1 : path);
    char *dot = strrchr(name, '.');
    if (dot) {
        *dot = '\0';
    }
    tool_run_t r;
    pipeline_init(&r);
    bool ok = pipeline_load_yaml(&r, path, false);
    bool io_ok = r.text && write_seed(out, "yaml", name, ".yaml", r.text, strlen(r.text));
    if (io_ok && ok && pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED)) {
        strbuf_t cdl = { 0 };
        cdl_write(&r.m, &cdl);
        io_ok = write_seed(out, "cdl", name, ".cdl", cdl.s, cdl.len) &&
                write_seed(out, "spec", name, ".spec", r.spec, r.spec_len);
        sb_free(&cdl);
    }
    pipeline_free(&r);
    free(name);
    return io_ok;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: capdl_tool_fuzz_seeds OUT FILE.yaml...\n");
        return 2;
    }
    const char *kinds[] = { "", "/yaml", "/cdl", "/spec" };
    for (int i = 0; i < 4; i++) {
        char *d = xasprintf("%s%s", argv[1], kinds[i]);
        mkdir(d, 0777);
        free(d);
    }
    for (int i = 2; i < argc; i++) {
        if (!seed_one(argv[1], argv[i])) {
            return 2;
        }
    }
    return 0;
}
