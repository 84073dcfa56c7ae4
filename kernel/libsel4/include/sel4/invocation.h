/*
 * Invocation labels of seL4 16.0.0 (MCS ones under CONFIG_KERNEL_MCS, sel4-mcs-facts.md 2.2), x86_64 without SMP, HW debug, IOMMU or VT-x
 * (sel4-facts.md 1.7). Kernel-shared. As in seL4 the numbering is split into the generic
 * enum here, sel4_arch (x86_64) and arch (x86); each continues where the previous ends.
 * The stubs that use these labels are in interfaces/sel4_client.h.
 */
#pragma once

#include <sel4/gen_config.h>

enum invocation_label {
    InvalidInvocation,
    UntypedRetype,
    TCBReadRegisters,
    TCBWriteRegisters,
    TCBCopyRegisters,
    TCBConfigure,
    TCBSetPriority,
    TCBSetMCPriority,
    TCBSetSchedParams,
#ifdef CONFIG_KERNEL_MCS
    TCBSetTimeoutEndpoint,
#endif
    TCBSetIPCBuffer,
    TCBSetSpace,
    TCBSuspend,
    TCBResume,
    TCBBindNotification,
    TCBUnbindNotification,
    TCBSetTLSBase,
    TCBSetFlags,
    CNodeRevoke,
    CNodeDelete,
    CNodeCancelBadgedSends,
    CNodeCopy,
    CNodeMint,
    CNodeMove,
    CNodeMutate,
    CNodeRotate,
#ifndef CONFIG_KERNEL_MCS
    CNodeSaveCaller,
#endif
    IRQIssueIRQHandler,
    IRQAckIRQ,
    IRQSetIRQHandler,
    IRQClearIRQHandler,
    DomainSetSet,
    DomainScheduleConfigure,
    DomainScheduleSetStart,
#ifdef CONFIG_KERNEL_MCS
    SchedControlConfigureFlags,
    SchedContextBind,
    SchedContextUnbind,
    SchedContextUnbindObject,
    SchedContextConsumed,
    SchedContextYieldTo,
#endif
    nInvocationLabels
};

#include <sel4/sel4_arch/invocation.h>
#include <sel4/arch/invocation.h>

#ifdef CONFIG_KERNEL_MCS
_Static_assert(TCBSetTimeoutEndpoint == 9 && TCBSetFlags == 17 && CNodeRevoke == 18 && CNodeRotate == 25,
               "MCS TCB/CNode labels (sel4-mcs-facts.md 2.2)");
_Static_assert(IRQIssueIRQHandler == 26 && SchedControlConfigureFlags == 33 && SchedContextYieldTo == 38,
               "MCS scheduling labels (sel4-mcs-facts.md 2.2)");
_Static_assert(X86PDPTMap == 39 && X86PageMap == 45 && X86IOPortControlIssue == 50 &&
               X86IRQIssueIRQHandlerMSI == 58, "MCS x86 labels (sel4-mcs-facts.md 2.2)");
#else
_Static_assert(TCBSetFlags == 16 && CNodeRevoke == 17 && CNodeSaveCaller == 25,
               "TCB/CNode labels (sel4-facts.md 1.7)");
_Static_assert(IRQIssueIRQHandler == 26 && DomainSetSet == 30 && nInvocationLabels == 33,
               "IRQ/domain labels (sel4-facts.md 1.7)");
_Static_assert(X86PDPTMap == 33 && X86PageDirectoryMap == 35 && X86PageMap == 39,
               "x86 paging labels (sel4-facts.md 1.7)");
_Static_assert(X86ASIDControlMakePool == 42 && X86IOPortControlIssue == 44 && X86IOPortOut32 == 50,
               "x86 ASID/IO port labels (sel4-facts.md 1.7)");
_Static_assert(X86IRQIssueIRQHandlerIOAPIC == 51 && X86IRQIssueIRQHandlerMSI == 52,
               "x86 IRQ labels (sel4-facts.md 1.7)");
#endif
