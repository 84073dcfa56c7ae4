/*
 * The AArch64 system call primitive (seL4's sel4_arch/syscalls.h for aarch64; register ABI in
 * sel4-aarch64-facts.md 3.2); the stubs above it are in sel4/syscalls.h. USER-ONLY (inline asm).
 *
 *   in:  x7 = syscall number, x0 = cap/dest, x1 = msginfo, x2..x5 = MR0..MR3
 *   out: x0 = badge, x1 = msginfo, x2..x5 = MR0..MR3
 *
 * The kernel saves and restores every other register (x6, x8..x30, sp, NZCV), so the stub
 * clobbers nothing but memory. There is no SetTLSBase syscall on aarch64: a thread writes
 * TPIDR_EL0 itself (facts 3.1).
 */
#pragma once

#include <sel4/functions.h>
#include <sel4/syscall.h>
#include <sel4/types.h>

/* The one system call primitive: mr[0..3] are MR0..MR3 in and out; *badge gets x0. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_sys_exchange(seL4_Word sys, seL4_Word dest, seL4_Word info,
                                                            seL4_Word mr[4], seL4_Word *badge)
{
    register seL4_Word x0 __asm__("x0") = dest;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = mr[0];
    register seL4_Word x3 __asm__("x3") = mr[1];
    register seL4_Word x4 __asm__("x4") = mr[2];
    register seL4_Word x5 __asm__("x5") = mr[3];
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "memory");
    mr[0] = x2;
    mr[1] = x3;
    mr[2] = x4;
    mr[3] = x5;
    if (badge != seL4_Null) {
        *badge = x0;
    }
    return (seL4_MessageInfo_t){{x1}};
}

#ifdef CONFIG_KERNEL_MCS
#error "the MCS system calls are built for x86_64 only (docs/aarch64.md)"
#endif
