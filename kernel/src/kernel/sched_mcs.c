/*
 * The MCS scheduler's clock, budget charging and release queue (seL4 src/kernel/thread.c and
 * src/kernel/sporadic.c, MCS parts; sel4-mcs-facts 3.3, 4.1, 4.4). The kernel is tickless: each
 * entry reads the clock, the time since the previous entry is charged to the current SC when
 * the SC changes or runs out, and before leaving the kernel one deadline is programmed: the
 * current budget's end or the earliest release, whichever comes first.
 */
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#include <kernel/thread.h>
#include <kernel/faulthandler.h>
#include <object/schedcontext.h>
#include <kernel/printf.h>

ticks_t ksCurTime;
ticks_t ksConsumed;
sched_context_t *ksCurSC;
bool ksReprogram;
tcb_t *ksReleaseHead;
word_t ksTicksPerUs = 1;

/* The idle thread's own SC (no cap): round robin with the boot time slice. */
static struct {
    sched_context_t sc;
    refill_t refills[2];
} ksIdleSC;

void sched_mcs_init(word_t ticks_per_us, tcb_t *idle)
{
    ksTicksPerUs = ticks_per_us ? ticks_per_us : 1;
    ksMinBudget = usToTicks(MIN_BUDGET_US);
    ksCurTime = Arch_getCurrentTime();
    ksConsumed = 0;
    ksReleaseHead = NULL;
    refill_new(&ksIdleSC.sc, 2, usToTicks(CONFIG_BOOT_THREAD_TIME_SLICE * 1000ull), 0, ksCurTime);
    ksIdleSC.sc.tcb = idle;
    idle->sc = &ksIdleSC.sc;
    ksCurSC = &ksIdleSC.sc;
    ksReprogram = true;
}

bool isSchedulable(const tcb_t *t)
{
    return isRunnable(t) && t->sc && sc_active(t->sc) && !t->in_release_queue;
}

void updateTimestamp(void)
{
    ticks_t prev = ksCurTime;
    ksCurTime = Arch_getCurrentTime();
    ticks_t elapsed = ksCurTime - prev;
    ksConsumed += elapsed;
    if (CONFIG_NUM_DOMAINS > 1) {
        /* domain slots are in ticks under MCS (sel4-mcs-facts 4.8) */
        ksDomainTime = elapsed < ksDomainTime ? ksDomainTime - elapsed : 0;
    }
}

void checkDomainTime(void)
{
    if (CONFIG_NUM_DOMAINS > 1 && ksDomainTime < ksMinBudget) {
        /* less than a usable budget left: the slot ends now (the next domain is chosen when the
         * scheduler sees ksDomainTime 0) */
        ksDomainTime = 0;
        ksReprogram = true;
        rescheduleRequired();
    }
}

void commitTime(void)
{
    sched_context_t *sc = ksCurSC;
    if (sc_active(sc) && sc != &ksIdleSC.sc && ksConsumed > 0) {
        refill_budget_check(sc, ksConsumed, ksCurTime);
        sc->consumed += ksConsumed;
    }
    ksConsumed = 0;
}

/* The current thread's budget ran out: timeout fault, back of the queue or release queue. */
static void endTimeslice(bool canTimeoutFault)
{
    tcb_t *t = ksCurThread;
    sched_context_t *sc = t->sc;
    if (canTimeoutFault && !sc_is_round_robin(sc) && validTimeoutHandler(t)) {
        handleTimeout(t);
    } else if (refill_ready(sc, ksCurTime) && refill_sufficient(sc, 0)) {
        tcbSchedAppend(t);
    } else {
        postpone(sc);
    }
}

static void chargeBudget(bool canTimeoutFault)
{
    commitTime();
    tcb_t *t = ksCurThread;
    if (t != ksIdleThread && isRunnable(t) && t->sc == ksCurSC && !t->in_release_queue) {
        endTimeslice(canTimeoutFault);
        rescheduleRequired();
    }
    ksReprogram = true;
}

bool checkBudget(void)
{
    if (ksCurSC == &ksIdleSC.sc || refill_sufficient(ksCurSC, ksConsumed)) {
        return true;
    }
    chargeBudget(true);
    return false;
}

bool checkBudgetRestart(void)
{
    bool ok = checkBudget();
    if (!ok && isRunnable(ksCurThread)) {
        setThreadState(ksCurThread, ThreadState_Restart);
    }
    return ok;
}

void timerTick(void)
{
    ksReprogram = true;
}

/* --- the release queue ------------------------------------------------------------------ */

static ticks_t release_time(const tcb_t *t)
{
    return refill_head(t->sc)->rTime;
}

void tcbReleaseEnqueue(tcb_t *t)
{
    if (t->in_release_queue) {
        return;
    }
    tcb_t *prev = NULL, *cur = ksReleaseHead;
    while (cur && release_time(cur) <= release_time(t)) {
        prev = cur;
        cur = cur->release_next;
    }
    t->release_prev = prev;
    t->release_next = cur;
    if (cur) {
        cur->release_prev = t;
    }
    if (prev) {
        prev->release_next = t;
    } else {
        ksReleaseHead = t;
        ksReprogram = true; /* a new earliest release */
    }
    t->in_release_queue = true;
}

