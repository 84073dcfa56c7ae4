/*
 * System call numbers of seL4 16.0.0: non-MCS (sel4-facts.md 1.1) or, with CONFIG_KERNEL_MCS,
 * the MCS table (sel4-mcs-facts.md 1.1: the whole table changes). Kernel-shared.
 * Numbering runs through every debug/benchmark entry whether configured or not, so the
 * numbers are fixed; which of them the kernel accepts depends on sel4/gen_config.h.
 * One number is this kernel's own: seL4_SysDebugCapDescribe.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/macros.h>

typedef enum {
#ifdef CONFIG_KERNEL_MCS
    seL4_SysCall = -1,
    seL4_SysReplyRecv = -2,
    seL4_SysNBSendRecv = -3,
    seL4_SysNBSendWait = -4,
    seL4_SysSend = -5,
    seL4_SysNBSend = -6,
    seL4_SysRecv = -7,
    seL4_SysNBRecv = -8,
    seL4_SysWait = -9,
    seL4_SysNBWait = -10,
    seL4_SysYield = -11,
    seL4_SysDebugPutChar = -12,
    seL4_SysDebugDumpScheduler = -13,
    seL4_SysDebugHalt = -14,
    seL4_SysDebugCapIdentify = -15,
    seL4_SysDebugSnapshot = -16,
    seL4_SysDebugNameThread = -17,
    seL4_SysDebugSendIPI = -18,
    seL4_SysDebugGetThreadAffinity = -19,
    seL4_SysDebugRun = -20,
    seL4_SysBenchmarkFlushCaches = -21,
    seL4_SysBenchmarkResetLog = -22,
    seL4_SysBenchmarkFinalizeLog = -23,
    seL4_SysBenchmarkSetLogBuffer = -24,
    seL4_SysBenchmarkNullSyscall = -25,
    seL4_SysBenchmarkGetThreadUtilisation = -26,
    seL4_SysBenchmarkResetThreadUtilisation = -27,
    seL4_SysBenchmarkDumpAllThreadsUtilisation = -28,
    seL4_SysBenchmarkResetAllThreadsUtilisation = -29,
    seL4_SysX86DangerousWRMSR = -30,
    seL4_SysX86DangerousRDMSR = -31,
    seL4_SysVMEnter = -32,
    seL4_SysSetTLSBase = -33,
    /* Not in seL4 (docs/deviations.md): as in the non-MCS table. */
    seL4_SysDebugCapDescribe = -64,
#else
    seL4_SysCall = -1,
    seL4_SysReplyRecv = -2,
    seL4_SysSend = -3,
    seL4_SysNBSend = -4,
    seL4_SysRecv = -5,
    seL4_SysReply = -6,
    seL4_SysYield = -7,
    seL4_SysNBRecv = -8,
    seL4_SysDebugPutChar = -9,
    seL4_SysDebugDumpScheduler = -10,
    seL4_SysDebugHalt = -11,
    seL4_SysDebugCapIdentify = -12,
    seL4_SysDebugSnapshot = -13,
    seL4_SysDebugNameThread = -14,
    seL4_SysDebugSendIPI = -15,
    seL4_SysDebugGetThreadAffinity = -16,
    seL4_SysDebugRun = -17,
    seL4_SysBenchmarkFlushCaches = -18,
    seL4_SysBenchmarkResetLog = -19,
    seL4_SysBenchmarkFinalizeLog = -20,
    seL4_SysBenchmarkSetLogBuffer = -21,
    seL4_SysBenchmarkNullSyscall = -22,
    seL4_SysBenchmarkGetThreadUtilisation = -23,
    seL4_SysBenchmarkResetThreadUtilisation = -24,
    seL4_SysBenchmarkDumpAllThreadsUtilisation = -25,
    seL4_SysBenchmarkResetAllThreadsUtilisation = -26,
    seL4_SysX86DangerousWRMSR = -27,
    seL4_SysX86DangerousRDMSR = -28,
    seL4_SysVMEnter = -29,
    seL4_SysSetTLSBase = -30,
    /* Not in seL4 (docs/deviations.md): far below seL4's own numbers, which end at -30 here
     * (non-MCS), so a later seL4 number cannot collide with it. */
    seL4_SysDebugCapDescribe = -64,
#endif
    SEL4_FORCE_LONG_ENUM(seL4_Syscall_ID)
} seL4_Syscall_ID;
