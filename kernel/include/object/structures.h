/*
 * Kernel object layouts shared by the core: capability slots (cte_t) with their derivation-tree
 * links (mdb_node_t), thread states and the TCB. Architecture-specific thread state (registers,
 * FPU) is arch_tcb_t from <arch/object/structures.h>.
 */
#ifndef OBJECT_STRUCTURES_H
#define OBJECT_STRUCTURES_H

#include <config.h>
#include <api/failures.h>
#include <object/cap.h>
#include <arch/object/structures.h>
#include <sel4/sel4_arch/constants.h>

/*
 * Capability derivation tree node: a doubly linked list in depth-first order (seL4's MDB).
 * word 0: previous slot (kernel pointer or 0)
 * word 1: next slot (kernel pointer, 32-byte aligned) | bit 1 firstBadged | bit 0 revocable
 */
typedef struct mdb_node {
    word_t words[2];
} mdb_node_t;

typedef struct cte {
    cap_t cap;
    mdb_node_t mdb;
} cte_t;

_Static_assert(sizeof(cte_t) == 32, "a CNode slot is 2^seL4_SlotBits bytes");

static inline struct cte *mdb_get_prev(mdb_node_t m) { return (struct cte *)m.words[0]; }
static inline struct cte *mdb_get_next(mdb_node_t m) { return (struct cte *)(m.words[1] & ~(word_t)3); }
static inline bool mdb_get_revocable(mdb_node_t m) { return m.words[1] & 1; }
static inline bool mdb_get_firstBadged(mdb_node_t m) { return (m.words[1] >> 1) & 1; }

static inline mdb_node_t mdb_node_new(struct cte *prev, struct cte *next, bool revocable, bool firstBadged)
{
    mdb_node_t m;
    m.words[0] = (word_t)prev;
    m.words[1] = (word_t)next | ((word_t)firstBadged << 1) | (word_t)revocable;
    return m;
}

static inline void mdb_set_prev(mdb_node_t *m, struct cte *prev) { m->words[0] = (word_t)prev; }
static inline void mdb_set_next(mdb_node_t *m, struct cte *next)
{
    m->words[1] = (m->words[1] & 3) | (word_t)next;
}

/* An endpoint (2^seL4_EndpointBits bytes): a FIFO queue of blocked threads and its state.
 * The queue is used by IPC (kernel/src/object/endpoint.c). */
typedef enum { EPState_Idle = 0, EPState_Send = 1, EPState_Recv = 2 } endpoint_state_t;
typedef struct endpoint {
    struct tcb *head;
    struct tcb *tail;
} endpoint_t;
_Static_assert(sizeof(endpoint_t) <= 16, "an endpoint fits 2^seL4_EndpointBits bytes");

/* A notification (2^seL4_NotificationBits bytes): the waiting queue, the signal word and the
 * bound thread with the Active flag in its low bit (TCBs are 2 KiB aligned). The state is
 * Waiting when the queue is not empty, else Active or Idle by the flag. */
typedef struct notification {
    struct tcb *head;
    struct tcb *tail;
    word_t word;
    word_t bound_active;
#ifdef CONFIG_KERNEL_MCS
    struct sched_context *sc; /* bound scheduling context, lent to a passive waiter it wakes */
#endif
} notification_t;
_Static_assert(sizeof(notification_t) <= (1u << seL4_NotificationBits),
               "a notification fits 2^seL4_NotificationBits bytes");

/* seL4's thread states (non-MCS). */
typedef enum thread_state {
    ThreadState_Inactive = 0,
    ThreadState_Running = 1,
    ThreadState_Restart = 2,
    ThreadState_BlockedOnReceive = 3,
    ThreadState_BlockedOnSend = 4,
    ThreadState_BlockedOnReply = 5,
    ThreadState_BlockedOnNotification = 6,
    ThreadState_IdleThreadState = 7,
} thread_state_t;

/* The capability slots every TCB object holds (seL4's tcb_cnode_index). MCS has no reply
 * and caller slots but holds the fault and timeout handler caps (sel4-mcs-facts 2.1). */
#ifdef CONFIG_KERNEL_MCS
enum tcb_cnode_index {
    tcbCTable = 0,
    tcbVTable = 1,
    tcbBuffer = 2,
    tcbFaultHandler = 3,
    tcbTimeoutHandler = 4,
    tcbCNodeEntries
};
#include <object/structures_mcs.h>
#else
enum tcb_cnode_index {
    tcbCTable = 0,
    tcbVTable = 1,
    tcbReply = 2,
    tcbCaller = 3,
    tcbBuffer = 4,
    tcbCNodeEntries
};
#endif

/*
 * A thread control block: one 2^seL4_TCBBits object. Fields grouped by who changes them.
 */
typedef struct tcb {
    /* capability slots, changed only through CSpace operations */
    cte_t ctes[tcbCNodeEntries];

    /* registers and FPU state, saved on kernel entry and restored on exit */
    arch_tcb_t arch;

    /* scheduling state, changed by the scheduler and IPC */
    thread_state_t state;
    word_t priority;
    word_t mcp;
    word_t domain;
    word_t timeslice;
    struct tcb *sched_next, *sched_prev;
    bool queued;

#ifdef CONFIG_KERNEL_MCS
    /* MCS scheduling: the SC the thread runs on (bound or donated), the reply object it is
     * blocked with (receiving or waiting for a reply), a pending YieldTo, the release queue */
    struct sched_context *sc;
    struct reply *reply;
    struct sched_context *yieldTo;
    struct tcb *release_next, *release_prev;
    bool in_release_queue;
    bool blocking_can_donate; /* a queued send may donate its SC (Call, fault, NBSendRecv) */
#endif

    /* configuration, changed by TCB invocations */
    cptr_t fault_handler;
    vptr_t ipc_buffer;
    word_t flags; /* seL4_TCBFlag bits set by TCB_SetFlags */
    struct notification *bound_notification;

    /* IPC state while blocked: the object, the queue links, what the blocked send carries */
    void *blocking_object;
    struct tcb *ep_next, *ep_prev;
    word_t blocking_badge;
    bool blocking_can_grant;       /* the send cap's Grant (or, receiving, the receive cap's) */
    bool blocking_can_grant_reply; /* the send cap's GrantReply */
    bool blocking_is_call;

    /* the fault being delivered to the handler, until its reply (type 0: none) */
    fault_t fault;
    lookup_fault_t lookup_failure;

    /* debug bookkeeping: the list of all TCBs (DebugDumpScheduler) and the thread's name */
    struct tcb *debug_next, *debug_prev;
    char name[CONFIG_TCB_NAME_LENGTH];
} tcb_t;

#define seL4_TCBBits_kernel 11
_Static_assert(sizeof(tcb_t) <= (1u << seL4_TCBBits_kernel), "a TCB fits its 2 KiB object");

#endif
