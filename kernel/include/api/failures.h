/*
 * The kernel's one error model (seL4 include/api/failures.h): a decode step that finds a
 * problem records it in current_syscall_error, current_lookup_fault or current_fault and
 * returns an exception_t; only the syscall layer turns it into a reply or a fault.
 */
#ifndef API_FAILURES_H
#define API_FAILURES_H

#include <types.h>
#include <sel4/errors.h>

typedef enum exception {
    EXCEPTION_NONE,
    EXCEPTION_FAULT,
    EXCEPTION_LOOKUP_FAULT,
    EXCEPTION_SYSCALL_ERROR,
    EXCEPTION_PREEMPTED,
} exception_t;

/* Lookup failure as user code sees it (seL4_LookupFailureType numbering). */
enum lookup_fault_type {
    lookup_fault_none = 0,
    lookup_fault_invalid_root = 1,
    lookup_fault_missing_capability = 2,
    lookup_fault_depth_mismatch = 3,
    lookup_fault_guard_mismatch = 4,
};

typedef struct lookup_fault {
    word_t type;
    word_t bitsLeft;
    word_t bitsFound;  /* depth mismatch and guard mismatch */
    word_t guardFound; /* guard mismatch */
} lookup_fault_t;

typedef struct syscall_error {
    seL4_Error type;
    word_t invalidArgumentNumber;
    word_t invalidCapNumber;
    word_t rangeErrorMin, rangeErrorMax;
    word_t memoryLeft;
    bool failedLookupWasSource;
} syscall_error_t;

/* A thread fault (seL4_FaultType numbering); words as the fault message needs them. */
typedef struct fault {
    word_t type;
    word_t address;       /* CapFault: the CPtr; VMFault: CR2 */
    bool inReceivePhase;  /* CapFault */
    word_t number, code;  /* UserException: vector and error code; UnknownSyscall: number */
    word_t fsr;           /* VMFault: page fault error code (x86), ESR_EL1 (aarch64) */
    bool prefetch;        /* VMFault: an instruction fetch (aarch64 only; 0 on x86) */
} fault_t;

extern syscall_error_t current_syscall_error;
extern lookup_fault_t current_lookup_fault;
extern fault_t current_fault;

static inline lookup_fault_t lookup_fault_missing_capability_new(word_t bitsLeft)
{
    return (lookup_fault_t){ .type = lookup_fault_missing_capability, .bitsLeft = bitsLeft };
}

static inline lookup_fault_t lookup_fault_depth_mismatch_new(word_t bitsLeft, word_t bitsFound)
{
    return (lookup_fault_t){ .type = lookup_fault_depth_mismatch, .bitsLeft = bitsLeft, .bitsFound = bitsFound };
}

static inline lookup_fault_t lookup_fault_guard_mismatch_new(word_t guardFound, word_t bitsLeft, word_t bitsFound)
{
    return (lookup_fault_t){ .type = lookup_fault_guard_mismatch, .bitsLeft = bitsLeft,
                             .bitsFound = bitsFound, .guardFound = guardFound };
}

static inline lookup_fault_t lookup_fault_invalid_root_new(void)
{
    return (lookup_fault_t){ .type = lookup_fault_invalid_root };
}

#endif
