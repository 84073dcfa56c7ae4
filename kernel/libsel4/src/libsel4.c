/*
 * The little state libsel4 keeps (seL4's libsel4 src/sel4_bootinfo.c and IPC buffer TLS):
 * the per-thread IPC buffer pointer used by seL4_GetMR/SetMR and every stub, and the
 * root task's BootInfo pointer. Both are set by the runtime's start-up code.
 */
#include <sel4/sel4.h>

/* Per-thread IPC buffer address; lives in TLS, so FS base must be set before use. */
LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

/* The root task's BootInfo, NULL in components started by the capDL loader. */
seL4_BootInfo *bootinfo;

void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    bootinfo = bi;
}

seL4_BootInfo *seL4_GetBootInfo(void)
{
    return bootinfo;
}
