/*
 * The host test architecture's thread state: a plain register array with the same register
 * names the core uses, so core logic runs in a normal process for unit tests.
 */
#ifndef ARCH_OBJECT_STRUCTURES_H
#define ARCH_OBJECT_STRUCTURES_H

#include <types.h>

typedef enum {
    REG_RDI, REG_RSI, REG_R10, REG_R8, REG_R9, REG_R15, REG_RIP, REG_RSP, REG_FAULT_IP,
    REG_FS_BASE, n_context_regs
} context_reg_t;

typedef struct user_context {
    word_t regs[n_context_regs];
} user_context_t;

typedef struct arch_tcb {
    user_context_t context;
} arch_tcb_t;

#define REG_MSGINFO REG_RSI
#define REG_CAP REG_RDI
#define REG_BADGE REG_RDI
static const context_reg_t msgRegisters[] = { REG_R10, REG_R8, REG_R9, REG_R15 };
#define n_msgRegisters 4

#endif
