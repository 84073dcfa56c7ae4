/*
 * Rejected invocations, as seL4's userError: every decode check that refuses an invocation
 * records the seL4 error of the reply (current_syscall_error) through one of these
 * constructors, with a short text naming the check. In debug kernels (KERNEL_USER_ERRORS) the
 * syscall layer then prints one line naming the invocation, the cap, the thread and that text
 * (report_user_error, src/api/user_error.c); the benchmark kernel drops the texts at compile
 * time and prints nothing. The texts avoid the words tests forbid in output ("fault", "FAIL").
 */
#ifndef API_USER_ERROR_H
#define API_USER_ERROR_H

#include <api/failures.h>
#include <object/structures.h>

#ifdef KERNEL_USER_ERRORS
/* The check that refused the current invocation (NULL: none recorded). */
extern const char *current_error_check;
static inline void note_check(const char *why)
{
    current_error_check = why;
}
/* Prints the line for invocation `label` on cptr by t, which just failed, and forgets the check. */
void report_user_error(const tcb_t *t, word_t label, cptr_t cptr);
#else
static inline void note_check(const char *why)
{
    (void)why;
}
static inline void report_user_error(const tcb_t *t, word_t label, cptr_t cptr)
{
    (void)t, (void)label, (void)cptr;
}
#endif

static inline exception_t user_error(seL4_Error type, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = type };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t user_error_range(word_t min, word_t max, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = seL4_RangeError, .rangeErrorMin = min, .rangeErrorMax = max };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t user_error_invalid_argument(word_t n, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = seL4_InvalidArgument, .invalidArgumentNumber = n };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t user_error_invalid_cap(word_t n, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = seL4_InvalidCapability, .invalidCapNumber = n };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

/* FailedLookup; the caller has set current_lookup_fault. */
static inline exception_t user_error_failed_lookup(bool isSource, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = seL4_FailedLookup, .failedLookupWasSource = isSource };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

static inline exception_t user_error_not_enough_memory(word_t bytesLeft, const char *why)
{
    current_syscall_error = (syscall_error_t){ .type = seL4_NotEnoughMemory, .memoryLeft = bytesLeft };
    note_check(why);
    return EXCEPTION_SYSCALL_ERROR;
}

#endif
