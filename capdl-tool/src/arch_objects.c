/*
 * Architecture-specific objects of a YAML system (arch_objects.h).
 */
#include "arch_objects.h"

/* Why object o cannot be built on the system's architecture, or NULL. */
static const char *foreign(const model_t *m, const model_obj_t *o)
{
    bool a64 = m->arch == CDL_ARCH_AARCH64;
    const cdl_irq_t *q = o->type == CDL_IRQ ? &m->irqs.v[o->aux] : NULL;
    if (!a64) {
        return q && q->kind == CDL_IRQ_ARM ? "a GIC interrupt ('gic') exists on AArch64 only" : NULL;
    }
    if (o->type == CDL_IO_PORTS) {
        return "I/O ports exist on x86_64 only";
    }
    if (q && q->kind == CDL_IRQ_LEGACY) {
        return "a legacy PIC IRQ ('irq') exists on x86_64 only (on AArch64 name the GIC interrupt: 'gic')";
    }
    if (q && (q->kind == CDL_IRQ_IOAPIC || q->kind == CDL_IRQ_MSI)) {
        return q->kind == CDL_IRQ_MSI ? "MSIs exist on x86_64 only" : "IOAPIC lines exist on x86_64 only";
    }
    return NULL;
}

uint32_t arch_objects_guess(const model_t *m)
{
    for (size_t i = 0; i < m->objs.n; i++) {
        if (m->objs.v[i].type == CDL_IRQ && m->irqs.v[m->objs.v[i].aux].kind == CDL_IRQ_ARM) {
            return CDL_ARCH_AARCH64;
        }
    }
    return CDL_ARCH_X86_64;
}

bool arch_objects_check(const model_t *m, diag_t *d)
{
    bool ok = true;
    const char *arch = m->arch == CDL_ARCH_AARCH64 ? "AArch64" : "x86_64";
    for (size_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        const char *why = foreign(m, o);
        if (why) {
            diag_error(d, o->pos, NULL, NULL, "'%s' cannot be built for an %s system: %s", o->name, arch, why);
            ok = false;
        }
    }
    /* the I/O port control cap is a copy of the loader's (a singleton without a declaration) */
    for (size_t c = 0; c < m->comps.n && m->arch == CDL_ARCH_AARCH64; c++) {
        const sys_comp_t *k = &m->comps.v[c];
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *cap = &k->caps.v[i];
            if (cap->kind == CAPK_CONTROL && cap->obj != CDL_NONE && m->objs.v[cap->obj].type == CDL_IOPORT_CONTROL) {
                diag_error(d, cap->pos, NULL, NULL, "'%s' cannot be built for an AArch64 system: the I/O port control "
                           "cap exists on x86_64 only", cap->name);
                ok = false;
            }
        }
    }
    return ok;
}
