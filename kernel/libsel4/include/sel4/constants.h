/*
 * ABI constants (seL4's sel4/constants.h): priorities, message limits, lookup failure types,
 * TCB flags, plus the arch and sel4_arch constants (object sizes, page sizes, fault MR
 * indices). Kernel-shared. Values: sel4-facts.md sections 1.3, 1.6, 1.8.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/macros.h>
#include <sel4/simple_types.h>

enum priorityConstants {
    seL4_InvalidPrio = -1,
    seL4_MinPrio = 0,
    seL4_MaxPrio = CONFIG_NUM_PRIORITIES - 1
};

/* Message size limits (sel4-facts.md 1.3) */
enum seL4_MsgLimits {
    seL4_MsgLengthBits = 7,
    seL4_MsgExtraCapBits = 2,
    seL4_MsgMaxLength = 120
};
#define seL4_MsgMaxExtraCaps (LIBSEL4_BIT(seL4_MsgExtraCapBits) - 1)

/* Lookup failure types, sent in FailedLookup error replies and cap faults (1.8) */
typedef enum {
    seL4_NoFailure = 0,
    seL4_InvalidRoot,
    seL4_MissingCapability,
    seL4_DepthMismatch,
    seL4_GuardMismatch,
    SEL4_FORCE_LONG_ENUM(seL4_LookupFailureType),
} seL4_LookupFailureType;

/* TCB flags of TCB_SetFlags (seL4 >= 14.0.0) */
typedef enum {
    seL4_TCBFlag_NoFlag = 0x0,
    seL4_TCBFlag_fpuDisabled = 0x1,
    SEL4_FORCE_LONG_ENUM(seL4_TCBFlag),
    seL4_TCBFlag_MASK = seL4_TCBFlag_fpuDisabled
} seL4_TCBFlag;

#include <sel4/arch/constants.h>
#include <sel4/fault_types.h>
