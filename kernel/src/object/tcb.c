/*
 * TCB invocations (portable), decoded in seL4's check order. This kernel so far performs
 * Suspend (enough for a root task to stop itself); the other TCB invocations arrive with the
 * kernel-object work and, until then, answer IllegalOperation as seL4 does for a label an
 * object does not support (docs/deviations.md lists them).
 */
#include <object/tcb.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

static exception_t invokeTCB_Suspend(tcb_t *t)
{
    suspend(t);
    return EXCEPTION_NONE;
}

exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, word_t *buffer)
{
    (void)length;
    (void)buffer;
    switch (label) {
    case TCBSuspend:
        return invokeTCB_Suspend(tcb_from_cap(cap));
    default:
        kprintf("[kernel] user error: TCB invocation %lu is not supported by this kernel yet\n", label);
        current_syscall_error = (syscall_error_t){ .type = seL4_IllegalOperation };
        return EXCEPTION_SYSCALL_ERROR;
    }
}
