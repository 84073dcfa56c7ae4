/*
 * Where the AArch64 entry code saves the current thread (SP_EL1 while at EL0) and the exit to
 * user mode (traps.S).
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <object/structures.h>
#include <util.h>

/* The context arm_restore_context resumes and exceptions from EL0 save into. */
extern word_t *ksCurContext;

static inline void cpu_set_trap_context(user_context_t *ctx)
{
    ksCurContext = &ctx->regs[0];
}

void arm_restore_context(word_t *regs) NORETURN;
void arm_idle(void *stack_top) NORETURN;

/* Resumes ksCurThread: its registers at EL0, or the idle loop. */
void restore_user_context(void) NORETURN;

#endif
