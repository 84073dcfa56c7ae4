/*
 * CNode invocations and the capability derivation tree (seL4 src/object/cnode.c): inserting,
 * moving, swapping, deleting and revoking caps, and emptying containers (CNodes, TCBs) with a
 * bounded kernel stack.
 */
#ifndef OBJECT_CNODE_H
#define OBJECT_CNODE_H

#include <object/objecttype.h>

exception_t decodeCNodeInvocation(word_t label, word_t length, cap_t cap, const extra_caps_t *extra,
                                  word_t *buffer);

/* RevokeFirst when the cap in slot has CDT children. */
exception_t ensureNoChildren(cte_t *slot);
/* DeleteFirst when the slot is not empty. */
exception_t ensureEmptySlot(cte_t *slot);
/* Whether b's cap is a CDT child of a's (seL4 isMDBParentOf). */
bool isMDBParentOf(const cte_t *a, const cte_t *b);
/* Whether no other slot next to this one in the CDT refers to the same object. */
bool isFinalCapability(const cte_t *slot);

/* Puts newCap into the empty destSlot as a CDT child of srcSlot. */
void cteInsert(cap_t newCap, cte_t *srcSlot, cte_t *destSlot);
/* Puts a cap created by Retype into destSlot as a revocable child of the untyped's slot. */
void insertNewCap(cte_t *parent, cte_t *destSlot, cap_t cap);
/* Moves srcSlot's CDT position to the empty destSlot with cap newCap. */
void cteMove(cap_t newCap, cte_t *srcSlot, cte_t *destSlot);
/* Exchanges two slots' caps (replaced by cap1/cap2) and CDT positions. */
void cteSwap(cap_t cap1, cte_t *slot1, cap_t cap2, cte_t *slot2);

/* Deletes the cap in slot, finalising the object if it was the last cap. May be preempted:
 * then the slot holds a zombie and the operation resumes when the syscall is restarted. */
exception_t cteDelete(cte_t *slot, bool exposed);
/* Deletes every CDT descendant of slot (preemptible). */
exception_t cteRevoke(cte_t *slot);

/* Whether deleting this slot's cap could take a long time (it is the last cap of a CNode or
 * TCB, or a zombie). */
bool slotCapLongRunningDelete(const cte_t *slot);

/* Returns EXCEPTION_PREEMPTED when an interrupt is pending (checked every few work units). */
exception_t preemptionPoint(void);

#endif
