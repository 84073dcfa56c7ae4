/*
 * Per-thread IPC buffer access (seL4's sel4/functions.h). USER-ONLY: uses thread-local
 * storage, so the kernel must not include it. libsel4.a defines __sel4_ipc_buffer; the
 * runtime's start-up code sets it with seL4_SetIPCBuffer once TLS (FS base) works.
 * Message registers MR0..MR3 travel in CPU registers; these accessors read and write the
 * IPC buffer copy of every MR (the syscall stubs move MR0..3 between the two).
 */
#pragma once

#include <sel4/types.h>

#ifndef LIBSEL4_THREAD_LOCAL
#define LIBSEL4_THREAD_LOCAL __thread
#endif

extern LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

/* Sets the calling thread's IPC buffer pointer (the vaddr the kernel was told about). */
LIBSEL4_INLINE_FUNC void seL4_SetIPCBuffer(seL4_IPCBuffer *ipc_buffer)
{
    __sel4_ipc_buffer = ipc_buffer;
}

LIBSEL4_INLINE_FUNC seL4_IPCBuffer *seL4_GetIPCBuffer(void)
{
    return __sel4_ipc_buffer;
}

/* Message register i (0 <= i < seL4_MsgMaxLength) as stored in the IPC buffer. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_GetMR(int i)
{
    return seL4_GetIPCBuffer()->msg[i];
}

LIBSEL4_INLINE_FUNC void seL4_SetMR(int i, seL4_Word mr)
{
    seL4_GetIPCBuffer()->msg[i] = mr;
}

LIBSEL4_INLINE_FUNC seL4_Word seL4_GetUserData(void)
{
    return seL4_GetIPCBuffer()->userData;
}

LIBSEL4_INLINE_FUNC void seL4_SetUserData(seL4_Word data)
{
    seL4_GetIPCBuffer()->userData = data;
}

/* Badge of the i-th unwrapped cap of the last received message. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_GetBadge(int i)
{
    return seL4_GetIPCBuffer()->caps_or_badges[i];
}

LIBSEL4_INLINE_FUNC seL4_CPtr seL4_GetCap(int i)
{
    return (seL4_CPtr)seL4_GetIPCBuffer()->caps_or_badges[i];
}

/* Names the i-th extra cap of the next message sent (needs extraCaps > i in the tag). */
LIBSEL4_INLINE_FUNC void seL4_SetCap(int i, seL4_CPtr cptr)
{
    seL4_GetIPCBuffer()->caps_or_badges[i] = (seL4_Word)cptr;
}

/* Reads where a received cap will be stored; NULL pointers are skipped. */
LIBSEL4_INLINE_FUNC void seL4_GetCapReceivePath(seL4_CPtr *receiveCNode, seL4_CPtr *receiveIndex,
                                                seL4_Word *receiveDepth)
{
    seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
    if (receiveCNode != seL4_Null) {
        *receiveCNode = ipc->receiveCNode;
    }
    if (receiveIndex != seL4_Null) {
        *receiveIndex = ipc->receiveIndex;
    }
    if (receiveDepth != seL4_Null) {
        *receiveDepth = ipc->receiveDepth;
    }
}

/* Sets the slot (CNode cptr, index, depth) where a received cap will be stored. */
LIBSEL4_INLINE_FUNC void seL4_SetCapReceivePath(seL4_CPtr receiveCNode, seL4_CPtr receiveIndex,
                                                seL4_Word receiveDepth)
{
    seL4_IPCBuffer *ipc = seL4_GetIPCBuffer();
    ipc->receiveCNode = receiveCNode;
    ipc->receiveIndex = receiveIndex;
    ipc->receiveDepth = receiveDepth;
}
