/*
 * Message and capability transfer between threads (seL4 src/kernel/thread.c, transfer part):
 * MRs 0-3 in registers, the rest through both IPC buffers; extra caps from the sender's buffer
 * into the receiver's receive slot, or unwrapped to badges for caps to the same endpoint;
 * fault messages and the replies that end them; one-shot reply caps.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <object/structures.h>

/* Transfers sender's message (or its fault message) to receiver with this badge; caps move
 * only with canGrant. ep is the endpoint used (NULL for a reply): caps to it are unwrapped. */
void doIPCTransfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool canGrant, tcb_t *receiver);
#ifdef CONFIG_KERNEL_MCS
/* Replies from sender through the reply object (a no-op if no caller waits on it); the SC
 * goes back along the call stack (sel4-mcs-facts 4.2). */
void doReplyTransfer(tcb_t *sender, struct reply *reply, bool grant);
#else
/* Replies from sender to receiver through the reply cap in slot, which is consumed. */
void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *slot, bool grant);
/* The sender waits for a reply: a reply cap goes into the receiver's caller slot. */
void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool canGrant);
/* Discards an unsaved reply cap of the receiver (a new Recv does this). */
void deleteCallerCap(tcb_t *receiver);
/* Gives a thread its master reply cap (the parent of every reply cap to it). */
void setupReplyMaster(tcb_t *t);
#endif

/* Writes the fault message of sender's fault into receiver; returns its length. */
word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *receiveBuffer);
/* Writes the lookup failure's MRs from `offset` on; returns the next free MR. */
word_t setMRs_lookup_failure(tcb_t *receiver, word_t *buf, const lookup_fault_t *f, word_t offset);
/* Applies a fault handler's reply to the faulted receiver; true if it restarts. */
bool handleFaultReply(tcb_t *receiver, tcb_t *sender);

#endif
