/*
 * What the portable scheduler asks of the architecture (x86_64): switching the register set,
 * address space and FPU owner to a thread, running the idle thread, and the restart PC.
 */
#ifndef ARCH_KERNEL_THREAD_H
#define ARCH_KERNEL_THREAD_H

#include <object/structures.h>

void Arch_switchToThread(tcb_t *t);
void Arch_switchToIdleThread(void);
void Arch_activateIdleThread(tcb_t *t);
word_t Arch_getRestartPC(tcb_t *t);

/* Prepares the idle thread's context (kernel mode, halting loop). */
void Arch_configureIdleThread(tcb_t *t);

#endif
