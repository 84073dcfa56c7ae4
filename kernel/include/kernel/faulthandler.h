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
#ifdef CONFIG_KERNEL_MCS
/* Whether t's timeout handler cap (TCB slot 4) is an endpoint with Write and Grant/GrantReply. */
bool validTimeoutHandler(tcb_t *t);
/* Sends a timeout fault to t's timeout handler (never donates; sel4-mcs-facts 4.5). */
void handleTimeout(tcb_t *t);
#endif

#endif
