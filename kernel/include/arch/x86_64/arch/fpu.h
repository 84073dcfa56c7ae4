/*
 * The FPU hardware of x86_64 as the portable FPU switching (kernel/fpu.h) uses it: saving and
 * loading a thread's FXSAVE area, and CR0.TS, which makes the next FPU or SSE instruction raise
 * #NM (device not available, vector 7) so a thread without the FPU faults on its first use.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <arch/machine.h>
#include <object/structures.h>
#include <util.h>

#define CR0_TS (1u << 3)

/* Saves the FPU state into f / loads it from f (CR0.TS must be clear: they are FPU
 * instructions too). */
static inline void arch_fpu_save(fpu_state_t *f)
{
    __asm__ volatile("fxsave64 %0" : "=m"(*f));
}

static inline void arch_fpu_restore(const fpu_state_t *f)
{
    __asm__ volatile("fxrstor64 %0" ::"m"(*f));
}

/* Makes user FPU use trap (#NM) / work again. */
static inline void arch_fpu_disable(void)
{
    write_cr0(read_cr0() | CR0_TS);
}

static inline void arch_fpu_enable(void)
{
    __asm__ volatile("clts" ::: "memory");
}

/* A clean FPU state (after FNINIT, MXCSR default) for new threads. */
extern fpu_state_t fpu_initial_state;

#endif
