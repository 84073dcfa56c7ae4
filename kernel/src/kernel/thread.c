/*
 * Thread states and the scheduler (portable). Highest runnable priority of the current domain
 * wins; a preempted current thread goes back to the head of its queue, yield and timeslice
 * expiry to the tail; a woken thread preempts only with a higher priority (sel4-facts 2.8,
 * 9.7). The architecture switches address spaces and register sets (Arch_switchToThread).
 */
#include <kernel/domain_schedule.h>
#include <kernel/thread.h>
#include <kernel/arch_thread.h>
#include <kernel/memory.h>
#include <kernel/printf.h>
#include <kernel/ipc.h>
#include <object/endpoint.h>
#include <util.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <object/schedcontext.h>
#include <object/reply.h>
/* MCS: a thread is picked only with a configured SC that is not waiting for a refill. */
#define canRun(t) isSchedulable(t)
#else
#define canRun(t) isRunnable(t)
#endif

tcb_t *ksCurThread;
tcb_t *ksIdleThread;
tcb_t *ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
tcb_t *ksDebugTCBs;
word_t ksCurDomain;
word_t ksDomainTime;

#define L2_WORDS READY_L2_WORDS

static struct {
    tcb_t *head, *tail;
} ksReadyQueues[CONFIG_NUM_DOMAINS][CONFIG_NUM_PRIORITIES];

/* Two-level bitmap of non-empty queues: bit w of L1 says word w of L2 has a bit set, so the
 * highest priority is two count-leading-zeros away (seL4's ksReadyQueuesL1Bitmap). */
word_t ksReadyQueuesL1Bitmap[CONFIG_NUM_DOMAINS];
word_t ksReadyQueuesBitmap[CONFIG_NUM_DOMAINS][L2_WORDS];
_Static_assert(L2_WORDS <= wordBits, "one L1 word covers every L2 word");


void scheduler_init(tcb_t *idle)
{
    memzero(ksReadyQueues, sizeof(ksReadyQueues));
    memzero(ksReadyQueuesBitmap, sizeof(ksReadyQueuesBitmap));
    memzero(ksReadyQueuesL1Bitmap, sizeof(ksReadyQueuesL1Bitmap));
    domain_schedule_init();
    ksIdleThread = ksCurThread = idle;
    ksSchedulerAction = SchedulerAction_ChooseNewThread;
    ksDebugTCBs = NULL;
}

void tcb_init(tcb_t *t)
{
    Arch_initContext(t);
    t->state = ThreadState_Inactive;
    t->domain = ksCurDomain;
#ifndef CONFIG_KERNEL_MCS
    t->timeslice = CONFIG_TIME_SLICE;
#endif
    debug_register_tcb(t, "unnamed");
}

bool isRunnable(const tcb_t *t)
{
    return t->state == ThreadState_Running || t->state == ThreadState_Restart;
}

/* seL4's setThreadState and scheduleTCB: a current thread that stops being runnable needs a
 * new choice only if nothing is chosen yet. A thread already picked to run next (the partner
 * of an IPC, woken by possibleSwitchTo before the sender blocks) stays picked: schedule()
 * switches to it directly instead of queueing it and searching the ready queues. */
void setThreadState(tcb_t *t, thread_state_t s)
{
    t->state = s;
    if (t == ksCurThread && ksSchedulerAction == SchedulerAction_ResumeCurrentThread && !canRun(t)) {
        rescheduleRequired();
    }
}

bool tcbIsQueued(const tcb_t *t)
{
    return t->queued;
}

static void bitmap_update(word_t dom, word_t prio)
{
    word_t w = prio / wordBits, bit = BIT(prio % wordBits);
    if (ksReadyQueues[dom][prio].head) {
        ksReadyQueuesBitmap[dom][w] |= bit;
        ksReadyQueuesL1Bitmap[dom] |= BIT(w);
    } else if (!(ksReadyQueuesBitmap[dom][w] &= ~bit)) {
        ksReadyQueuesL1Bitmap[dom] &= ~BIT(w);
    }
}

void tcbSchedEnqueue(tcb_t *t)
{
    if (t->queued) {
        return;
    }
    word_t d = t->domain, p = t->priority;
    t->sched_prev = NULL;
    t->sched_next = ksReadyQueues[d][p].head;
    if (t->sched_next) {
        t->sched_next->sched_prev = t;
    } else {
        ksReadyQueues[d][p].tail = t;
    }
    ksReadyQueues[d][p].head = t;
    t->queued = true;
    bitmap_update(d, p);
}

void tcbSchedAppend(tcb_t *t)
{
    if (t->queued) {
        return;
    }
    word_t d = t->domain, p = t->priority;
    t->sched_next = NULL;
    t->sched_prev = ksReadyQueues[d][p].tail;
    if (t->sched_prev) {
        t->sched_prev->sched_next = t;
    } else {
        ksReadyQueues[d][p].head = t;
    }
    ksReadyQueues[d][p].tail = t;
    t->queued = true;
    bitmap_update(d, p);
}

