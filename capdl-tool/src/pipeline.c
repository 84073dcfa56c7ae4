/*
 * The pipeline stages (pipeline.h).
 */
#include "pipeline.h"

#include "arch_objects.h"
#include "cdl_components.h"
#include "cdl_read.h"
#include "cspace_layout.h"
#include "elf_ingest.h"
#include "vspace_layout.h"
#include "yaml_front.h"

#include <errno.h>
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

char *pipeline_elf_override(tool_run_t *r, const char *key)
{
    for (size_t i = 0; i < r->n_elf_overrides && i < 64; i++) {
        const char *opt = r->elf_overrides[i], *eq = strchr(opt, '=');
        if (!eq || (size_t)(eq - opt) != strlen(key) || strncmp(opt, key, strlen(key)) != 0) {
            continue;
        }
        r->elf_overrides_used |= 1ull << i;
        char cwd[4096];
        return eq[1] == '/' || !getcwd(cwd, sizeof(cwd)) ? xstrdup(eq + 1) : xasprintf("%s/%s", cwd, eq + 1);
    }
    return NULL;
}

bool pipeline_elf_overrides_used(tool_run_t *r)
{
    bool ok = true;
    for (size_t i = 0; i < r->n_elf_overrides; i++) {
        if (i >= 64 || !(r->elf_overrides_used & (1ull << i))) {
            diag_error(&r->d, (pos_t){ 0 }, NULL, NULL,
                       "--elf %s: expected KEY=FILE where KEY is a component's name or its 'elf:' as written (a "
                       ".cdl: a file its fills name)", r->elf_overrides[i]);
            r->env_error = true; /* a usage error */
            ok = false;
        }
    }
    return ok;
}

/* Applies the --elf KEY=FILE overrides to the components' ELF paths: by component name, else by
 * the 'elf:' as written. */
static bool apply_elf_overrides(tool_run_t *r)
{
    for (size_t c = 0; c < r->m.comps.n; c++) {
        sys_comp_t *k = &r->m.comps.v[c];
        char *path = pipeline_elf_override(r, k->name);
        if (!path && k->elf) {
            path = pipeline_elf_override(r, k->elf);
        }
        if (path) {
            free(k->elf);
            k->elf = path;
        }
    }
    return pipeline_elf_overrides_used(r);
}

static uint32_t arch_of(const char *name)
{
    return strcmp(name, "aarch64") == 0 ? CDL_ARCH_AARCH64 : CDL_ARCH_X86_64;
}

/* --arch against the architecture the input gave (whose says "the components' ELFs are"). */
static bool arch_agrees(tool_run_t *r, const char *whose)
{
    if (!r->arch || arch_of(r->arch) == r->m.arch) {
        return true;
    }
    diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "--arch %s, but %s %s", r->arch, whose,
               r->m.arch == CDL_ARCH_AARCH64 ? "aarch64" : "x86_64");
    return false;
}

bool pipeline_front(tool_run_t *r, const char *file, const char *text, size_t len, bool with_elf)
{
    if (!yaml_load_string(&r->m, &r->d, file, text, len) || !apply_elf_overrides(r) || !cspace_layout(&r->m, &r->d)) {
        return false;
    }
    elf_place_threads(&r->m);
    /* the architecture is known once the ELFs are read (else --arch or the objects name it):
     * then refuse the other one's objects */
    if (with_elf && !(elf_ingest(&r->m, &r->d) && arch_agrees(r, "the components' ELFs are"))) {
        return false;
    }
    if (!with_elf) { /* no ELFs: --arch, else what the objects say */
        r->m.arch = r->arch ? arch_of(r->arch) : arch_objects_guess(&r->m);
    }
    if (!arch_objects_check(&r->m, &r->d)) {
        return false;
    }
    return vspace_layout(&r->m, &r->d) && model_finalize(&r->m, &r->d);
}

/* Reads path into r->text and sets r->base_dir (its directory); false if unreadable. */
static bool read_input(tool_run_t *r, const char *path, size_t *len)
{
    r->text = read_file(path, len);
    if (!r->text) {
        diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "cannot read '%s': %s", path, strerror(errno));
        r->env_error = true;
        return false;
    }
    const char *slash = strrchr(path, '/');
    r->base_dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    r->m.base_dir = r->base_dir;
    return true;
}

bool pipeline_load_yaml(tool_run_t *r, const char *path, bool with_elf)
{
    size_t len;
    return read_input(r, path, &len) && pipeline_front(r, path, r->text, len, with_elf);
}

bool pipeline_is_cdl(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcmp(path + n - 4, ".cdl") == 0;
}

bool pipeline_load_cdl(tool_run_t *r, const char *path)
{
    size_t len;
    if (!read_input(r, path, &len) || !cdl_read(&r->m, &r->d, path, r->text, len) ||
        !arch_agrees(r, "its arch line says")) {
        return false;
    }
    cdl_derive_components(&r->m);
    /* the system is named after the file, in the characters a C identifier may use */
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    free(r->m.system);
    r->m.system = xstrndup(base, strlen(base) - 4);
    for (char *c = r->m.system; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) {
            *c = '_';
        }
    }
    return true;
}

bool pipeline_load(tool_run_t *r, const char *path, bool with_elf)
{
    return pipeline_is_cdl(path) ? pipeline_load_cdl(r, path) : pipeline_load_yaml(r, path, with_elf);
}

int pipeline_exit_code(const tool_run_t *r, bool ok)
{
    return ok ? TOOL_EXIT_OK : r->env_error ? TOOL_EXIT_USAGE : TOOL_EXIT_INPUT;
}

bool pipeline_back(tool_run_t *r, uint64_t memory, uint64_t reserved)
{
    if (memory) {
        r->m.ram_bytes = memory;
    }
    spec_write(&r->m, &r->spec, &r->spec_len, &r->stats);
    return alloc_sim_run(&r->m, r->spec, r->spec_len, reserved, &r->sim, &r->d);
}
