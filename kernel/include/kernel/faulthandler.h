/*
 * Thread faults (seL4 src/kernel/faulthandler.c): a fault is delivered to the handler endpoint
 * named by the thread's fault-handler CPtr; without a valid handler the thread stops and the
 * debug kernel says why.
 */
#ifndef KERNEL_FAULTHANDLER_H
#define KERNEL_FAULTHANDLER_H

#include <object/structures.h>

/* Handles current_fault (and current_lookup_fault for cap faults) raised by thread t. */
void handleFault(tcb_t *t);

#endif
