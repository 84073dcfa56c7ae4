/*
 * CPU set-up for x86_64 (GDT, TSS, IDT, SYSCALL MSRs, FPU) and the per-thread state the entry
 * code needs: where the current thread's context lies and the kernel's rsp0.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <object/structures.h>
#include <util.h>

/* Loads the kernel's GDT with its TSS, the IDT, the SYSCALL MSRs and enables FXSAVE/SSE for
 * user code. */
void cpu_init(void);

/* Makes traps from user mode save into ctx (TSS.rsp0 just past its hardware frame). */
void cpu_set_trap_context(user_context_t *ctx);

/* The context the entry code saves to and restore_user_context resumes. */
extern word_t *ksCurContext;
extern word_t *ksCurContextTop;

/* Resumes ksCurThread (traps.S). */
void restore_user_context(void) NORETURN;

/* Saves the FPU state into f / loads it from f. */
static inline void fpu_save(fpu_state_t *f)
{
    __asm__ volatile("fxsave64 %0" : "=m"(*f));
}

static inline void fpu_restore(const fpu_state_t *f)
{
    __asm__ volatile("fxrstor64 %0" ::"m"(*f));
}

/* A clean FPU state (after FNINIT, MXCSR default) for new threads. */
extern fpu_state_t fpu_initial_state;

#endif
