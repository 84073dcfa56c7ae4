/*
 * The MCS scheduler's time keeping (seL4 src/kernel/thread.c, MCS parts): the tickless clock
 * read on every kernel entry, budget charging of the current scheduling context, the release
 * queue of threads waiting for their next refill, and the one deadline programmed before
 * returning to user level (sel4-mcs-facts 3.3, 4.1, 4.4). Only built with CONFIG_KERNEL_MCS.
 */
#ifndef KERNEL_SCHED_MCS_H
#define KERNEL_SCHED_MCS_H

#include <object/structures.h>

extern ticks_t ksCurTime;       /* the time of this kernel entry */
extern ticks_t ksConsumed;      /* ticks the current SC used and was not yet charged for */
extern sched_context_t *ksCurSC; /* the SC the CPU time is being charged to */
extern bool ksReprogram;        /* the deadline must be recomputed before leaving the kernel */
extern tcb_t *ksReleaseHead;    /* threads waiting for a refill, earliest first */
extern word_t ksTicksPerUs;     /* the timer rate (TSC MHz on x86) */

/* What the architecture provides: the current time in ticks and a one-shot deadline (the
 * kernel timer interrupt fires at or after it). */
ticks_t Arch_getCurrentTime(void);
void Arch_setDeadline(ticks_t deadline);

static inline ticks_t usToTicks(uint64_t us) { return us * ksTicksPerUs; }
static inline uint64_t ticksToUs(ticks_t t) { return t / ksTicksPerUs; }
/* The largest budget or period in µs (sel4-mcs-facts 3.3: UINT64_MAX / TSC_MHz / 8). */
static inline uint64_t maxPeriodUs(void) { return ~(uint64_t)0 / ksTicksPerUs / 8; }
#define KERNEL_WCET_US 10
#define MIN_BUDGET_US (2 * KERNEL_WCET_US * CONFIG_KERNEL_WCET_SCALE)

/* Boot: the timer rate, the idle thread's SC and the clock. */
void sched_mcs_init(word_t ticks_per_us, tcb_t *idle);

/* A thread can be picked: runnable, with a configured SC, not waiting for a refill. */
bool isSchedulable(const tcb_t *t);

/* Kernel entry: reads the clock and adds the time since the last entry to ksConsumed. */
void updateTimestamp(void);
/* Kernel entry: whether the current SC still covers the minimum budget; if not, charges it,
 * ends the thread's timeslice and returns false. */
bool checkBudget(void);
/* checkBudget for a syscall: when out of budget the thread restarts the syscall later. */
bool checkBudgetRestart(void);
/* Charges ksConsumed to the current SC (the idle SC is never charged). */
void commitTime(void);
/* The kernel timer fired (the deadline passed). */
void timerTick(void);

/* schedule(): with several domains, a slot with less than the minimum budget left ends. */
void checkDomainTime(void);
/* schedule()'s MCS steps: wake released threads first, switch SC and reprogram last. */
void awaken(void);
void switchSchedContext(void);

/* Debug builds: the release queue and SC links are consistent (prints and returns false). */
bool mcs_invariants_hold(void);

/* Yield (MCS): the rest of the head refill is given up; round robin goes to the back of its
 * queue with a fresh budget, a periodic thread waits for its next refill. */
void yieldCurrentBudget(void);

/* Release queue (sorted by the head refill's time). */
void tcbReleaseEnqueue(tcb_t *t);
void tcbReleaseRemove(tcb_t *t);
/* The SC's thread waits in the release queue for the next refill. */
void postpone(sched_context_t *sc);
/* The SC's thread is runnable again: if its refill is not ready, it waits for it. */
void schedContext_resume(sched_context_t *sc);
/* A thread was woken with its SC: sporadic unblock rule, then ready-or-postpone. Returns
 * whether the thread can run now. */
bool sc_wake_ready(tcb_t *t);

#endif
