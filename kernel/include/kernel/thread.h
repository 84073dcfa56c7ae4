/*
 * Threads and the scheduler (seL4 src/kernel/thread.c): thread states, per-domain ready queues
 * of 256 priorities with a bitmap, the static domain schedule, timeslices, choosing and
 * activating the next thread, and the message-register helpers the syscall layer uses.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <object/structures.h>
#include <sel4/shared_types.h>
#include <sel4/types.h>
#include <util.h>

/* What schedule() does next: keep the current thread, choose anew, or switch to a thread. */
#define SchedulerAction_ResumeCurrentThread ((tcb_t *)0)
#define SchedulerAction_ChooseNewThread ((tcb_t *)1)

extern tcb_t *ksCurThread;
extern tcb_t *ksIdleThread;
extern tcb_t *ksSchedulerAction;
extern tcb_t *ksDebugTCBs;
extern word_t ksCurDomain;
extern word_t ksDomainTime;

static inline word_t getRegister(tcb_t *t, context_reg_t r) { return t->arch.context.regs[r]; }
static inline void setRegister(tcb_t *t, context_reg_t r, word_t v) { t->arch.context.regs[r] = v; }

/* Empties the ready queues and starts the domain schedule; the idle thread is current. */
void scheduler_init(tcb_t *idle);

/* A freshly retyped (zeroed) TCB: Inactive, priority and MCP 0, current domain, clean FPU. */
void tcb_init(tcb_t *t);

bool isRunnable(const tcb_t *t);
void setThreadState(tcb_t *t, thread_state_t s);

/* Ready queues: Enqueue puts at the head, Append at the tail (seL4 semantics). */
void tcbSchedEnqueue(tcb_t *t);
void tcbSchedAppend(tcb_t *t);
void tcbSchedDequeue(tcb_t *t);
bool tcbIsQueued(const tcb_t *t);

void rescheduleRequired(void);

/* The ready-queue bitmaps (kernel/thread.c): L1 bit w set when L2 word w has a bit set. */
#define READY_L2_WORDS (CONFIG_NUM_PRIORITIES / wordBits)
extern word_t ksReadyQueuesL1Bitmap[CONFIG_NUM_DOMAINS];
extern word_t ksReadyQueuesBitmap[CONFIG_NUM_DOMAINS][READY_L2_WORDS];

/* The highest priority with a runnable thread in the domain, or -1. */
static inline sword_t highest_prio(word_t dom)
{
    word_t l1 = ksReadyQueuesL1Bitmap[dom];
    if (!l1) {
        return -1;
    }
    word_t w = msb_index(l1);
    return (sword_t)(w * wordBits + msb_index(ksReadyQueuesBitmap[dom][w]));
}

/* Whether no ready thread of the current domain has a priority above prio. */
static inline bool scheduler_is_highest_prio(word_t prio)
{
    word_t dom = CONFIG_NUM_DOMAINS > 1 ? ksCurDomain : 0;
    /* the empty case first: the fastpath's usual one (both threads of a round trip blocked) */
    return !ksReadyQueuesL1Bitmap[dom] || highest_prio(dom) <= (sword_t)prio;
}
/* A thread just became runnable: run it now if it should preempt, else queue it. */
void possibleSwitchTo(tcb_t *t);
void schedule(void);
void activateThread(void);

/* Suspends a thread: Inactive, out of the ready queues, pending IPC cancelled. */
void suspend(tcb_t *t);
/* Resumes an Inactive (or BlockedOnReply) thread: Restart, queued at the head. */
void restart(tcb_t *t);
void setPriority(tcb_t *t, word_t prio);
void setMCPriority(tcb_t *t, word_t mcp);
void setDomain(tcb_t *t, word_t domain);

/* The kernel timer tick: timeslice and domain accounting. */
void timerTick(void);

/* Adds a TCB to the debug list and names it; removes it. */
void debug_register_tcb(tcb_t *t, const char *name);
void debug_unregister_tcb(tcb_t *t);

/* Debug build: checks the ready queues and the bitmap; returns false (and prints) if broken. */
bool scheduler_invariants_hold(void);

/* The thread's IPC buffer through its buffer frame cap, or NULL (sel4-facts 1.4). */
word_t *lookupIPCBuffer(bool isReceiver, tcb_t *t);

/* Message register i of thread t: a register for i < n_msgRegisters, else the IPC buffer. */
word_t getMR(tcb_t *t, word_t *buffer, word_t i);
/* Sets message register i; returns i + 1 if stored, i if the buffer is missing. */
word_t setMR(tcb_t *t, word_t *buffer, word_t i, word_t v);

#endif
