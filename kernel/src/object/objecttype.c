/*
 * The dispatcher from a cap's type to its object's decoder (portable). Invoking a null cap is
 * InvalidCapability with MR0 = 0 (sel4-facts 9.13); a cap type whose invocations this kernel
 * does not implement yet answers IllegalOperation, the error seL4 gives for an unsupported
 * label, and the debug kernel says so.
 */
#include <object/objecttype.h>
#include <object/tcb.h>
#include <kernel/printf.h>

exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             bool isBlocking, bool isCall, word_t *buffer)
{
    (void)cptr;
    (void)slot;
    (void)isBlocking;
    (void)isCall;
    switch (cap_get_capType(cap)) {
    case cap_null_cap:
        current_syscall_error = (syscall_error_t){ .type = seL4_InvalidCapability, .invalidCapNumber = 0 };
        return EXCEPTION_SYSCALL_ERROR;
    case cap_thread_cap:
        return decodeTCBInvocation(label, length, cap, buffer);
    default:
        kprintf("[kernel] user error: invocation %lu of cap type %lu is not supported by this kernel yet\n",
                label, cap_get_capType(cap));
        current_syscall_error = (syscall_error_t){ .type = seL4_IllegalOperation };
        return EXCEPTION_SYSCALL_ERROR;
    }
}
