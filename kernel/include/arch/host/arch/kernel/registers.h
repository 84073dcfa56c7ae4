/*
 * Setting a saved user register (host test architecture): no sanitising; FaultIP is also the
 * PC the thread resumes at, as on x86_64.
 */
#ifndef ARCH_KERNEL_REGISTERS_H
#define ARCH_KERNEL_REGISTERS_H

#include <object/structures.h>

static FORCE_INLINE void arch_set_register_sanitised(tcb_t *t, context_reg_t r, word_t v)
{
    t->arch.context.regs[r] = v;
    if (r == REG_FAULT_IP) {
        t->arch.context.regs[REG_RIP] = v;
    }
}

#endif
