/*
 * The MCS objects (sel4-mcs-facts 2.1): scheduling contexts with their refill buffer, and
 * reply objects that form the call stack of donated scheduling contexts. Included by
 * object/structures.h only when CONFIG_KERNEL_MCS is set.
 */
#ifndef OBJECT_STRUCTURES_MCS_H
#define OBJECT_STRUCTURES_MCS_H

#include <types.h>

typedef uint64_t ticks_t;

/* One budget chunk: rAmount ticks usable from rTime on. */
typedef struct refill {
    ticks_t rTime;
    ticks_t rAmount;
} refill_t;

/*
 * A scheduling context: a 2^sizeBits object, a 12-word header and then the refills (a circular
 * buffer of refillMax entries, refillCount of them in use from refillHead). Fields:
 *   period     ticks; 0 = round robin (budget == period at ConfigureFlags)
 *   budget     ticks; the configured budget (round robin restores it at once)
 *   consumed   ticks used since the last Consumed / timeout fault / YieldTo
 *   tcb        the thread running on it (bound or by donation), or NULL
 *   ntfn       the notification it is bound to, or NULL
 *   reply      head of its call stack (the newest reply that recorded a donation), or NULL
 *   yieldFrom  a thread whose YieldTo onto this SC is still pending, or NULL
 *   refillMax  capacity of the refill buffer; 0 = not configured (cannot run anything)
 */
typedef struct sched_context {
    ticks_t period;
    ticks_t budget;
    ticks_t consumed;
    struct tcb *tcb;
    struct notification *ntfn;
    struct reply *reply;
    struct tcb *yieldFrom;
    word_t refillMax;
    word_t refillHead;
    word_t refillCount;
    word_t badge;
    word_t sporadic;
    refill_t refills[];
} sched_context_t;

#define SC_HEADER_BYTES 96
_Static_assert(sizeof(sched_context_t) == SC_HEADER_BYTES, "the SC header is 12 words (sel4-mcs-facts 2.1)");
_Static_assert(sizeof(refill_t) == 16, "a refill is 16 bytes");

/* How many refills a 2^bits SC holds (sel4-mcs-facts 2.1: (2^b - 96) / 16). */
static inline word_t sc_refills_for_bits(word_t bits)
{
    return (((word_t)1 << bits) - SC_HEADER_BYTES) / sizeof(refill_t);
}

/*
 * A reply object (32 bytes). tcb: the caller waiting for this reply (BlockedOnReply), or the
 * receiver blocked in a Recv with it (BlockedOnReceive), or NULL. The call stack: prev is the
 * older reply below this one, next the newer one above it; sc is set only on the stack's head
 * (the reply through which the SC goes back to its caller).
 */
typedef struct reply {
    struct tcb *tcb;
    struct reply *prev;
    struct reply *next;
    struct sched_context *sc;
} reply_t;
_Static_assert(sizeof(reply_t) == 32, "a reply object is 2^seL4_ReplyBits bytes");

#endif
