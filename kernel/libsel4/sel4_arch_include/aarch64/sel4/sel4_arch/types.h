/*
 * AArch64 API types (seL4's sel4_arch/types.h for aarch64): the VSpace cap typedefs and
 * seL4_UserContext, the register order of TCB_ReadRegisters / WriteRegisters (facts 3.3: the
 * 17 frame registers, then the 19 gp registers). Kernel-shared.
 */
#pragma once

#include <sel4/simple_types.h>

typedef seL4_CPtr seL4_ARM_PageUpperDirectory;
typedef seL4_CPtr seL4_ARM_PageGlobalDirectory;
typedef seL4_CPtr seL4_ARM_VSpace;

typedef struct seL4_UserContext_ {
    /* frame registers */
    seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17, x18, x29, x30;
    /* gp registers */
    seL4_Word x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
    seL4_Word tpidr_el0, tpidrro_el0;
} seL4_UserContext;

_Static_assert(sizeof(seL4_UserContext) == 36 * sizeof(seL4_Word), "seL4_UserContext is 36 words");
_Static_assert(__builtin_offsetof(seL4_UserContext, x16) == 12 * 8, "x16 is word 12");
_Static_assert(__builtin_offsetof(seL4_UserContext, x9) == 17 * 8, "x9 is word 17");
_Static_assert(__builtin_offsetof(seL4_UserContext, tpidr_el0) == 34 * 8, "tpidr_el0 is word 34");
