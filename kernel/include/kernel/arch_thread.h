/*
 * What the portable scheduler asks of every architecture (x86_64 in src/arch/x86_64/kernel/
 * thread.c, the host test architecture in src/arch/host): switching the register set, address
 * space and FPU owner to a thread, running the idle thread, and the restart PC.
 */
#ifndef KERNEL_ARCH_THREAD_H
#define KERNEL_ARCH_THREAD_H

#include <object/structures.h>

void Arch_switchToThread(tcb_t *t);
void Arch_switchToIdleThread(void);
void Arch_activateIdleThread(tcb_t *t);
word_t Arch_getRestartPC(tcb_t *t);

/* Prepares the idle thread's context (kernel mode, halting loop). */
void Arch_configureIdleThread(tcb_t *t);

#endif
