/*
 * Debug-build invariant checks run after each kernel entry: the ready queues (in
 * kernel/thread.c) and the capability derivation tree around the current thread's CSpace.
 */
#ifndef KERNEL_INVARIANTS_H
#define KERNEL_INVARIANTS_H

#include <object/structures.h>

/* Walks the CNodes reachable from t's CSpace root (at most CONFIG_DEBUG_CHECK_MAX_CNODES)
 * and its TCB slots: every occupied slot's CDT neighbours point back at it, empty slots have
 * no links. Prints the first broken slot and returns false. */
bool cdt_invariants_hold(tcb_t *t);

#endif
