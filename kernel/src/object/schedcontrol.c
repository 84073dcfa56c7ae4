/*
 * SchedControl (MCS; seL4 src/object/schedcontrol.c, from sel4-mcs-facts 2.4 and 4.4): the
 * one invocation, ConfigureFlags, which gives an SC its budget, period, refill count, badge
 * and sporadic flag. The checks run in seL4's order: the times before the SC cap's type.
 */
#include <object/schedcontext.h>
#include <api/user_error.h>
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

#define MIN_REFILLS 2

static uint64_t max_period_us(void)
{
    return CONFIG_KERNEL_STATIC_MAX_PERIOD_US ? CONFIG_KERNEL_STATIC_MAX_PERIOD_US : maxPeriodUs();
}

/* The four time checks, each RangeError with MR0 = MIN_BUDGET_US. */
static exception_t check_times(uint64_t budget_us, uint64_t period_us)
{
    uint64_t max = max_period_us();
    if (budget_us > max || period_us > max) {
        return user_error_range(MIN_BUDGET_US, max, "budget or period above the maximum");
    }
    if (usToTicks(budget_us) < ksMinBudget || period_us < MIN_BUDGET_US) {
        return user_error_range(MIN_BUDGET_US, max, "budget or period below the minimum (20 us)");
    }
    if (budget_us > period_us) {
        return user_error_range(MIN_BUDGET_US, period_us, "budget above the period");
    }
    return EXCEPTION_NONE;
}

static void invoke_configure(sched_context_t *sc, ticks_t budget, ticks_t period, word_t refills, word_t badge,
                             word_t flags)
{
    tcb_t *t = sc->tcb;
    if (sc == ksCurSC) {
        commitTime(); /* the time used so far counts against the old parameters */
        ksReprogram = true;
    }
    if (t) {
        tcbReleaseRemove(t);
        tcbSchedDequeue(t);
    }
    if (budget == period) {
        period = 0; /* round robin */
        refills = MIN_REFILLS;
    }
    sc->badge = badge;
    sc->sporadic = flags & 1;
    if (sc_active(sc) && t && isRunnable(t) && period != 0 && !sc_is_round_robin(sc)) {
        refill_update(sc, period, budget, refills, ksCurTime);
    } else {
        refill_new(sc, refills, budget, period, ksCurTime);
    }
    if (!t) {
        return;
    }
    schedContext_resume(sc);
    if (isSchedulable(t)) {
        if (t == ksCurThread) {
            rescheduleRequired();
        } else {
            possibleSwitchTo(t);
        }
    } else if (t == ksCurThread) {
        rescheduleRequired();
    }
}

exception_t decodeSchedControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (label != SchedControlConfigureFlags) {
        return user_error(seL4_IllegalOperation, "not a label of the SchedControl cap");
    }
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no SC cap");
    }
    if (length < 5) {
        return user_error(seL4_TruncatedMessage, "fewer than 5 message words");
    }
    tcb_t *cur = ksCurThread;
    uint64_t budget_us = getMR(cur, buffer, 0), period_us = getMR(cur, buffer, 1);
    word_t extra_refills = getMR(cur, buffer, 2), badge = getMR(cur, buffer, 3), flags = getMR(cur, buffer, 4);
    exception_t s = check_times(budget_us, period_us);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    cap_t c = extra->slots[0]->cap;
    if (cap_get_capType(c) != cap_sched_context_cap) {
        return user_error_invalid_cap(1, "extra cap is not an SC cap");
    }
    word_t max = sc_refills_for_bits(cap_sched_context_cap_get_sizeBits(c));
    if (extra_refills > max - MIN_REFILLS) {
        return user_error_range(0, max - MIN_REFILLS, "more extra refills than the SC holds");
    }
    setThreadState(cur, ThreadState_Restart);
    invoke_configure(sc_from_cap(c), usToTicks(budget_us), usToTicks(period_us), extra_refills + MIN_REFILLS, badge,
                     flags);
    return EXCEPTION_NONE;
}
