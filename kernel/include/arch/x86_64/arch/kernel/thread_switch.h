/*
 * Switching the CPU to a thread (x86_64), inline because the IPC fastpath does it on every
 * Call and ReplyRecv: the VSpace root to load, then CR3, the context the entry code saves to,
 * FS/GS base and the FPU (kernel/fpu.h). Arch_switchToThread (kernel/thread.c) and the fastpath both use
 * these, so the two paths switch identically.
 */
#ifndef ARCH_KERNEL_THREAD_SWITCH_H
#define ARCH_KERNEL_THREAD_SWITCH_H

#include <arch/cpu.h>
#include <kernel/fpu.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <arch/kernel/vspace.h>
#include <object/structures.h>

/* The FS and GS bases loaded in the CPU. */
extern word_t loaded_fs_base, loaded_gs_base;

/* Whether the thread's ASID still maps to its VSpace root (seL4 setVMRoot), which is then
 * *root: a thread whose VSpace or ASID pool was deleted must not run in it.
 * The VTable slot may hold any cap here, so the pool is found by the ASID bits masked to the
 * table's size (a mapped PML4 cap's ASID fits it: unchanged), and one compare then asks both
 * that the cap is a mapped PML4 cap (word 0's bits 63:47 = type << 12 | isMapped) and that the
 * pool entry is its address (bits 46:0): pool entries are 0 or a PML4's physical address, below
 * 2^47, so word 0 ^ entry has those bits exactly when both hold (cap_is_mapped_pml4 and the
 * address compare, two tests less). */
static FORCE_INLINE bool arch_vspace_root(const tcb_t *t, paddr_t *root)
{
    cap_t vs = t->ctes[tcbVTable].cap;
    word_t asid = cap_get_mappedASID(vs);
    paddr_t pool = x86KSASIDTable[(asid >> ASID_LOW_BITS) & MASK(ASID_HIGH_BITS)];
    if (!pool) {
        return false;
    }
    *root = ((const paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)];
    return (vs.words[0] ^ *root) == ((((word_t)cap_pml4_cap << (59 - CAP_PTR_BITS)) | 1) << CAP_PTR_BITS);
}

/* Loads root (a PML4's physical address) unless it is loaded: writing CR3 flushes the TLB. */
static FORCE_INLINE void arch_switch_vspace(paddr_t root)
{
    if (read_cr3() != root) {
        write_cr3(root);
    }
}

/* Written only when they change: WRMSR is slow on hardware. */
static FORCE_INLINE void arch_switch_bases(const tcb_t *t)
{
    word_t fs = t->arch.context.regs[REG_FS_BASE], gs = t->arch.context.regs[REG_GS_BASE];
    if (fs != loaded_fs_base) {
        wrmsr(MSR_FS_BASE, fs);
        loaded_fs_base = fs;
    }
    if (gs != loaded_gs_base) {
        wrmsr(MSR_GS_BASE, gs);
        loaded_gs_base = gs;
    }
}

/* arch_switch_to with only the usual cases of the FPU switch: false if arch_switch_to_rare(t)
 * (the rare ones) remains to be done (the IPC fastpath does that out of line). */
static FORCE_INLINE bool arch_switch_to_common(tcb_t *t, paddr_t root)
{
    arch_switch_vspace(root);
    cpu_set_trap_context(&t->arch.context);
    arch_switch_bases(t);
    return fpu_switch_to_common(t);
}

static FORCE_INLINE void arch_switch_to_rare(tcb_t *t)
{
    fpu_switch_to_rare(t);
}

#endif
