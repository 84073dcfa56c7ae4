/*
 * seL4_Error: the label of an invocation's reply (sel4-facts.md 1.8). Kernel-shared.
 */
#pragma once

#include <sel4/macros.h>

typedef enum {
    seL4_NoError = 0,
    seL4_InvalidArgument,
    seL4_InvalidCapability,
    seL4_IllegalOperation,
    seL4_RangeError,
    seL4_AlignmentError,
    seL4_FailedLookup,
    seL4_TruncatedMessage,
    seL4_DeleteFirst,
    seL4_RevokeFirst,
    seL4_NotEnoughMemory,
    seL4_NumErrors,
    SEL4_FORCE_LONG_ENUM(seL4_Error),
} seL4_Error;

_Static_assert(seL4_NotEnoughMemory == 10 && seL4_NumErrors == 11, "seL4_Error numbering");
