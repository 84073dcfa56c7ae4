/*
 * AArch64 fault message layouts (seL4's sel4_arch/constants.h for aarch64; facts 3.5):
 * UnknownSyscall carries x0..x7, FaultIP, SP, LR (ELR_EL1, the pc after `svc`), SPSR and the
 * syscall number; UserException FaultIP, SP, SPSR, the full ESR_EL1 and a zero code.
 * Kernel-shared; included from sel4/fault_types.h.
 */
#pragma once

#include <sel4/macros.h>

enum {
    seL4_UnknownSyscall_X0,
    seL4_UnknownSyscall_X1,
    seL4_UnknownSyscall_X2,
    seL4_UnknownSyscall_X3,
    seL4_UnknownSyscall_X4,
    seL4_UnknownSyscall_X5,
    seL4_UnknownSyscall_X6,
    seL4_UnknownSyscall_X7,
    seL4_UnknownSyscall_FaultIP,
    seL4_UnknownSyscall_SP,
    seL4_UnknownSyscall_LR,
    seL4_UnknownSyscall_SPSR,
    seL4_UnknownSyscall_Syscall,
    seL4_UnknownSyscall_Length,
    SEL4_FORCE_LONG_ENUM(seL4_UnknownSyscall_Msg),
};

enum {
    seL4_UserException_FaultIP,
    seL4_UserException_SP,
    seL4_UserException_SPSR,
    seL4_UserException_Number,
    seL4_UserException_Code,
    seL4_UserException_Length,
    SEL4_FORCE_LONG_ENUM(seL4_UserException_Msg),
};
