/*
 * Setting a saved user register from a value another thread chose (x86_64), inline because
 * the fault reply writes up to 18 of them in one loop (kernel/faulthandler.c): a call per
 * register cost as much as the copy itself.
 */
#ifndef ARCH_KERNEL_REGISTERS_H
#define ARCH_KERNEL_REGISTERS_H

#include <arch/memlayout.h>
#include <object/structures.h>

#define RFLAGS_USER_DEFAULT 0x202ull /* IF and the always-one bit */
/* User-settable flags: the arithmetic flags and DF (bits 0..11 without TF and the reserved
 * bits 3 and 5, as seL4); IF and bit 1 always on (sel4-facts 1.9). */
#define RFLAGS_USER_MASK 0xcd5ull

static inline bool arch_is_canonical(word_t v)
{
    return v < USER_TOP || v >= 0xffff800000000000ull;
}

/* Sets register r of t to v, sanitised: user flags only, canonical addresses (sysret and
 * wrmsr fault on others); FaultIP is also the PC the thread resumes at. */
static FORCE_INLINE void arch_set_register_sanitised(tcb_t *t, context_reg_t r, word_t v)
{
    switch (r) {
    case REG_RFLAGS:
        v = (v & RFLAGS_USER_MASK) | RFLAGS_USER_DEFAULT;
        break;
    case REG_FAULT_IP:
        v = arch_is_canonical(v) ? v : 0;
        t->arch.context.regs[REG_RIP] = v;
        break;
    case REG_FS_BASE:
    case REG_GS_BASE:
        v = arch_is_canonical(v) ? v : 0;
        break;
    default:
        break;
    }
    t->arch.context.regs[r] = v;
}

#endif
