/*
 * System call handling (seL4 src/api/syscall.c): the entry point the architecture calls after
 * saving the current thread's registers. On return the architecture resumes ksCurThread.
 */
#ifndef API_SYSCALL_H
#define API_SYSCALL_H

#include <types.h>
#include <api/failures.h>

/* Handles syscall number `syscall` (negative, seL4 numbering) for ksCurThread, then
 * schedules and activates the next thread. */
void handleSyscall(sword_t syscall);

/* Handles interrupt `irq` (a kernel interrupt number), then schedules. */
void handleInterruptEntry(word_t irq);

/* Handles a CPU exception raised by user code (vector, error code; CR2 for page faults). */
void handleUserException(word_t vector, word_t code, word_t address);
/* A fault the architecture decoded itself (aarch64: from ESR_EL1): delivered to the current
 * thread's handler, then the next thread is chosen. */
void handleArchFault(fault_t f);

#endif
