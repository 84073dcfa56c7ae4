/*
 * Thread states and the scheduler (portable). Highest runnable priority wins; a preempted
 * current thread goes back to the head of its queue, yield and timeslice expiry to the tail
 * (sel4-facts 2.8). The architecture switches address spaces and register sets
 * (Arch_switchToThread) and runs the idle thread.
 */
#include <kernel/thread.h>
#include <kernel/memory.h>
#include <kernel/arch_thread.h>
#include <util.h>

tcb_t *ksCurThread;
tcb_t *ksIdleThread;
tcb_t *ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
tcb_t *ksDebugTCBs;

static struct {
    tcb_t *head, *tail;
} ksReadyQueues[CONFIG_NUM_PRIORITIES];
static word_t ksReadyQueuesBitmap[CONFIG_NUM_PRIORITIES / wordBits];

bool isRunnable(const tcb_t *t)
{
    return t->state == ThreadState_Running || t->state == ThreadState_Restart;
}

void setThreadState(tcb_t *t, thread_state_t s)
{
    t->state = s;
    if (t == ksCurThread && !isRunnable(t)) {
        rescheduleRequired();
    }
}

bool tcbIsQueued(const tcb_t *t)
{
    return t->sched_prev || t->sched_next || ksReadyQueues[t->priority].head == t;
}

static void bitmap_update(word_t prio)
{
    word_t bit = BIT(prio % wordBits);
    if (ksReadyQueues[prio].head) {
        ksReadyQueuesBitmap[prio / wordBits] |= bit;
    } else {
        ksReadyQueuesBitmap[prio / wordBits] &= ~bit;
    }
}

void tcbSchedEnqueue(tcb_t *t)
{
    if (tcbIsQueued(t)) {
        return;
    }
    word_t p = t->priority;
    t->sched_prev = NULL;
    t->sched_next = ksReadyQueues[p].head;
    if (t->sched_next) {
        t->sched_next->sched_prev = t;
    } else {
        ksReadyQueues[p].tail = t;
    }
    ksReadyQueues[p].head = t;
    bitmap_update(p);
}

void tcbSchedAppend(tcb_t *t)
{
    if (tcbIsQueued(t)) {
        return;
    }
    word_t p = t->priority;
    t->sched_next = NULL;
    t->sched_prev = ksReadyQueues[p].tail;
    if (t->sched_prev) {
        t->sched_prev->sched_next = t;
    } else {
        ksReadyQueues[p].head = t;
    }
    ksReadyQueues[p].tail = t;
    bitmap_update(p);
}

void tcbSchedDequeue(tcb_t *t)
{
    if (!tcbIsQueued(t)) {
        return;
    }
    word_t p = t->priority;
    if (t->sched_prev) {
        t->sched_prev->sched_next = t->sched_next;
    } else {
        ksReadyQueues[p].head = t->sched_next;
    }
    if (t->sched_next) {
        t->sched_next->sched_prev = t->sched_prev;
    } else {
        ksReadyQueues[p].tail = t->sched_prev;
    }
    t->sched_next = t->sched_prev = NULL;
    bitmap_update(p);
}

void rescheduleRequired(void)
{
    if (ksSchedulerAction != SchedulerAction_ResumeCurrentThread &&
        ksSchedulerAction != SchedulerAction_ChooseNewThread) {
        tcbSchedEnqueue(ksSchedulerAction);
    }
    ksSchedulerAction = SchedulerAction_ChooseNewThread;
}

static tcb_t *highest_ready(void)
{
    for (int w = ARRAY_SIZE(ksReadyQueuesBitmap) - 1; w >= 0; w--) {
        if (ksReadyQueuesBitmap[w]) {
            return ksReadyQueues[(word_t)w * wordBits + msb_index(ksReadyQueuesBitmap[w])].head;
        }
    }
    return NULL;
}

static void switchToThread(tcb_t *t)
{
    Arch_switchToThread(t);
    tcbSchedDequeue(t);
    ksCurThread = t;
}

void schedule(void)
{
    if (ksSchedulerAction == SchedulerAction_ResumeCurrentThread) {
        return;
    }
    if (ksCurThread != ksIdleThread && isRunnable(ksCurThread)) {
        tcbSchedEnqueue(ksCurThread);
    }
    tcb_t *next = ksSchedulerAction == SchedulerAction_ChooseNewThread ? highest_ready() : ksSchedulerAction;
    if (next) {
        switchToThread(next);
    } else {
        Arch_switchToIdleThread();
        ksCurThread = ksIdleThread;
    }
    ksSchedulerAction = SchedulerAction_ResumeCurrentThread;
}

void activateThread(void)
{
    switch (ksCurThread->state) {
    case ThreadState_Running:
        break;
    case ThreadState_Restart:
        setRegister(ksCurThread, REG_RIP, Arch_getRestartPC(ksCurThread));
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
    setThreadState(t, ThreadState_Inactive);
    tcbSchedDequeue(t);
}

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
    word_t size_bits = 12 + 9 * cap_frame_cap_get_capFSize(c);
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