void tcbSchedDequeue(tcb_t *t)
{
    if (!t->queued) {
        return;
    }
    word_t d = t->domain, p = t->priority;
    if (t->sched_prev) {
        t->sched_prev->sched_next = t->sched_next;
    } else {
        ksReadyQueues[d][p].head = t->sched_next;
    }
    if (t->sched_next) {
        t->sched_next->sched_prev = t->sched_prev;
    } else {
        ksReadyQueues[d][p].tail = t->sched_prev;
    }
    t->sched_next = t->sched_prev = NULL;
    t->queued = false;
    bitmap_update(d, p);
}

void rescheduleRequired(void)
{
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread &&
        ksSchedulerAction != SchedulerAction_ChooseNewThread) {
        tcbSchedEnqueue(ksSchedulerAction);
    }
    ksSchedulerAction = SchedulerAction_ChooseNewThread;
}

static bool isHighestPrio(word_t dom, word_t prio)
{
    return highest_prio(dom) <= (sword_t)prio;
}

void possibleSwitchTo(tcb_t *t)
{
#ifdef CONFIG_KERNEL_MCS
    if (!sc_wake_ready(t)) {
        return; /* passive, unconfigured or waiting for its refill */
    }
#endif
    if (t->domain != ksCurDomain) {
        tcbSchedEnqueue(t);
    } else if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread) {
        rescheduleRequired();
        tcbSchedEnqueue(t);
    } else {
        ksSchedulerAction = t;
    }
}

static void switchToThread(tcb_t *t)
{
    Arch_switchToThread(t);
    tcbSchedDequeue(t);
    ksCurThread = t;
}

static void chooseThread(void)
{
    sword_t prio = highest_prio(ksCurDomain);
    if (prio >= 0) {
        switchToThread(ksReadyQueues[ksCurDomain][prio].head);
    } else {
        Arch_switchToIdleThread();
        ksCurThread = ksIdleThread;
    }
}

static void scheduleChooseNewThread(void)
{
    if (ksDomainTime == 0) {
        domain_schedule_next();
    }
    chooseThread();
}

/* A specific thread was woken: run it unless another thread should (seL4 schedule()). */
static void schedule_candidate(tcb_t *candidate, bool was_runnable)
{
    bool fastfail = ksCurThread == ksIdleThread || candidate->priority < ksCurThread->priority;
    if (fastfail && !isHighestPrio(ksCurDomain, candidate->priority)) {
        tcbSchedEnqueue(candidate);
        scheduleChooseNewThread();
    } else if (was_runnable && candidate->priority == ksCurThread->priority) {
        tcbSchedAppend(candidate);
        scheduleChooseNewThread();
    } else {
        switchToThread(candidate);
    }
}

void schedule(void)
{
#ifdef CONFIG_KERNEL_MCS
    awaken();
    checkDomainTime();
#endif
    if (ksSchedulerAction == SchedulerAction_ResumeCurrentThread) {
#ifdef CONFIG_KERNEL_MCS
        switchSchedContext();
#endif
        return;
    }
    bool was_runnable = ksCurThread != ksIdleThread && canRun(ksCurThread);
    if (was_runnable) {
        tcbSchedEnqueue(ksCurThread);
    }
    if (ksSchedulerAction == SchedulerAction_ChooseNewThread) {
        scheduleChooseNewThread();
    } else {
        schedule_candidate(ksSchedulerAction, was_runnable);
    }
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
#ifdef CONFIG_KERNEL_MCS
    switchSchedContext();
#endif
}

void activateThread(void)
{
#ifdef CONFIG_KERNEL_MCS
    if (ksCurThread->yieldTo) {
        schedContext_completeYieldTo(ksCurThread); /* a delayed YieldTo returns now */
    }
#endif
    switch (ksCurThread->state) {
    case ThreadState_Running:
        break;
    case ThreadState_Restart:
        Arch_setNextPC(ksCurThread, Arch_getRestartPC(ksCurThread));
        setThreadState(ksCurThread, ThreadState_Running);
        break;
    default:
        /* Only the idle thread is ever current while not runnable. */
        Arch_activateIdleThread(ksCurThread);
        break;
    }
}

void suspend(tcb_t *t)
{
    cancelIPC(t);
    if (t->state == ThreadState_Running) {
        /* A running thread continues where it was stopped, not at its last syscall. */
        setRegister(t, REG_FAULT_IP, Arch_getNextPC(t));
    }
    setThreadState(t, ThreadState_Inactive);
    tcbSchedDequeue(t);
#ifdef CONFIG_KERNEL_MCS
    tcbReleaseRemove(t);
    schedContext_cancelYieldTo(t);
#endif
}

void restart(tcb_t *t)
{
    if (t->state != ThreadState_Inactive && t->state != ThreadState_BlockedOnReply) {
        return;
    }
    cancelIPC(t);
#ifdef CONFIG_KERNEL_MCS
    /* without a ready SC the thread is Restart but not queued (sel4-mcs-facts 4.1) */
    setThreadState(t, ThreadState_Restart);
    if (sc_wake_ready(t)) {
        tcbSchedEnqueue(t);
        possibleSwitchTo(t);
    }
#else
    setupReplyMaster(t);
    setThreadState(t, ThreadState_Restart);
    tcbSchedEnqueue(t);
    possibleSwitchTo(t);
#endif
}

