/*
 * The system against the kernel file (kernel_config.h).
 */
#include "kernel_config.h"
#include "elf_ingest.h"

#include <sel4/kernel_build_config.h>
#include <stdlib.h>
#include <string.h>

#define HINT "build the image with a kernel built for it (--kernel), e.g. kernel-domains-runtime for two domains"

/* The record, when the file has one; false when it has none (not our kernel). */
static bool read_config(const char *path, kernel_build_config_t *out, bool *bad, diag_t *d)
{
    uint64_t value, size, off;
    *bad = false;
    if (!elf_find_symbol(path, KERNEL_BUILD_CONFIG_SYMBOL, &value, &size, &off)) {
        return false;
    }
    size_t len;
    char *img = read_file(path, &len);
    if (!img || size != sizeof(*out) || off + sizeof(*out) > len) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "kernel '%s': its %s record is %llu bytes, not the %zu this "
                   "capdl-tool reads", path, KERNEL_BUILD_CONFIG_SYMBOL, (unsigned long long)size, sizeof(*out));
        free(img);
        *bad = true;
        return false;
    }
    memcpy(out, img + off, sizeof(*out));
    free(img);
    if (out->magic != KERNEL_BUILD_CONFIG_MAGIC || out->version != KERNEL_BUILD_CONFIG_VERSION) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "kernel '%s': unknown %s record (version %u; this capdl-tool reads "
                   "version %u)", path, KERNEL_BUILD_CONFIG_SYMBOL, out->version, KERNEL_BUILD_CONFIG_VERSION);
        *bad = true;
        return false;
    }
    return true;
}

static bool check_threads(const char *path, const kernel_build_config_t *k, const model_t *m, diag_t *d)
{
    bool ok = true;
    for (size_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if (o->type != CDL_TCB) {
            continue;
        }
        const model_tcb_t *t = &m->tcbs.v[o->aux];
        if (t->domain >= k->num_domains) {
            diag_error(d, o->pos, NULL, HINT, "thread '%s' runs in domain %u, but the kernel '%s' has %u scheduling "
                       "domain%s (0..%u)", o->name, t->domain, path, k->num_domains, k->num_domains == 1 ? "" : "s",
                       k->num_domains - 1);
            ok = false;
        }
        unsigned top = t->prio > t->mcp ? t->prio : t->mcp;
        if (top >= k->num_priorities) {
            diag_error(d, o->pos, NULL, NULL, "thread '%s' has priority %u, but the kernel '%s' has priorities "
                       "0..%u", o->name, top, path, k->num_priorities - 1);
            ok = false;
        }
    }
    return ok;
}

static bool check_schedule(const char *path, const kernel_build_config_t *k, const model_t *m, diag_t *d)
{
    const model_domain_schedule_t *s = &m->domain_schedule;
    if (s->entries.n == 0) {
        return true;
    }
    bool ok = true;
    if (s->index_shift + s->entries.n > k->num_domain_schedules) {
        diag_error(d, s->pos, NULL, HINT, "the domain schedule takes kernel indices %u..%zu, but the kernel '%s' has "
                   "a table of %u entr%s", s->index_shift, s->index_shift + s->entries.n - 1, path,
                   k->num_domain_schedules, k->num_domain_schedules == 1 ? "y" : "ies");
        ok = false;
    }
    for (size_t i = 0; i < s->entries.n; i++) {
        uint32_t dom = CDL_DOMAIN_ENTRY_DOMAIN(s->entries.v[i]);
        if (dom >= k->num_domains) {
            diag_error(d, s->pos, NULL, HINT, "domain schedule entry %zu names domain %u, but the kernel '%s' has %u "
                       "scheduling domain%s", i, dom, path, k->num_domains, k->num_domains == 1 ? "" : "s");
            ok = false;
        }
    }
    return ok;
}

/* The system and the kernel agree on MCS: the ABIs differ, and each loader refuses the other's
 * spec at boot, which is later than it needs to be. */
static bool check_mcs(const char *path, const kernel_build_config_t *k, const model_t *m, diag_t *d)
{
    bool sys = (m->spec_flags & CDL_SPEC_F_MCS) != 0;
    if (sys == (k->mcs != 0)) {
        return true;
    }
    if (sys) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "the system is for the MCS kernel ('kernel: {mcs: true}'), but the "
                   "kernel '%s' is built without MCS", path);
    } else {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "the kernel '%s' is built with MCS, but the system is not for it "
                   "(say 'kernel: {mcs: true}')", path);
    }
    return false;
}

bool kernel_config_check(const char *kernel_path, const model_t *m, diag_t *d)
{
    kernel_build_config_t k;
    bool bad;
    if (!read_config(kernel_path, &k, &bad, d)) {
        return !bad;
    }
    bool ok = check_threads(kernel_path, &k, m, d);
    ok = check_mcs(kernel_path, &k, m, d) && ok;
    return check_schedule(kernel_path, &k, m, d) && ok;
}
