/*
 * The debug kernels' line for a rejected invocation (api/user_error.h):
 *   <<kernel: CNodeCopy on cap 0x2 by "rootserver": destination slot not empty: seL4_DeleteFirst>>
 * naming the invocation by its label, the invoked CPtr, the calling thread, the check that
 * refused it and the error of the reply.
 */
#include <api/user_error.h>
#include <kernel/printf.h>
#include <sel4/invocation.h>

#ifdef KERNEL_USER_ERRORS

const char *current_error_check;

static const char *const label_names[nArchInvocationLabels] = {
    "InvalidInvocation", "UntypedRetype", "TCBReadRegisters", "TCBWriteRegisters", "TCBCopyRegisters",
    "TCBConfigure", "TCBSetPriority", "TCBSetMCPriority", "TCBSetSchedParams", "TCBSetIPCBuffer",
    "TCBSetSpace", "TCBSuspend", "TCBResume", "TCBBindNotification", "TCBUnbindNotification",
    "TCBSetTLSBase", "TCBSetFlags", "CNodeRevoke", "CNodeDelete", "CNodeCancelBadgedSends", "CNodeCopy",
    "CNodeMint", "CNodeMove", "CNodeMutate", "CNodeRotate", "CNodeSaveCaller", "IRQIssueIRQHandler",
    "IRQAckIRQ", "IRQSetIRQHandler", "IRQClearIRQHandler", "DomainSetSet", "DomainScheduleConfigure",
    "DomainScheduleSetStart",
#ifdef CONFIG_ARCH_AARCH64
    "ARMVSpaceClean_Data", "ARMVSpaceInvalidate_Data", "ARMVSpaceCleanInvalidate_Data",
    "ARMVSpaceUnify_Instruction", "ARMSMCCall", "ARMPageTableMap", "ARMPageTableUnmap", "ARMPageMap",
    "ARMPageUnmap", "ARMPageClean_Data", "ARMPageInvalidate_Data", "ARMPageCleanInvalidate_Data",
    "ARMPageUnify_Instruction", "ARMPageGetAddress", "ARMASIDControlMakePool", "ARMASIDPoolAssign",
    "ARMIRQIssueIRQHandlerTrigger", "ARMIRQIssueSGISignal",
};
_Static_assert(nArchInvocationLabels == 51, "one name per invocation label");
#else
    "X86PDPTMap", "X86PDPTUnmap", "X86PageDirectoryMap",
    "X86PageDirectoryUnmap", "X86PageTableMap", "X86PageTableUnmap", "X86PageMap", "X86PageUnmap",
    "X86PageGetAddress", "X86ASIDControlMakePool", "X86ASIDPoolAssign", "X86IOPortControlIssue",
    "X86IOPortIn8", "X86IOPortIn16", "X86IOPortIn32", "X86IOPortOut8", "X86IOPortOut16",
    "X86IOPortOut32", "X86IRQIssueIRQHandlerIOAPIC", "X86IRQIssueIRQHandlerMSI",
};
_Static_assert(nArchInvocationLabels == 53, "one name per invocation label");
#endif

static const char *const error_names[] = {
    "seL4_NoError", "seL4_InvalidArgument", "seL4_InvalidCapability", "seL4_IllegalOperation",
    "seL4_RangeError", "seL4_AlignmentError", "seL4_FailedLookup", "seL4_TruncatedMessage",
    "seL4_DeleteFirst", "seL4_RevokeFirst", "seL4_NotEnoughMemory",
};

void report_user_error(const tcb_t *t, word_t label, cptr_t cptr)
{
    word_t e = current_syscall_error.type;
    kprintf("<<kernel: %s on cap 0x%lx by \"%s\": %s: %s>>\n",
            label < nArchInvocationLabels ? label_names[label] : "unknown label", cptr, t->name,
            current_error_check ? current_error_check : "(check not named)",
            e < sizeof(error_names) / sizeof(error_names[0]) ? error_names[e] : "unknown error");
    current_error_check = NULL;
}

#endif
