/*
 * Thread-local storage for extra threads of a program in its own address space (for
 * example a root task that starts helper threads). Every thread needs its own static TLS
 * block: libsel4 keeps the IPC buffer pointer in the __thread variable __sel4_ipc_buffer,
 * so a thread whose FS base is 0 faults in seL4_GetMR/seL4_SetMR. The block is built
 * exactly like the main thread's (x86_64 variant II, from the program's PT_TLS header).
 *
 * Typical use (thread creator):
 *     uintptr_t tp = sel4runtime_tls_for_thread(area, sizeof(area));
 *     seL4_TCB_SetTLSBase(tcb, tp);        (or put tp in the fs_base register)
 * and first thing in the new thread: seL4_SetIPCBuffer(its IPC buffer's address).
 */
#pragma once

#include <sel4/sel4.h>
#include <stddef.h>
#include <stdint.h>

/* Builds a fresh TLS block for a new thread inside [area, area + size): copies .tdata,
 * zeroes .tbss and stores the self pointer. Returns the thread pointer to load into the
 * thread's FS base, or 0 if the block does not fit in size bytes. The area must stay
 * valid and untouched while the thread runs. */
uintptr_t sel4runtime_tls_for_thread(void *area, size_t size);

/* Makes tp the calling thread's thread pointer: seL4_SetTLSBase on x86_64; on AArch64 the
 * thread writes TPIDR_EL0 itself (there is no such syscall there). */
static inline void sel4runtime_set_own_tls(uintptr_t tp)
{
#ifdef __aarch64__
    __asm__ volatile("msr tpidr_el0, %0" ::"r"(tp));
#else
    seL4_SetTLSBase(tp);
#endif
}

