/*
 * The pipeline stages (pipeline.h).
 */
#include "pipeline.h"

#include "cspace_layout.h"
#include "elf_ingest.h"
#include "vspace_layout.h"
#include "yaml_front.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void pipeline_init(tool_run_t *r)
{
    memset(r, 0, sizeof(*r));
    model_init(&r->m);
}

void pipeline_free(tool_run_t *r)
{
    model_free(&r->m);
    diag_free(&r->d);
    alloc_sim_free(&r->sim);
    free(r->text);
    free(r->base_dir);
    free(r->spec);
    memset(r, 0, sizeof(*r));
}

/* Applies the --elf KEY=FILE overrides to the components' ELF paths (relative FILEs are taken
 * from the current directory, not the YAML's). */
static bool apply_elf_overrides(tool_run_t *r)
{
    bool ok = true;
    for (size_t i = 0; i < r->n_elf_overrides; i++) {
        const char *opt = r->elf_overrides[i], *eq = strchr(opt, '=');
        size_t klen = eq ? (size_t)(eq - opt) : 0;
        bool used = false;
        for (size_t c = 0; eq && c < r->m.comps.n; c++) {
            sys_comp_t *k = &r->m.comps.v[c];
            bool by_name = strlen(k->name) == klen && strncmp(k->name, opt, klen) == 0;
            bool by_elf = k->elf && strlen(k->elf) == klen && strncmp(k->elf, opt, klen) == 0;
            if (by_name || by_elf) {
                char cwd[4096];
                char *path = eq[1] == '/' || !getcwd(cwd, sizeof(cwd)) ? xstrdup(eq + 1) : xasprintf("%s/%s", cwd, eq + 1);
                free(k->elf);
                k->elf = path;
                used = true;
            }
        }
        if (!used) {
            diag_error(&r->d, (pos_t){ 0 }, NULL, NULL,
                       "--elf %s: expected KEY=FILE where KEY is a component's name or its 'elf:' as written", opt);
            r->env_error = true; /* a usage error */
            ok = false;
        }
    }
    return ok;
}

bool pipeline_front(tool_run_t *r, const char *file, const char *text, size_t len, bool with_elf)
{
    if (!yaml_load_string(&r->m, &r->d, file, text, len) || !apply_elf_overrides(r) || !cspace_layout(&r->m, &r->d)) {
        return false;
    }
    elf_place_threads(&r->m);
    if (with_elf && !elf_ingest(&r->m, &r->d)) {
        return false;
    }
    return vspace_layout(&r->m, &r->d) && model_finalize(&r->m, &r->d);
}

bool pipeline_load_yaml(tool_run_t *r, const char *path, bool with_elf)
{
    size_t len;
    r->text = read_file(path, &len);
    if (!r->text) {
        diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "cannot read '%s'", path);
        r->env_error = true;
        return false;
    }
    const char *slash = strrchr(path, '/');
    r->base_dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    r->m.base_dir = r->base_dir;
    return pipeline_front(r, path, r->text, len, with_elf);
}

bool pipeline_back(tool_run_t *r, uint64_t memory, uint64_t reserved)
{
    if (memory) {
        r->m.ram_bytes = memory;
    }
    spec_write(&r->m, &r->spec, &r->spec_len, &r->stats);
    return alloc_sim_run(&r->m, r->spec, r->spec_len, reserved, &r->sim, &r->d);
}
