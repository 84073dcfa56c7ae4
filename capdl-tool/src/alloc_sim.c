/*
 * The allocation simulation (alloc_sim.h).
 */
#include "alloc_sim.h"

#include <stdlib.h>

static void record(uint32_t obj, uint32_t ut, uint64_t addr, void *ctx)
{
    (void)addr;
    ((alloc_sim_t *)ctx)->ut_of[obj] = ut;
}

static uint64_t needed_bytes(const model_t *m)
{
    uint64_t total = 0;
    for (size_t i = 0; i < m->objs.n; i++) {
        unsigned b = model_obj_mem_bits(&m->objs.v[i]);
        total += (b && !m->objs.v[i].has_paddr) ? 1ull << b : 0;
    }
    return total;
}

/* The largest RAM untyped the kernel hands out: an object larger than it never fits, whatever
 * the total says (untypeds are power-of-two aligned blocks). */
static uint64_t largest_block(const alloc_sim_t *a)
{
    uint64_t best = 0;
    for (unsigned i = 0; i < a->n_uts; i++) {
        uint64_t size = 1ull << a->uts[i].size_bits;
        best = !a->uts[i].is_device && size > best ? size : best;
    }
    return best;
}

static void report_failure(const model_t *m, const alloc_sim_t *a, cdl_result_t r, diag_t *d)
{
    const model_obj_t *o = &m->objs.v[r.index];
    if (r.status == CDL_ERR_OUT_OF_MEMORY) {
        diag_error(d, o->pos, NULL, "raise 'memory:' in the system description or use fewer/smaller objects",
                   "out of memory: '%s' (%s, %llu bytes) does not fit; the system needs %llu KiB of RAM "
                   "objects, the kernel leaves %llu KiB for %llu MiB of RAM, in aligned blocks of at most %llu KiB",
                   o->name, cdl_obj_type_name(o->type), 1ull << model_obj_mem_bits(o),
                   (unsigned long long)(needed_bytes(m) >> 10), (unsigned long long)(a->ram_free >> 10),
                   (unsigned long long)(m->ram_bytes >> 20), (unsigned long long)(largest_block(a) >> 10));
        return;
    }
    const char *why = r.status == CDL_ERR_PADDR_TAKEN ? "overlaps another object placed there"
                                                      : "is not inside any untyped the kernel hands out";
    if (m->arch == CDL_ARCH_AARCH64) {
        uint64_t rs, re;
        kernel_ram_ranges_aarch64(m->ram_bytes, &rs, &re);
        diag_error(d, o->pos, NULL, NULL, "'%s' at paddr 0x%llx %s (RAM is [0x%llx, 0x%llx); the kernel keeps the "
                   "GIC pages at 0x8000000 and 0x8010000; device memory is everything else below 2^44)", o->name,
                   (unsigned long long)o->paddr, why, (unsigned long long)rs, (unsigned long long)re);
        return;
    }
    uint64_t s[2], e[2];
    unsigned n = kernel_ram_ranges(m->ram_bytes, s, e);
    char *ram = n == 1 ? xasprintf("[0x%llx, 0x%llx)", (unsigned long long)s[0], (unsigned long long)e[0])
                       : xasprintf("[0x%llx, 0x%llx) and [0x%llx, 0x%llx)", (unsigned long long)s[0],
                                   (unsigned long long)e[0], (unsigned long long)s[1], (unsigned long long)e[1]);
    diag_error(d, o->pos, NULL, NULL, "'%s' at paddr 0x%llx %s (RAM is %s; the kernel keeps the LAPIC at "
               "0xfee00000 and the IOAPIC at 0xfec00000; device memory is everything else below 2^47)", o->name,
               (unsigned long long)o->paddr, why, ram);
    free(ram);
}

bool alloc_sim_run(const model_t *m, const void *spec, size_t len, uint64_t reserved, alloc_sim_t *a, diag_t *d)
{
    cdl_spec_t s;
    cdl_result_t v = cdl_spec_validate(spec, len, &s);
    if (v.status != CDL_OK) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "internal: the spec written does not validate (%s, record %u)",
                   cdl_status_text(v.status), v.index);
        return false;
    }
    if (m->arch == CDL_ARCH_AARCH64 && m->ram_bytes < kernel_aarch64_min_ram(reserved)) {
        diag_error(d, (pos_t){ 0 }, NULL, "raise 'memory:' in the system description or --memory",
                   "out of memory: an AArch64 system needs at least %llu MiB of RAM (QEMU virt puts the loader at "
                   "0x48000000, 128 MiB into RAM, with %llu MiB reserved for it), not %llu MiB",
                   (unsigned long long)(kernel_aarch64_min_ram(reserved) >> 20), (unsigned long long)(reserved >> 20),
                   (unsigned long long)(m->ram_bytes >> 20));
        return false;
    }
    a->n_uts = m->arch == CDL_ARCH_AARCH64 ? kernel_untypeds_aarch64(m->ram_bytes, reserved, a->uts)
                                           : kernel_untypeds(m->ram_bytes, reserved, a->uts);
    a->ram_free = 0;
    for (unsigned i = 0; i < a->n_uts; i++) {
        a->ram_free += a->uts[i].is_device ? 0 : 1ull << a->uts[i].size_bits;
    }
    a->ut_of = xmalloc((m->objs.n + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < m->objs.n; i++) {
        a->ut_of[i] = CDL_NONE;
    }
    uint32_t order[KERNEL_UNTYPEDS_MAX];
    cdl_alloc_state_t st;
    cdl_alloc_init(&st, a->uts, a->n_uts, a->watermark, order);
    cdl_result_t r = cdl_alloc_spec(&s, &st, record, a);
    a->ram_used = 0;
    for (unsigned i = 0; i < a->n_uts; i++) {
        a->ram_used += a->uts[i].is_device ? 0 : a->watermark[i] - a->uts[i].paddr;
    }
    if (r.status != CDL_OK) {
        report_failure(m, a, r, d);
        return false;
    }
    return true;
}

void alloc_sim_free(alloc_sim_t *a)
{
    free(a->ut_of);
    a->ut_of = NULL;
}
