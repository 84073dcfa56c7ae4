/*
 * Fault decoding for fault handlers (seL4's sel4/faults.h). USER-ONLY: reads the message
 * registers through the IPC buffer. The tags and MR indices are in sel4/fault_types.h
 * (which the kernel uses). seL4_getFault copies a received fault message into a
 * seL4_Fault_t; the seL4_Fault_<Kind>_get_<Field> accessors then read it by name.
 */
#pragma once

#include <sel4/types.h>
#include <sel4/fault_types.h>
#include <sel4/functions.h>

/* A received fault: its tag and its message registers (layout private to this header). */
typedef struct seL4_Fault {
    seL4_Word tag;
    seL4_Word mrs[seL4_UnknownSyscall_Length];
} seL4_Fault_t;

/* Builds a seL4_Fault_t from the tag of a just-received fault message. */
LIBSEL4_INLINE_FUNC seL4_Fault_t seL4_getFault(seL4_MessageInfo_t tag)
{
    seL4_Fault_t f;
    seL4_Word length = seL4_MessageInfo_get_length(tag);
    f.tag = seL4_MessageInfo_get_label(tag);
    for (seL4_Word i = 0; i < seL4_UnknownSyscall_Length; i++) {
        f.mrs[i] = i < length ? seL4_GetMR((int)i) : 0;
    }
    return f;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_Fault_get_seL4_FaultType(seL4_Fault_t f)
{
    return f.tag;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_Fault_ptr_get_seL4_FaultType(const seL4_Fault_t *f)
{
    return f->tag;
}

#define SEL4_FAULT_GETTER(kind, field, index)                                   \
    LIBSEL4_INLINE_FUNC seL4_Word seL4_Fault_##kind##_get_##field(seL4_Fault_t f) \
    {                                                                           \
        return f.mrs[index];                                                    \
    }

SEL4_FAULT_GETTER(CapFault, IP, seL4_CapFault_IP)
SEL4_FAULT_GETTER(CapFault, Addr, seL4_CapFault_Addr)
SEL4_FAULT_GETTER(CapFault, InRecvPhase, seL4_CapFault_InRecvPhase)
SEL4_FAULT_GETTER(CapFault, LookupFailureType, seL4_CapFault_LookupFailureType)
SEL4_FAULT_GETTER(CapFault, MR4, seL4_CapFault_BitsLeft)
SEL4_FAULT_GETTER(CapFault, MR5, seL4_CapFault_DepthMismatch_BitsFound)
SEL4_FAULT_GETTER(CapFault, MR6, seL4_CapFault_GuardMismatch_BitsFound)

SEL4_FAULT_GETTER(VMFault, IP, seL4_VMFault_IP)
SEL4_FAULT_GETTER(VMFault, Addr, seL4_VMFault_Addr)
SEL4_FAULT_GETTER(VMFault, PrefetchFault, seL4_VMFault_PrefetchFault)
SEL4_FAULT_GETTER(VMFault, FSR, seL4_VMFault_FSR)

SEL4_FAULT_GETTER(UnknownSyscall, RAX, seL4_UnknownSyscall_RAX)
SEL4_FAULT_GETTER(UnknownSyscall, RBX, seL4_UnknownSyscall_RBX)
SEL4_FAULT_GETTER(UnknownSyscall, RCX, seL4_UnknownSyscall_RCX)
SEL4_FAULT_GETTER(UnknownSyscall, RDX, seL4_UnknownSyscall_RDX)
SEL4_FAULT_GETTER(UnknownSyscall, RSI, seL4_UnknownSyscall_RSI)
SEL4_FAULT_GETTER(UnknownSyscall, RDI, seL4_UnknownSyscall_RDI)
SEL4_FAULT_GETTER(UnknownSyscall, RBP, seL4_UnknownSyscall_RBP)
SEL4_FAULT_GETTER(UnknownSyscall, FaultIP, seL4_UnknownSyscall_FaultIP)
SEL4_FAULT_GETTER(UnknownSyscall, RSP, seL4_UnknownSyscall_SP)
SEL4_FAULT_GETTER(UnknownSyscall, FLAGS, seL4_UnknownSyscall_FLAGS)
SEL4_FAULT_GETTER(UnknownSyscall, Syscall, seL4_UnknownSyscall_Syscall)

SEL4_FAULT_GETTER(UserException, FaultIP, seL4_UserException_FaultIP)
SEL4_FAULT_GETTER(UserException, Stack, seL4_UserException_SP)
SEL4_FAULT_GETTER(UserException, FLAGS, seL4_UserException_FLAGS)
SEL4_FAULT_GETTER(UserException, Number, seL4_UserException_Number)
SEL4_FAULT_GETTER(UserException, Code, seL4_UserException_Code)

#ifdef CONFIG_KERNEL_MCS
SEL4_FAULT_GETTER(Timeout, data, seL4_Timeout_Data)
SEL4_FAULT_GETTER(Timeout, consumed, seL4_Timeout_Consumed)

/* The reply to a timeout fault: label 0 resumes the thread, with the first `length` words of
 * regs written to its registers (seL4_TimeoutReply_*); anything else leaves it stopped. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_TimeoutReply_new(seL4_Bool resume, seL4_UserContext regs,
                                                             seL4_Word length)
{
    seL4_MessageInfo_t info = seL4_MessageInfo_new(!resume, 0, 0, length);
    for (seL4_Word i = 0; i < length && i < seL4_TimeoutReply_Length; i++) {
        seL4_SetMR((int)i, ((seL4_Word *)&regs)[i]);
    }
    return info;
}
#endif

#undef SEL4_FAULT_GETTER
