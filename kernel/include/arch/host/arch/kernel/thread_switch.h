/*
 * Switching to a thread on the host test architecture: there is no CPU state to load, so the
 * fastpath's switch only has to agree with x86_64 on which threads may run (a PML4 cap that
 * has an ASID; the host keeps no ASID table).
 */
#ifndef ARCH_KERNEL_THREAD_SWITCH_H
#define ARCH_KERNEL_THREAD_SWITCH_H

#include <object/structures.h>
#include <util.h>

static FORCE_INLINE bool arch_vspace_root(const tcb_t *t, paddr_t *root)
{
    cap_t vs = t->ctes[tcbVTable].cap;
    *root = cap_get_capPaddr(vs);
    return cap_is_mapped_pml4(vs);
}

/* The switch (kernel/thread_switch.h): no CPU state to load, no FPU case left to do. */
static FORCE_INLINE bool arch_switch_to_common(tcb_t *t, paddr_t root)
{
    (void)t, (void)root;
    return true;
}
static FORCE_INLINE void arch_switch_to_rare(tcb_t *t)
{
    (void)t;
}

#endif
