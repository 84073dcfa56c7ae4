/*
 * The seL4 system calls (seL4's sel4/syscalls.h): Send, NBSend, Call, Recv, NBRecv, Reply,
 * ReplyRecv, Yield, the WithMRs variants, Signal/Wait/Poll, SetTLSBase, the MCS calls under
 * CONFIG_KERNEL_MCS and the debug calls. USER-ONLY.
 *
 * Every architecture gives one primitive in sel4/sel4_arch/syscalls.h,
 * libsel4_sys_exchange(sys, dest, info, mr[4], badge), which passes MR0..MR3 in registers both
 * ways (and, for MCS, libsel4_sys_exchange_mcs with two more argument registers). Everything
 * here is written once above it: the stubs only move MR0..3 between those registers and the IPC
 * buffer (seL4_Send, seL4_Call, ...) or the caller's pointers (*WithMRs).
 */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/syscall.h>
#include <sel4/types.h>
#include <sel4/arch/syscalls.h>

/* MR0..3 from the IPC buffer, for stubs that send what seL4_SetMR stored. */
LIBSEL4_INLINE_FUNC void libsel4_load_buffer_mrs(seL4_Word mr[4])
{
    for (int i = 0; i < seL4_FastMessageRegisters; i++) {
        mr[i] = seL4_GetMR(i);
    }
}

/* MR0..3 back into the IPC buffer, so seL4_GetMR sees a received message. */
LIBSEL4_INLINE_FUNC void libsel4_store_buffer_mrs(const seL4_Word mr[4])
{
    for (int i = 0; i < seL4_FastMessageRegisters; i++) {
        seL4_SetMR(i, mr[i]);
    }
}

/* MR0..3 from caller pointers: *p[i] if p[i] is non-NULL and the message is long enough. */
LIBSEL4_INLINE_FUNC void libsel4_load_ptr_mrs(seL4_Word mr[4], seL4_MessageInfo_t info, seL4_Word *const p[4])
{
    seL4_Word length = seL4_MessageInfo_get_length(info);
    for (int i = 0; i < seL4_FastMessageRegisters; i++) {
        mr[i] = (p[i] != seL4_Null && length > (seL4_Word)i) ? *p[i] : 0;
    }
}

/* MR0..3 out to caller pointers that are non-NULL. */
LIBSEL4_INLINE_FUNC void libsel4_store_ptr_mrs(const seL4_Word mr[4], seL4_Word *const p[4])
{
    for (int i = 0; i < seL4_FastMessageRegisters; i++) {
        if (p[i] != seL4_Null) {
            *p[i] = mr[i];
        }
    }
}

/* Send-only syscalls (Send, NBSend, Reply) with the MRs from the IPC buffer. */
LIBSEL4_INLINE_FUNC void libsel4_send_buffer(seL4_Syscall_ID sys, seL4_CPtr dest, seL4_MessageInfo_t info)
{
    seL4_Word mr[4];
    libsel4_load_buffer_mrs(mr);
    libsel4_sys_exchange((seL4_Word)sys, dest, info.words[0], mr, seL4_Null);
}

/* Send-only syscalls with MR0..3 given by pointer. */
LIBSEL4_INLINE_FUNC void libsel4_send_ptrs(seL4_Syscall_ID sys, seL4_CPtr dest, seL4_MessageInfo_t info,
                                           seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *const p[4] = {mr0, mr1, mr2, mr3};
    seL4_Word mr[4];
    libsel4_load_ptr_mrs(mr, info, p);
    libsel4_sys_exchange((seL4_Word)sys, dest, info.words[0], mr, seL4_Null);
}

/* Syscalls that receive (Recv, NBRecv, Call, ReplyRecv) with MRs through the IPC buffer. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_exchange_buffer(seL4_Syscall_ID sys, seL4_CPtr dest,
                                                               seL4_MessageInfo_t info, seL4_Word *sender,
                                                               int send_mrs)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    if (send_mrs) {
        libsel4_load_buffer_mrs(mr);
    }
    seL4_MessageInfo_t out = libsel4_sys_exchange((seL4_Word)sys, dest, info.words[0], mr, sender);
    libsel4_store_buffer_mrs(mr);
    return out;
}

/* Syscalls that receive, with MR0..3 given by pointer both ways. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_exchange_ptrs(seL4_Syscall_ID sys, seL4_CPtr dest,
                                                             seL4_MessageInfo_t info, seL4_Word *sender,
                                                             seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                             seL4_Word *mr3)
{
    seL4_Word *const p[4] = {mr0, mr1, mr2, mr3};
    seL4_Word mr[4];
    libsel4_load_ptr_mrs(mr, info, p);
    seL4_MessageInfo_t out = libsel4_sys_exchange((seL4_Word)sys, dest, info.words[0], mr, sender);
    libsel4_store_ptr_mrs(mr, p);
    return out;
}

/* ---- Send side ---- */

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    libsel4_send_buffer(seL4_SysSend, dest, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                          seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    libsel4_send_ptrs(seL4_SysSend, dest, msgInfo, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    libsel4_send_buffer(seL4_SysNBSend, dest, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                            seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    libsel4_send_ptrs(seL4_SysNBSend, dest, msgInfo, mr0, mr1, mr2, mr3);
}

#ifndef CONFIG_KERNEL_MCS
/* Replies through the calling thread's implicit reply cap (non-MCS). */
LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    libsel4_send_buffer(seL4_SysReply, 0, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
    libsel4_send_ptrs(seL4_SysReply, 0, msgInfo, mr0, mr1, mr2, mr3);
}

#endif

/* Signals a notification: a Send with a one-word empty message (sel4-facts.md 1.1). */
LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    libsel4_sys_exchange(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0], mr, seL4_Null);
}