void setPriority(tcb_t *t, word_t prio)
{
    tcbSchedDequeue(t);
    t->priority = prio;
#ifdef CONFIG_KERNEL_MCS
    requeue_blocked(t); /* endpoint and notification queues are priority ordered */
#endif
    if (canRun(t)) {
        if (t == ksCurThread) {
            rescheduleRequired();
        } else {
            possibleSwitchTo(t);
        }
    }
}

void setMCPriority(tcb_t *t, word_t mcp)
{
    t->mcp = mcp;
}

void setDomain(tcb_t *t, word_t domain)
{
    tcbSchedDequeue(t);
    t->domain = domain;
    if (canRun(t) && t != ksCurThread) {
        tcbSchedEnqueue(t);
    }
    if (t == ksCurThread) {
        rescheduleRequired();
    }
}

#ifndef CONFIG_KERNEL_MCS
void timerTick(void)
{
    tcb_t *t = ksCurThread;
    if (t != ksIdleThread && t->state == ThreadState_Running) {
        if (t->timeslice > 1) {
            t->timeslice--;
        } else {
            t->timeslice = CONFIG_TIME_SLICE;
            tcbSchedAppend(t);
            rescheduleRequired();
        }
    }
    if (CONFIG_NUM_DOMAINS > 1 && --ksDomainTime == 0) {
        rescheduleRequired();
    }
}
#endif

void debug_register_tcb(tcb_t *t, const char *name)
{
    t->debug_prev = NULL;
    t->debug_next = ksDebugTCBs;
    if (ksDebugTCBs) {
        ksDebugTCBs->debug_prev = t;
    }
    ksDebugTCBs = t;
    word_t n = kstrnlen(name, CONFIG_TCB_NAME_LENGTH - 1);
    kmemcpy(t->name, name, n);
    t->name[n] = '\0';
}

void debug_unregister_tcb(tcb_t *t)
{
    if (t->debug_prev) {
        t->debug_prev->debug_next = t->debug_next;
    } else if (ksDebugTCBs == t) {
        ksDebugTCBs = t->debug_next;
    }
    if (t->debug_next) {
        t->debug_next->debug_prev = t->debug_prev;
    }
    t->debug_next = t->debug_prev = NULL;
}

static bool queue_ok(word_t d, word_t p)
{
    tcb_t *prev = NULL;
    for (tcb_t *t = ksReadyQueues[d][p].head; t; prev = t, t = t->sched_next) {
        if (!t->queued || t->sched_prev != prev || t->priority != p || t->domain != d || !isRunnable(t) ||
            t == ksCurThread) {
            kprintf("[kernel] invariant: bad ready queue entry \"%s\" (domain %lu, prio %lu)\n", t->name, d, p);
            return false;
        }
    }
    bool bit = (ksReadyQueuesBitmap[d][p / wordBits] >> (p % wordBits)) & 1;
    bool l1 = (ksReadyQueuesL1Bitmap[d] >> (p / wordBits)) & 1;
    if (prev != ksReadyQueues[d][p].tail || bit != (prev != NULL) || (bit && !l1)) {
        kprintf("[kernel] invariant: ready queue (domain %lu, prio %lu) tail or bitmap wrong\n", d, p);
        return false;
    }
    return true;
}

bool scheduler_invariants_hold(void)
{
    for (word_t d = 0; d < CONFIG_NUM_DOMAINS; d++) {
        for (word_t p = 0; p < CONFIG_NUM_PRIORITIES; p++) {
            if (!queue_ok(d, p)) {
                return false;
            }
        }
    }
    return true;
}

word_t *lookupIPCBuffer(bool isReceiver, tcb_t *t)
{
    cap_t c = t->ctes[tcbBuffer].cap;
    if (cap_get_capType(c) != cap_frame_cap || cap_frame_cap_get_capFIsDevice(c)) {
        return NULL;
    }
    word_t rights = cap_frame_cap_get_capFVMRights(c);
    if (rights != VMReadWrite && (isReceiver || rights != VMReadOnly)) {
        return NULL;
    }
    word_t size_bits = frame_size_bits(cap_frame_cap_get_capFSize(c));
    paddr_t p = cap_get_capPaddr(c) + (t->ipc_buffer & MASK(size_bits));
    return (word_t *)paddr_to_kptr(p);
}

word_t getMR(tcb_t *t, word_t *buffer, word_t i)
{
    if (i < n_msgRegisters) {
        return getRegister(t, msgRegisters[i]);
    }
    return buffer ? buffer[i + 1] : 0;
}

word_t setMR(tcb_t *t, word_t *buffer, word_t i, word_t v)
{
    if (i < n_msgRegisters) {
        setRegister(t, msgRegisters[i], v);
        return i + 1;
    }
    if (buffer) {
        buffer[i + 1] = v;
        return i + 1;
    }
    return i;
}
