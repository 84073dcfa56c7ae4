/*
 * Switching the CPU to a thread, for the IPC fastpath and Arch_switchToThread alike: the
 * architecture's switch with the usual FPU cases (arch_switch_to_common, inline in
 * <arch/kernel/thread_switch.h>), then, when it says some remain, the rare ones
 * (arch_switch_to_rare: a thread without the FPU, or nobody able to use it; kernel/fpu.h).
 * The fastpath calls the two apart, so that the rare cases run out of line.
 */
#ifndef KERNEL_THREAD_SWITCH_H
#define KERNEL_THREAD_SWITCH_H

#include <arch/kernel/thread_switch.h>

/* Makes t the thread the CPU runs and the entry code saves to, in VSpace root. */
static FORCE_INLINE void arch_switch_to(tcb_t *t, paddr_t root)
{
    if (!arch_switch_to_common(t, root)) {
        arch_switch_to_rare(t);
    }
}

#endif