/* Call has the same arguments in both configurations (MCS: the receiver names the reply object). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    return libsel4_exchange_buffer(seL4_SysCall, dest, msgInfo, seL4_Null, 1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                        seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                        seL4_Word *mr3)
{
    return libsel4_exchange_ptrs(seL4_SysCall, dest, msgInfo, seL4_Null, mr0, mr1, mr2, mr3);
}

#ifdef CONFIG_KERNEL_MCS
/* ---- Receive side and combined calls, MCS (sel4-mcs-facts 1.2): two more argument
 * registers, `extra1` the reply object (or NBSendWait's destination), `extra2` NBSendRecv's
 * destination. ---- */

/* MCS receive-type calls with MRs through the IPC buffer (send_mrs: the message goes out too). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_mcs_buffer(seL4_Syscall_ID sys, seL4_CPtr src, seL4_MessageInfo_t info,
                                                          seL4_Word *sender, int send_mrs, seL4_Word extra1,
                                                          seL4_Word extra2)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    if (send_mrs) {
        libsel4_load_buffer_mrs(mr);
    }
    seL4_MessageInfo_t out = libsel4_sys_exchange_mcs((seL4_Word)sys, src, info.words[0], mr, sender, extra1, extra2);
    libsel4_store_buffer_mrs(mr);
    return out;
}

/* The same with MR0..3 by pointer both ways. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t libsel4_mcs_ptrs(seL4_Syscall_ID sys, seL4_CPtr src, seL4_MessageInfo_t info,
                                                        seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                        seL4_Word *mr2, seL4_Word *mr3, seL4_Word extra1,
                                                        seL4_Word extra2)
{
    seL4_Word *const p[4] = {mr0, mr1, mr2, mr3};
    seL4_Word mr[4];
    libsel4_load_ptr_mrs(mr, info, p);
    seL4_MessageInfo_t out = libsel4_sys_exchange_mcs((seL4_Word)sys, src, info.words[0], mr, sender, extra1, extra2);
    libsel4_store_ptr_mrs(mr, p);
    return out;
}

#define LIBSEL4_MCS_EMPTY seL4_MessageInfo_new(0, 0, 0, 0)

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    return libsel4_mcs_buffer(seL4_SysRecv, src, LIBSEL4_MCS_EMPTY, sender, 0, reply, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                                        seL4_CPtr reply)
{
    return libsel4_mcs_ptrs(seL4_SysRecv, src, LIBSEL4_MCS_EMPTY, sender, mr0, mr1, mr2, mr3, reply, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    return libsel4_mcs_buffer(seL4_SysNBRecv, src, LIBSEL4_MCS_EMPTY, sender, 0, reply, 0);
}

/* Receives without a reply object: a Call received this way leaves the caller Inactive. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return libsel4_mcs_buffer(seL4_SysWait, src, LIBSEL4_MCS_EMPTY, sender, 0, 0, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return libsel4_mcs_ptrs(seL4_SysWait, src, LIBSEL4_MCS_EMPTY, sender, mr0, mr1, mr2, mr3, 0, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return libsel4_mcs_buffer(seL4_SysNBWait, src, LIBSEL4_MCS_EMPTY, sender, 0, 0, 0);
}

/* Polls a notification: returns at once, badge 0 if nothing was pending. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

/* Replies through the reply object, then receives on src with the same reply object. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                      seL4_Word *sender, seL4_CPtr reply)
{
    return libsel4_mcs_buffer(seL4_SysReplyRecv, src, msgInfo, sender, 1, reply, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0,
                                                             seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                                             seL4_CPtr reply)
{
    return libsel4_mcs_ptrs(seL4_SysReplyRecv, src, msgInfo, sender, mr0, mr1, mr2, mr3, reply, 0);
}

/* Sends to dest without blocking, then receives on src with the reply object. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_CPtr src,
                                                       seL4_Word *sender, seL4_CPtr reply)
{
    return libsel4_mcs_buffer(seL4_SysNBSendRecv, src, msgInfo, sender, 1, reply, dest);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecvWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                              seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                              seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                                              seL4_CPtr reply)
{
    return libsel4_mcs_ptrs(seL4_SysNBSendRecv, src, msgInfo, sender, mr0, mr1, mr2, mr3, reply, dest);
}

/* Sends to dest without blocking, then waits on src without a reply object (dest in extra1). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_CPtr src,
                                                       seL4_Word *sender)
{
    return libsel4_mcs_buffer(seL4_SysNBSendWait, src, msgInfo, sender, 1, dest, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWaitWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                              seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                              seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return libsel4_mcs_ptrs(seL4_SysNBSendWait, src, msgInfo, sender, mr0, mr1, mr2, mr3, dest, 0);
}

#else

/* ---- Receive side (no reply-cap argument: non-MCS) ---- */

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return libsel4_exchange_buffer(seL4_SysRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return libsel4_exchange_ptrs(seL4_SysRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return libsel4_exchange_buffer(seL4_SysNBRecv, src, seL4_MessageInfo_new(0, 0, 0, 0), sender, 0);
}

/* Waits on a notification (non-MCS: the same as seL4_Recv). */
LIBSEL4_INLINE_FUNC void seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    seL4_Recv(src, sender);
}

