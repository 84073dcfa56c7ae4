/*
 * Invocation labels of seL4 16.0.0, non-MCS x86_64 without SMP, HW debug, IOMMU or VT-x
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
    CNodeSaveCaller,
    IRQIssueIRQHandler,
    IRQAckIRQ,
    IRQSetIRQHandler,
    IRQClearIRQHandler,
    DomainSetSet,
    DomainScheduleConfigure,
    DomainScheduleSetStart,
    nInvocationLabels
};

#include <sel4/sel4_arch/invocation.h>
#include <sel4/arch/invocation.h>

_Static_assert(TCBSetFlags == 16 && CNodeRevoke == 17 && CNodeSaveCaller == 25,
               "TCB/CNode labels (sel4-facts.md 1.7)");
_Static_assert(IRQIssueIRQHandler == 26 && DomainSetSet == 30 && nInvocationLabels == 33,
               "IRQ/domain labels (sel4-facts.md 1.7)");
#ifdef CONFIG_ARCH_X86 /* aarch64: checked in its arch/invocation.h */
_Static_assert(X86PDPTMap == 33 && X86PageDirectoryMap == 35 && X86PageMap == 39,
               "x86 paging labels (sel4-facts.md 1.7)");
_Static_assert(X86ASIDControlMakePool == 42 && X86IOPortControlIssue == 44 && X86IOPortOut32 == 50,
               "x86 ASID/IO port labels (sel4-facts.md 1.7)");
_Static_assert(X86IRQIssueIRQHandlerIOAPIC == 51 && X86IRQIssueIRQHandlerMSI == 52,
               "x86 IRQ labels (sel4-facts.md 1.7)");
#endif
