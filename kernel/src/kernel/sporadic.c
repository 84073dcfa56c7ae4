/*
 * Refill bookkeeping of scheduling contexts (MCS; seL4 src/kernel/sporadic.c, written from
 * sel4-mcs-facts 4.4). The refills are a circular buffer; their amounts always add up to the
 * budget, so no thread gets more than `budget` in any window of `period` (sporadic server).
 */
#include <kernel/sporadic.h>

ticks_t ksMinBudget;

static word_t next_index(sched_context_t *sc, word_t i) { return (i + 1) % sc->refillMax; }

static refill_t refill_pop_head(sched_context_t *sc)
{
    refill_t r = *refill_head(sc);
    sc->refillHead = next_index(sc, sc->refillHead);
    sc->refillCount--;
    return r;
}

static void refill_push_tail(sched_context_t *sc, refill_t r)
{
    sc->refillCount++;
    *refill_tail(sc) = r;
}

static bool refill_full(sched_context_t *sc) { return sc->refillCount == sc->refillMax; }

void refill_new(sched_context_t *sc, word_t max_refills, ticks_t budget, ticks_t period, ticks_t now)
{
    sc->period = period;
    sc->budget = budget;
    sc->refillMax = max_refills;
    sc->refillHead = 0;
    sc->refillCount = 1;
    sc->refills[0] = (refill_t){ now, budget };
    if (period == 0) {
        /* round robin: head = what is left, tail = what was used */
        refill_push_tail(sc, (refill_t){ now, 0 });
    }
}

void refill_update(sched_context_t *sc, ticks_t period, ticks_t budget, word_t max_refills, ticks_t now)
{
    refill_t head = *refill_head(sc);
    ticks_t available = head.rTime <= now ? head.rAmount : 0;
    if (available > budget) {
        available = budget;
    }
    refill_new(sc, max_refills, available, period, now);
    sc->budget = budget;
    if (period == 0) {
        refill_head(sc)->rAmount = budget;
        return;
    }
    if (available < budget) {
        refill_push_tail(sc, (refill_t){ now + period, budget - available });
    }
    if (available == 0) {
        (void)refill_pop_head(sc); /* nothing usable now: the head is the refill one period away */
    }
}

/* Adds a used chunk back at its release time: merged with the tail when they touch or the
 * buffer is full (the tail then moves later, never earlier). */
static void schedule_used(sched_context_t *sc, refill_t used)
{
    if (used.rAmount == 0) {
        return;
    }
    if (sc->refillCount == 0) {
        refill_push_tail(sc, used);
        return;
    }
    refill_t *tail = refill_tail(sc);
    if (tail->rTime + tail->rAmount >= used.rTime) {
        tail->rAmount += used.rAmount;
    } else if (refill_full(sc)) {
        tail->rTime = used.rTime + used.rAmount - (tail->rAmount + used.rAmount);
        tail->rAmount += used.rAmount;
    } else {
        refill_push_tail(sc, used);
    }
}

static void round_robin_charge(sched_context_t *sc, ticks_t usage, ticks_t now)
{
    refill_t *head = refill_head(sc), *tail = refill_tail(sc);
    ticks_t take = usage < head->rAmount ? usage : head->rAmount;
    head->rAmount -= take;
    tail->rAmount += take;
    if (head->rAmount < ksMinBudget) {
        /* exhausted: the whole budget comes back at once (the thread goes to the queue's tail) */
        *head = (refill_t){ now, sc->budget };
        *tail = (refill_t){ now, 0 };
    }
}

void refill_budget_check(sched_context_t *sc, ticks_t usage, ticks_t now)
{
    if (sc_is_round_robin(sc)) {
        round_robin_charge(sc, usage, now);
        return;
    }
    /* Whole refills used up: each returns one period after it became usable. */
    while (usage > 0 && usage >= refill_head(sc)->rAmount && sc->refillCount > 1) {
        refill_t used = refill_pop_head(sc);
        usage -= used.rAmount;
        used.rTime += sc->period;
        schedule_used(sc, used);
    }
    refill_t *head = refill_head(sc);
    if (usage >= head->rAmount) {
        /* The only refill overrun (time in the kernel): all of it returns a period later, delayed
         * by the overrun so the window stays honest. */
        ticks_t over = usage - head->rAmount;
        head->rTime += sc->period + over;
        usage = 0;
    } else if (usage > 0) {
        refill_t used = { head->rTime + sc->period, usage };
        head->rAmount -= usage;
        head->rTime += usage;
        schedule_used(sc, used);
    }
    /* A head too small to run on is merged into the next refill (it becomes usable later). */
    while (refill_head(sc)->rAmount < ksMinBudget && sc->refillCount > 1) {
        refill_t small = refill_pop_head(sc);
        refill_head(sc)->rAmount += small.rAmount;
    }
}

void refill_unblock_check(sched_context_t *sc, ticks_t now)
{
    if (sc_is_round_robin(sc) || !refill_ready(sc, now)) {
        return;
    }
    refill_head(sc)->rTime = now;
    /* Refills that now overlap the head are merged into it. */
    while (sc->refillCount > 1) {
        refill_t *head = refill_head(sc);
        refill_t *next = &sc->refills[next_index(sc, sc->refillHead)];
        if (head->rTime + head->rAmount < next->rTime) {
            break;
        }
        refill_t merged = refill_pop_head(sc);
        refill_head(sc)->rAmount += merged.rAmount;
        refill_head(sc)->rTime = merged.rTime;
    }
}

ticks_t refill_total(sched_context_t *sc)
{
    ticks_t sum = 0;
    for (word_t i = 0, idx = sc->refillHead; i < sc->refillCount; i++, idx = next_index(sc, idx)) {
        sum += sc->refills[idx].rAmount;
    }
    return sum;
}