void tcbReleaseRemove(tcb_t *t)
{
    if (!t->in_release_queue) {
        return;
    }
    if (t->release_prev) {
        t->release_prev->release_next = t->release_next;
    } else {
        ksReleaseHead = t->release_next;
        ksReprogram = true;
    }
    if (t->release_next) {
        t->release_next->release_prev = t->release_prev;
    }
    t->release_next = t->release_prev = NULL;
    t->in_release_queue = false;
}

void postpone(sched_context_t *sc)
{
    tcbSchedDequeue(sc->tcb);
    tcbReleaseEnqueue(sc->tcb);
}

void schedContext_resume(sched_context_t *sc)
{
    tcb_t *t = sc->tcb;
    if (t && sc_active(sc) && isRunnable(t) && !(refill_ready(sc, ksCurTime) && refill_sufficient(sc, 0))) {
        postpone(sc);
    }
}

bool sc_wake_ready(tcb_t *t)
{
    sched_context_t *sc = t->sc;
    if (!sc || !sc_active(sc)) {
        return false;
    }
    if (sc->sporadic) {
        refill_unblock_check(sc, ksCurTime);
    }
    schedContext_resume(sc);
    return !t->in_release_queue;
}

/* Threads whose refill is due become ready (earliest first). */
void awaken(void)
{
    while (ksReleaseHead && refill_ready(ksReleaseHead->sc, ksCurTime)) {
        tcb_t *t = ksReleaseHead;
        tcbReleaseRemove(t);
        if (t->sc->sporadic) {
            refill_unblock_check(t->sc, ksCurTime);
        }
        possibleSwitchTo(t);
    }
}

/* The one deadline: the end of the current budget or the earliest release. */
static void setNextInterrupt(void)
{
    ticks_t next = ksCurTime + refill_head(ksCurSC)->rAmount;
    if (ksReleaseHead && release_time(ksReleaseHead) < next) {
        next = release_time(ksReleaseHead);
    }
    if (CONFIG_NUM_DOMAINS > 1 && ksCurTime + ksDomainTime < next) {
        next = ksCurTime + ksDomainTime; /* the end of the domain's slot */
    }
    Arch_setDeadline(next);
}

void switchSchedContext(void)
{
    sched_context_t *sc = ksCurThread->sc ? ksCurThread->sc : &ksIdleSC.sc;
    if (sc != ksCurSC) {
        ksReprogram = true;
        if (!sc->sporadic && sc != &ksIdleSC.sc) {
            refill_unblock_check(sc, ksCurTime); /* constant bandwidth: adjusted at the switch */
        }
    }
    if (ksReprogram) {
        /* the old SC pays for its time before the new deadline is computed from the new one */
        commitTime();
        ksCurSC = sc;
        setNextInterrupt();
        ksReprogram = false;
    }
}

/* Debug builds: every queued thread can run, and the release queue is sorted and holds only
 * runnable threads with a configured SC that are not also in a ready queue. */
bool mcs_invariants_hold(void)
{
    ticks_t last = 0;
    for (tcb_t *t = ksReleaseHead; t; t = t->release_next) {
        if (!t->in_release_queue || !t->sc || !sc_active(t->sc) || !isRunnable(t) || tcbIsQueued(t) ||
            release_time(t) < last || (t->release_next && t->release_next->release_prev != t)) {
            kprintf("[kernel] invariant: bad release queue entry \"%s\"\n", t->name);
            return false;
        }
        last = release_time(t);
    }
    for (tcb_t *t = ksDebugTCBs; t; t = t->debug_next) {
        if (tcbIsQueued(t) && (!t->sc || !sc_active(t->sc) || t->in_release_queue)) {
            kprintf("[kernel] invariant: \"%s\" is ready without a usable SC\n", t->name);
            return false;
        }
        if (t->sc && t->sc->tcb != t) {
            kprintf("[kernel] invariant: \"%s\" and its SC disagree\n", t->name);
            return false;
        }
    }
    return true;
}

void yieldCurrentBudget(void)
{
    tcb_t *t = ksCurThread;
    sched_context_t *sc = t->sc;
    refill_t *head = refill_head(sc);
    /* the rest of the head refill counts as used; `consumed` records only the real time */
    ticks_t used = ksConsumed, charged = head->rAmount > used ? head->rAmount : used;
    ksConsumed = charged;
    commitTime();
    if (sc_active(sc)) {
        sc->consumed -= charged - used;
    }
    tcbSchedDequeue(t);
    if (refill_ready(sc, ksCurTime) && refill_sufficient(sc, 0)) {
        tcbSchedAppend(t);
    } else {
        postpone(sc);
    }
    rescheduleRequired();
    ksReprogram = true;
}
