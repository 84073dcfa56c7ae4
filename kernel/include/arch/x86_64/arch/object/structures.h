/*
 * x86_64 thread state kept in the TCB: the saved user registers and the FPU area.
 *
 * The register area is laid out so that the hardware's interrupt frame (rip, cs, rflags, rsp,
 * ss) lands in place: on a trap from user mode the CPU pushes it at TSS.rsp0, which points just
 * past `ss` of the current thread, and the entry stub pushes the error code, the vector and the
 * general registers below it (traps.S). The syscall entry builds the same frame by hand.
 */
#ifndef ARCH_OBJECT_STRUCTURES_H
#define ARCH_OBJECT_STRUCTURES_H

#include <types.h>

typedef enum {
    REG_R15, REG_R14, REG_R13, REG_R12, REG_R11, REG_R10, REG_R9, REG_R8,
    REG_RBP, REG_RDI, REG_RSI, REG_RDX, REG_RCX, REG_RBX, REG_RAX,
    REG_VECTOR, /* trap vector, or VECTOR_SYSCALL: then the thread returns by sysret */
    REG_ERROR,  /* hardware error code */
    REG_RIP, REG_CS, REG_RFLAGS, REG_RSP, REG_SS, /* the hardware frame */
    REG_FS_BASE, REG_GS_BASE,
    REG_FAULT_IP, /* where a faulting or restarted syscall begins again */
    n_context_regs
} context_reg_t;

#define VECTOR_SYSCALL ((word_t)-1)

typedef struct user_context {
    word_t regs[n_context_regs];
} user_context_t;

/* FXSAVE area: 512 bytes, 16-byte aligned. */
typedef struct fpu_state {
    uint8_t bytes[512];
} __attribute__((aligned(16))) fpu_state_t;

typedef struct arch_tcb {
    fpu_state_t fpu;
    user_context_t context;
} arch_tcb_t;

/* The syscall ABI: where each message register travels (sel4-facts 1.2). */
#define REG_MSGINFO REG_RSI
#define REG_CAP REG_RDI
#define REG_BADGE REG_RDI
static const context_reg_t msgRegisters[] = { REG_R10, REG_R8, REG_R9, REG_R15 };
#define n_msgRegisters 4

/* seL4_UserContext: its words, of which the first are the frame registers (TCB_CopyRegisters). */
#define N_USER_CONTEXT_REGS 20
#define N_FRAME_REGS 18

/* The registers of the fault messages, in seL4's order (faulthandler.c): UnknownSyscall (MR
 * 0..17) and UserException (MR 0..2); FaultIP is the restart point. */
#define ARCH_SYSCALL_MESSAGE_REGS                                                                  \
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_R8, REG_R9, REG_R10, REG_R11, \
        REG_R12, REG_R13, REG_R14, REG_R15, REG_FAULT_IP, REG_RSP, REG_RFLAGS
#define ARCH_EXCEPTION_MESSAGE_REGS REG_FAULT_IP, REG_RSP, REG_RFLAGS

#endif
