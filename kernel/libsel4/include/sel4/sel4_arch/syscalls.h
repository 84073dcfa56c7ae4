/*
 * The x86_64 system call primitive (seL4's sel4_arch/syscalls.h; register ABI in
 * sel4-facts.md 1.2); the stubs above it are in sel4/syscalls.h. USER-ONLY (inline asm).
 *
 *   in:  rdx = syscall number, rdi = cap/dest, rsi = msginfo, r10/r8/r9/r15 = MR0..MR3
 *   out: rdi = badge, rsi = msginfo, r10/r8/r9/r15 = MR0..MR3
 *
 * The stub parks rsp in rbx across `syscall` and restores it afterwards, so what the kernel
 * does with rsp does not matter; rcx and r11 are destroyed by syscall/sysret. Every stub
 * goes through libsel4_sys_exchange, which treats all the registers above as in/out.
 * MRs >= 4 live in the IPC buffer (msg[i]) and are never touched here.
 */
#pragma once

#include <sel4/functions.h>
#include <sel4/syscall.h>
#include <sel4/types.h>

/* The one system call primitive: mr[0..3] are MR0..MR3 in and out; *badge gets rdi. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_sys_exchange(seL4_Word sys, seL4_Word dest, seL4_Word info,
                                                            seL4_Word mr[4], seL4_Word *badge)
{
    register seL4_Word r10 __asm__("r10") = mr[0];
    register seL4_Word r8 __asm__("r8") = mr[1];
    register seL4_Word r9 __asm__("r9") = mr[2];
    register seL4_Word r15 __asm__("r15") = mr[3];
    seL4_Word rdx = sys;
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     :
                     : "rbx", "rcx", "r11", "cc", "memory");
    mr[0] = r10;
    mr[1] = r8;
    mr[2] = r9;
    mr[3] = r15;
    if (badge != seL4_Null) {
        *badge = dest;
    }
    return (seL4_MessageInfo_t){{info}};
}

#ifdef CONFIG_KERNEL_MCS
/* The MCS system call primitive: libsel4_sys_exchange plus two more input registers, r12 and r13. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_sys_exchange_mcs(seL4_Word sys, seL4_Word dest, seL4_Word info,
                                                                seL4_Word mr[4], seL4_Word *badge,
                                                                seL4_Word reg12, seL4_Word reg13)
{
    register seL4_Word r10 __asm__("r10") = mr[0];
    register seL4_Word r8 __asm__("r8") = mr[1];
    register seL4_Word r9 __asm__("r9") = mr[2];
    register seL4_Word r15 __asm__("r15") = mr[3];
    register seL4_Word r12 __asm__("r12") = reg12;
    register seL4_Word r13 __asm__("r13") = reg13;
    seL4_Word rdx = sys;
    __asm__ volatile("movq %%rsp, %%rbx\n\t"
                     "syscall\n\t"
                     "movq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15),
                       "+r"(r12), "+r"(r13)
                     :
                     : "rbx", "rcx", "r11", "cc", "memory");
    mr[0] = r10;
    mr[1] = r8;
    mr[2] = r9;
    mr[3] = r15;
    if (badge != seL4_Null) {
        *badge = dest;
    }
    return (seL4_MessageInfo_t){{info}};
}
#endif
