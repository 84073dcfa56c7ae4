/*
 * Budget accounting of scheduling contexts (MCS; seL4 src/kernel/sporadic.c): the refill
 * buffer of a round-robin or a sporadic-server SC, charged with the time its threads use.
 * Pure bookkeeping on one sched_context_t with the time passed in: no scheduler state, so the
 * host tests drive it directly (kernel/tests/sporadic_test.c). Rules: sel4-mcs-facts 4.4.
 */
#ifndef KERNEL_SPORADIC_H
#define KERNEL_SPORADIC_H

#include <object/structures.h>

/* The smallest usable budget in ticks (2 x kernel WCET; set at boot from the TSC rate). */
extern ticks_t ksMinBudget;

static inline refill_t *refill_head(sched_context_t *sc) { return &sc->refills[sc->refillHead]; }
static inline refill_t *refill_tail(sched_context_t *sc)
{
    return &sc->refills[(sc->refillHead + sc->refillCount - 1) % sc->refillMax];
}
static inline bool sc_active(const sched_context_t *sc) { return sc->refillMax > 0; }
static inline bool sc_is_round_robin(const sched_context_t *sc) { return sc->period == 0; }

/* The head refill is due at `now`. */
static inline bool refill_ready(sched_context_t *sc, ticks_t now) { return refill_head(sc)->rTime <= now; }
/* After `usage` more ticks the head refill still holds at least the minimum budget. */
static inline bool refill_sufficient(sched_context_t *sc, ticks_t usage)
{
    ticks_t amount = refill_head(sc)->rAmount;
    return amount >= usage && amount - usage >= ksMinBudget;
}

/* (Re)starts the SC with its whole budget available at `now`: max_refills entries (2 for round
 * robin), period 0 for round robin. */
void refill_new(sched_context_t *sc, word_t max_refills, ticks_t budget, ticks_t period, ticks_t now);
/* Reconfigures an SC whose thread is running: what is available now stays available (trimmed
 * to the new budget), the rest comes one new period later. */
void refill_update(sched_context_t *sc, ticks_t period, ticks_t budget, word_t max_refills, ticks_t now);
/* Charges `usage` ticks used up to `now`. Round robin: taken from the head and restored whole
 * when it runs out. Sporadic: each used chunk comes back one period after it became usable. */
void refill_budget_check(sched_context_t *sc, ticks_t usage, ticks_t now);
/* A thread woke on this SC at `now`: a due head refill starts now, overlapping refills merge. */
void refill_unblock_check(sched_context_t *sc, ticks_t now);
/* The sum of all refills (the configured budget, a check the tests and invariants use). */
ticks_t refill_total(sched_context_t *sc);

#endif
