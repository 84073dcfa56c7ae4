/*
 * Fault message types and message-register indices (sel4-facts.md 1.3 and 1.9), the enum
 * part of seL4's sel4/faults.h, shared_types and sel4_arch/constants.h. Kernel-shared: the
 * kernel builds fault messages with these indices, user handlers read them with seL4_GetMR.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/macros.h>

/* Fault tags = label of the fault message (MCS inserts Timeout before VMFault) */
typedef enum seL4_Fault_tag {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
    seL4_Fault_DebugException = 4, /* only with the hardware debug API (not configured) */
#ifdef CONFIG_KERNEL_MCS
    seL4_Fault_Timeout = 5, /* MCS: a budget overrun (sel4-mcs-facts 5) */
    seL4_Fault_VMFault = 6,
#else
    seL4_Fault_VMFault = 5,
#endif
    SEL4_FORCE_LONG_ENUM(seL4_Fault_tag)
} seL4_Fault_tag_t;

/* Our short alias for the tag type (seL4 only has seL4_Fault_tag_t). */
typedef seL4_Fault_tag_t seL4_FaultType;

/* CapFault: MR indices; lengths 4..7 depending on the lookup failure type */
enum {
    seL4_CapFault_IP,
    seL4_CapFault_Addr,
    seL4_CapFault_InRecvPhase,
    seL4_CapFault_LookupFailureType,
    seL4_CapFault_BitsLeft,
    seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_GuardFound = seL4_CapFault_DepthMismatch_BitsFound,
    seL4_CapFault_GuardMismatch_BitsFound,
    SEL4_FORCE_LONG_ENUM(seL4_CapFault_Msg),
};

/* VMFault (x86_64): IP, CR2, instruction-fetch flag, page-fault error code */
enum {
    seL4_VMFault_IP,
    seL4_VMFault_Addr,
    seL4_VMFault_PrefetchFault,
    seL4_VMFault_FSR,
    seL4_VMFault_Length,
    SEL4_FORCE_LONG_ENUM(seL4_VMFault_Msg),
};

/* UnknownSyscall (x86_64): all GPRs except RSP, then FaultIP, SP, FLAGS, syscall number */
enum {
    seL4_UnknownSyscall_RAX,
    seL4_UnknownSyscall_RBX,
    seL4_UnknownSyscall_RCX,
    seL4_UnknownSyscall_RDX,
    seL4_UnknownSyscall_RSI,
    seL4_UnknownSyscall_RDI,
    seL4_UnknownSyscall_RBP,
    seL4_UnknownSyscall_R8,
    seL4_UnknownSyscall_R9,
    seL4_UnknownSyscall_R10,
    seL4_UnknownSyscall_R11,
    seL4_UnknownSyscall_R12,
    seL4_UnknownSyscall_R13,
    seL4_UnknownSyscall_R14,
    seL4_UnknownSyscall_R15,
    seL4_UnknownSyscall_FaultIP,
    seL4_UnknownSyscall_SP,
    seL4_UnknownSyscall_FLAGS,
    seL4_UnknownSyscall_Syscall,
    seL4_UnknownSyscall_Length,
    SEL4_FORCE_LONG_ENUM(seL4_UnknownSyscall_Msg),
};

/* UserException (x86_64): CPU exception vector and error code */
enum {
    seL4_UserException_FaultIP,
    seL4_UserException_SP,
    seL4_UserException_FLAGS,
    seL4_UserException_Number,
    seL4_UserException_Code,
    seL4_UserException_Length,
    SEL4_FORCE_LONG_ENUM(seL4_UserException_Msg),
};

#ifdef CONFIG_KERNEL_MCS
/* Timeout fault: the SC's badge and the microseconds it consumed (length 1 without an SC) */
enum {
    seL4_Timeout_Data,
    seL4_Timeout_Consumed,
    seL4_Timeout_Length,
    SEL4_FORCE_LONG_ENUM(seL4_Timeout_Msg),
};

/* The reply to a timeout fault: the first 19 words of seL4_UserContext (sel4-mcs-facts 4.5) */
enum {
    seL4_TimeoutReply_FaultIP,
    seL4_TimeoutReply_RSP,
    seL4_TimeoutReply_FLAGS,
    seL4_TimeoutReply_RAX,
    seL4_TimeoutReply_RBX,
    seL4_TimeoutReply_RCX,
    seL4_TimeoutReply_RDX,
    seL4_TimeoutReply_RSI,
    seL4_TimeoutReply_RDI,
    seL4_TimeoutReply_RBP,
    seL4_TimeoutReply_R8,
    seL4_TimeoutReply_R9,
    seL4_TimeoutReply_R10,
    seL4_TimeoutReply_R11,
    seL4_TimeoutReply_R12,
    seL4_TimeoutReply_R13,
    seL4_TimeoutReply_R14,
    seL4_TimeoutReply_R15,
    seL4_TimeoutReply_TLS_BASE,
    seL4_TimeoutReply_Length,
    SEL4_FORCE_LONG_ENUM(seL4_TimeoutReply_Msg),
};
#endif
