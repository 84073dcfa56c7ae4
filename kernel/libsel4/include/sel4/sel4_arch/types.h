/*
 * x86_64 API types (seL4's sel4_arch/types.h): the PML4 cap typedef and seL4_UserContext,
 * the register order of TCB_ReadRegisters / WriteRegisters (sel4-facts.md 1.7). Kernel-shared.
 */
#pragma once

#include <sel4/simple_types.h>

typedef seL4_CPtr seL4_X64_PML4;

typedef struct seL4_UserContext_ {
    /* frame registers */
    seL4_Word rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp;
    seL4_Word r8, r9, r10, r11, r12, r13, r14, r15;
    /* gp registers */
    seL4_Word fs_base, gs_base;
} seL4_UserContext;

_Static_assert(sizeof(seL4_UserContext) == 20 * sizeof(seL4_Word), "seL4_UserContext is 20 words");
_Static_assert(__builtin_offsetof(seL4_UserContext, rdi) == 8 * 8, "rdi is word 8");
_Static_assert(__builtin_offsetof(seL4_UserContext, fs_base) == 18 * 8, "fs_base is word 18");
