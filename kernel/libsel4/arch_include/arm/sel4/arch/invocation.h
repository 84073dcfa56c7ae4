/*
 * ARM invocation labels (seL4's arch/invocation.h for arm, non-hyp, one core): paging, page
 * cache maintenance, ASIDs, GIC interrupts. Kernel-shared; continues the numbering of
 * sel4/sel4_arch/invocation.h (facts 4.2: 38..50).
 */
#pragma once

enum arch_invocation_label {
    ARMPageTableMap = nSeL4ArchInvocationLabels,
    ARMPageTableUnmap,
    ARMPageMap,
    ARMPageUnmap,
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
    ARMPageGetAddress,
    ARMASIDControlMakePool,
    ARMASIDPoolAssign,
    ARMIRQIssueIRQHandlerTrigger,
    ARMIRQIssueSGISignal,
    nArchInvocationLabels
};

_Static_assert(ARMVSpaceClean_Data == 33 && ARMSMCCall == 37 && ARMPageTableMap == 38,
               "aarch64 labels (sel4-aarch64-facts.md 4.2)");
_Static_assert(ARMPageMap == 40 && ARMPageGetAddress == 46 && ARMASIDPoolAssign == 48 &&
               ARMIRQIssueSGISignal == 50, "arm labels (sel4-aarch64-facts.md 4.2)");
