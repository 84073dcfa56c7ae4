/*
 * AArch64 thread state kept in the TCB: the saved user registers and the FP/SIMD state.
 *
 * The register area is the one the entry code (traps.S) stores into: while a thread runs at
 * EL0, SP_EL1 points at its regs[0], so an exception saves x0..x30, SP_EL0, ELR_EL1, SPSR_EL1
 * and TPIDR_EL0 straight into the TCB (facts 3.3). Word indices are fixed: traps.S uses them
 * by number (checked in c_traps.c).
 */
#ifndef ARCH_OBJECT_STRUCTURES_H
#define ARCH_OBJECT_STRUCTURES_H

#include <types.h>

typedef enum {
    REG_X0, REG_X1, REG_X2, REG_X3, REG_X4, REG_X5, REG_X6, REG_X7,
    REG_X8, REG_X9, REG_X10, REG_X11, REG_X12, REG_X13, REG_X14, REG_X15,
    REG_X16, REG_X17, REG_X18, REG_X19, REG_X20, REG_X21, REG_X22, REG_X23,
    REG_X24, REG_X25, REG_X26, REG_X27, REG_X28, REG_X29, REG_X30,
    REG_SP_EL0,      /* 31 */
    REG_ELR,         /* 32: the PC the thread resumes at (NextIP) */
    REG_SPSR,        /* 33 */
    REG_FAULT_IP,    /* 34: where a faulting or restarted syscall begins again */
    REG_TPIDR_EL0,   /* 35: the TLS base */
    REG_TPIDRRO_EL0, /* 36 */
    REG_VECTOR,      /* 37: VECTOR_SYSCALL while the thread is in or returns from a syscall */
    n_context_regs
} context_reg_t;

#define VECTOR_SYSCALL ((word_t)-1)

typedef struct user_context {
    word_t regs[n_context_regs];
} user_context_t;

/* The FP/SIMD registers: V0..V31, then FPSR and FPCR (saved by fpu.S). */
typedef struct fpu_state {
    uint64_t v[64];
    uint64_t fpsr, fpcr;
} __attribute__((aligned(16))) fpu_state_t;

typedef struct arch_tcb {
    user_context_t context;
    fpu_state_t fpu;
} arch_tcb_t;

/* The syscall ABI (facts 3.2): x0 cap / badge, x1 message info, x2..x5 MR0..MR3. */
#define REG_MSGINFO REG_X1
#define REG_CAP REG_X0
#define REG_BADGE REG_X0
static const context_reg_t msgRegisters[] = { REG_X2, REG_X3, REG_X4, REG_X5 };
#define n_msgRegisters 4

/* seL4_UserContext: its words, of which the first are the frame registers (TCB_CopyRegisters). */
#define N_USER_CONTEXT_REGS 36
#define N_FRAME_REGS 17

/* The registers of the fault messages (facts 3.5): UnknownSyscall x0..x7, FaultIP, SP, LR
 * (ELR_EL1: the pc after `svc`, not x30), SPSR; UserException FaultIP, SP, SPSR. */
#define ARCH_SYSCALL_MESSAGE_REGS                                                                  \
    REG_X0, REG_X1, REG_X2, REG_X3, REG_X4, REG_X5, REG_X6, REG_X7, REG_FAULT_IP, REG_SP_EL0, REG_ELR, \
        REG_SPSR
#define ARCH_EXCEPTION_MESSAGE_REGS REG_FAULT_IP, REG_SP_EL0, REG_SPSR

#endif
