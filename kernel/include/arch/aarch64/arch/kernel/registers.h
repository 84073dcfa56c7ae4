/*
 * Setting a saved user register from a value another thread chose (AArch64), inline because
 * the fault reply writes many of them in one loop (kernel/faulthandler.c).
 */
#ifndef ARCH_KERNEL_REGISTERS_H
#define ARCH_KERNEL_REGISTERS_H

#include <object/structures.h>

#define PSTATE_USER 0x40ull     /* EL0t with FIQ masked (facts 3.3, debug build) */
#define PSTATE_USER_NZCV 0xf0000000ull

/* Only NZCV of SPSR is the thread's to choose; the mode stays EL0t (facts 3.3). FaultIP is
 * also the PC the thread resumes at. */
static FORCE_INLINE void arch_set_register_sanitised(tcb_t *t, context_reg_t r, word_t v)
{
    if (r == REG_SPSR) {
        v = (v & PSTATE_USER_NZCV) | PSTATE_USER;
    }
    t->arch.context.regs[r] = v;
    if (r == REG_FAULT_IP) {
        t->arch.context.regs[REG_ELR] = v;
    }
}

#endif
