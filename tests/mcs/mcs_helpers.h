/*
 * Helpers of the MCS suite on top of tests/kernel/helpers.h: SCs, reply objects, the
 * SchedControl cap, and threads with or without their own SC.
 */
#pragma once

#include "helpers.h"
#include "test.h"

#include <sel4/sel4.h>

/* The core-0 SchedControl cap (BootInfo schedcontrol.start). */
seL4_CPtr sched_control(void);

/* A new SC of 2^bits bytes, configured with budget/period (µs) and badge; 0 on failure. */
seL4_CPtr make_sc(seL4_Word bits, seL4_Time budget_us, seL4_Time period_us, seL4_Word badge);

/* A new reply object (0 on failure). */
seL4_CPtr make_reply(void);

/* An endpoint / notification (0 on failure). */
seL4_CPtr make_ep(void);
seL4_CPtr make_ntfn(void);

/* Limits a thread's own SC to 1 ms every 10 ms, so that a spinning thread above the root task
 * leaves it 90% of the CPU (budget enforcement is what lets these tests run at all). */
bool limit_budget(struct test_thread *t);

/* Makes the thread passive: unbinds (not deletes) its own SC. */
bool make_passive(struct test_thread *t);

/* The µs consumed on an SC since the last query (seL4_SchedContext_Consumed). */
seL4_Time sc_consumed(seL4_CPtr sc);

/* Spins for about us microseconds of wall-clock time (TSC). */
void spin_us(unsigned us);
