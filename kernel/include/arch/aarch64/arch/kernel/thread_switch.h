/*
 * Switching the CPU to a thread (AArch64), inline because the IPC fastpath does it on every
 * Call and ReplyRecv: the VSpace root and ASID to load into TTBR0, the context the entry
 * code saves to, and the FPU (kernel/fpu.h). TPIDR_EL0 travels with the context (traps.S).
 */
#ifndef ARCH_KERNEL_THREAD_SWITCH_H
#define ARCH_KERNEL_THREAD_SWITCH_H

#include <arch/cpu.h>
#include <kernel/fpu.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <arch/kernel/vspace.h>
#include <object/structures.h>

/* The VSpace loaded in TTBR0 (root | ASID << 48). */
extern word_t loaded_ttbr0;

/* Whether the thread's ASID still maps to its VSpace (seL4 setVMRoot); *root is then the
 * TTBR0 value, with the ASID in bits 63..48. */
static FORCE_INLINE bool arch_vspace_root(const tcb_t *t, paddr_t *root)
{
    cap_t vs = t->ctes[tcbVTable].cap;
    if (!cap_is_mapped_pml4(vs)) {
        return false;
    }
    word_t asid = cap_get_mappedASID(vs);
    paddr_t pool = armKSASIDTable[asid >> ASID_LOW_BITS];
    paddr_t table = cap_get_capPaddr(vs);
    *root = table | (asid << 48);
    return pool && ((const paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)] == table;
}

static FORCE_INLINE void arch_switch_vspace(word_t ttbr0)
{
    if (ttbr0 != loaded_ttbr0) {
        MSR("ttbr0_el1", ttbr0);
        isb();
        loaded_ttbr0 = ttbr0;
    }
}

/* arch_switch_to with only the usual cases of the FPU switch: false if arch_switch_to_rare(t)
 * (the rare ones) remains to be done (the IPC fastpath does that out of line). */
static FORCE_INLINE bool arch_switch_to_common(tcb_t *t, paddr_t root)
{
    arch_switch_vspace(root);
    cpu_set_trap_context(&t->arch.context);
    return fpu_switch_to_common(t);
}

static FORCE_INLINE void arch_switch_to_rare(tcb_t *t)
{
    fpu_switch_to_rare(t);
}

#endif