LIBSEL4_INLINE_FUNC void seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                          seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_RecvWithMRs(src, sender, mr0, mr1, mr2, mr3);
}

/* Polls a notification: returns at once, badge 0 if nothing was pending. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBRecv(src, sender);
}

/* ---- Send and receive ---- */

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                      seL4_Word *sender)
{
    return libsel4_exchange_buffer(seL4_SysReplyRecv, src, msgInfo, sender, 1);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0,
                                                             seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return libsel4_exchange_ptrs(seL4_SysReplyRecv, src, msgInfo, sender, mr0, mr1, mr2, mr3);
}

#endif

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    libsel4_sys_exchange(seL4_SysYield, 0, 0, mr, seL4_Null);
}

/* Calls a syscall that takes and returns only the cap/badge register (TLS base, debug calls). */
LIBSEL4_INLINE_FUNC seL4_Word libsel4_sys_word(seL4_Syscall_ID sys, seL4_Word arg)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_Word out = 0;
    libsel4_sys_exchange((seL4_Word)sys, arg, 0, mr, &out);
    return out;
}

#ifdef CONFIG_SET_TLS_BASE_SELF
/* Sets the calling thread's TLS base (x86_64: FS base; syscall -30). aarch64 does not configure
 * it: a thread writes TPIDR_EL0 itself (sel4-aarch64-facts 3.1). */
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    libsel4_sys_word(seL4_SysSetTLSBase, tls_base);
}
#endif

/* ---- Debug calls (through the kernel's unknown-syscall path) ---- */

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    libsel4_sys_word(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(char *str)
{
    for (char *s = str; *s != '\0'; s++) {
        seL4_DebugPutChar(*s);
    }
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    libsel4_sys_word(seL4_SysDebugDumpScheduler, 0);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    libsel4_sys_word(seL4_SysDebugHalt, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    libsel4_sys_word(seL4_SysDebugSnapshot, 0);
}

/* Returns the kernel's cap type number of `cap` (sel4-facts.md 9.14), 0 for a null cap. */
LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    return (seL4_Uint32)libsel4_sys_word(seL4_SysDebugCapIdentify, cap);
}

/* What seL4_DebugCapDescribe reports about one cap (all 0 for an empty slot). */
typedef struct seL4_DebugCapInfo {
    seL4_Word type;   /* the kernel's cap type number, as seL4_DebugCapIdentify */
    seL4_Word object; /* physical address; IRQ handler: IRQ number; I/O ports: first << 16 | last */
    seL4_Word rights; /* seL4_CapRights bits: endpoint, notification; frame: Read, Write */
    seL4_Word badge;  /* endpoint, notification */
} seL4_DebugCapInfo;

/* Not in seL4 (docs/deviations.md): describes the cap in slot `index` of the CNode or TCB
 * that `container` names (looked up in the caller's CSpace like an invoked cap), without
 * copying it. Returns seL4_NoError, seL4_InvalidCapability (container is no CNode or TCB cap)
 * or seL4_RangeError (index too large; info->object is then the container's slot count). */
LIBSEL4_INLINE_FUNC seL4_Error seL4_DebugCapDescribe(seL4_CPtr container, seL4_Word index, seL4_DebugCapInfo *info)
{
    seL4_Word mr[4] = {index, 0, 0, 0};
    seL4_Word err = 0;
    libsel4_sys_exchange((seL4_Word)seL4_SysDebugCapDescribe, container, 0, mr, &err);
    info->type = mr[0];
    info->object = mr[1];
    info->rights = mr[2];
    info->badge = mr[3];
    return (seL4_Error)err;
}

/* Names a thread for kernel debug output. The NUL-terminated name is copied into the
 * caller's IPC buffer from msg[0] on (truncated to fit), then the syscall takes the TCB. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dst = (char *)&seL4_GetIPCBuffer()->msg[0];
    seL4_Word max = seL4_MsgMaxLength * sizeof(seL4_Word) - 1;
    seL4_Word i = 0;
    for (; i < max && name[i] != '\0'; i++) {
        dst[i] = name[i];
    }
    dst[i] = '\0';
    libsel4_sys_word(seL4_SysDebugNameThread, tcb);
}
#endif
