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

typedef struct tss {
    uint32_t reserved0;
    uint64_t rsp0, rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} PACKED tss_t;

/* The one TSS. Its rsp0 is where the CPU (on a trap) and syscall_entry (on a syscall) start
 * saving the user registers: just past the current thread's hardware frame. */
extern tss_t tss;

/* Makes traps and syscalls from user mode save into ctx, and resumes from it. TSS.rsp0 is the
 * only record of the current context: syscall_entry and restore_user_context (traps.S) address
 * the registers below it, so a thread switch writes one word here, not two. */
static inline void cpu_set_trap_context(user_context_t *ctx)
{
    tss.rsp0 = (word_t)&ctx->regs[REG_FS_BASE];
}

/* Resumes ksCurThread (traps.S). */
void restore_user_context(void) NORETURN;

#endif
