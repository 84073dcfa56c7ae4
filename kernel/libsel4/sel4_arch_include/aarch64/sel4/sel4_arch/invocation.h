/*
 * AArch64-only invocation labels (seL4's sel4_arch/invocation.h for aarch64): VSpace cache
 * maintenance and the SMC call (always in the enum). Kernel-shared; continues the numbering of
 * sel4/invocation.h (facts 4.2).
 */
#pragma once

enum sel4_arch_invocation_label {
    ARMVSpaceClean_Data = nInvocationLabels,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
    ARMSMCCall,
    nSeL4ArchInvocationLabels
};
