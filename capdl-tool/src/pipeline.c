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

bool pipeline_front(tool_run_t *r, const char *file, const char *text, size_t len, bool with_elf)
{
    if (!yaml_load_string(&r->m, &r->d, file, text, len) || !cspace_layout(&r->m, &r->d)) {
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
