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

/* Names by label: designated, so the MCS numbering (sel4-mcs-facts 2.2) uses the same table. */
#define LABEL(name) [name] = #name
static const char *const label_names[nArchInvocationLabels] = {
    LABEL(InvalidInvocation), LABEL(UntypedRetype), LABEL(TCBReadRegisters), LABEL(TCBWriteRegisters),
    LABEL(TCBCopyRegisters), LABEL(TCBConfigure), LABEL(TCBSetPriority), LABEL(TCBSetMCPriority),
    LABEL(TCBSetSchedParams), LABEL(TCBSetIPCBuffer), LABEL(TCBSetSpace), LABEL(TCBSuspend), LABEL(TCBResume),
    LABEL(TCBBindNotification), LABEL(TCBUnbindNotification), LABEL(TCBSetTLSBase), LABEL(TCBSetFlags),
    LABEL(CNodeRevoke), LABEL(CNodeDelete), LABEL(CNodeCancelBadgedSends), LABEL(CNodeCopy), LABEL(CNodeMint),
    LABEL(CNodeMove), LABEL(CNodeMutate), LABEL(CNodeRotate), LABEL(IRQIssueIRQHandler), LABEL(IRQAckIRQ),
    LABEL(IRQSetIRQHandler), LABEL(IRQClearIRQHandler), LABEL(DomainSetSet), LABEL(DomainScheduleConfigure),
    LABEL(DomainScheduleSetStart), LABEL(X86PDPTMap), LABEL(X86PDPTUnmap), LABEL(X86PageDirectoryMap),
    LABEL(X86PageDirectoryUnmap), LABEL(X86PageTableMap), LABEL(X86PageTableUnmap), LABEL(X86PageMap),
    LABEL(X86PageUnmap), LABEL(X86PageGetAddress), LABEL(X86ASIDControlMakePool), LABEL(X86ASIDPoolAssign),
    LABEL(X86IOPortControlIssue), LABEL(X86IOPortIn8), LABEL(X86IOPortIn16), LABEL(X86IOPortIn32),
    LABEL(X86IOPortOut8), LABEL(X86IOPortOut16), LABEL(X86IOPortOut32), LABEL(X86IRQIssueIRQHandlerIOAPIC),
    LABEL(X86IRQIssueIRQHandlerMSI),
#ifdef CONFIG_KERNEL_MCS
    LABEL(TCBSetTimeoutEndpoint), LABEL(SchedControlConfigureFlags), LABEL(SchedContextBind),
    LABEL(SchedContextUnbind), LABEL(SchedContextUnbindObject), LABEL(SchedContextConsumed),
    LABEL(SchedContextYieldTo),
#else
    LABEL(CNodeSaveCaller),
#endif
};
#ifdef CONFIG_KERNEL_MCS
_Static_assert(nArchInvocationLabels == 59, "one name per invocation label (MCS)");
#else
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
