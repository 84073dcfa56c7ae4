/*
 * The one dispatcher on cap type (seL4 src/object/objecttype.c): deriving, masking, comparing,
 * finalising and creating caps and objects, and decoding an invocation by the type that owns
 * it. Architecture caps (odd type numbers) go to the Arch_ functions of kernel/arch_object.h.
 */
#ifndef OBJECT_OBJECTTYPE_H
#define OBJECT_OBJECTTYPE_H

#include <api/failures.h>
#include <object/structures.h>

typedef struct deriveCap_ret {
    exception_t status;
    cap_t cap;
} deriveCap_ret_t;

/* What finalising a cap leaves: a null cap, or a zombie for a container whose slots must be
 * emptied first (CNode, TCB). */
typedef struct finaliseCap_ret {
    cap_t remainder;
} finaliseCap_ret_t;

/* The extra caps of the current invocation (looked up from the IPC buffer). */
typedef struct extra_caps {
    cte_t *slots[3];
    word_t count;
} extra_caps_t;

static inline bool isArchCap(cap_t c) { return cap_get_capType(c) & 1; }

/* A copy of cap fit for a new slot (seL4 deriveCap); may be null or an error. */
deriveCap_ret_t deriveCap(cte_t *slot, cap_t cap);
/* cap with its badge or guard changed by data (Mint: preserve = false; Mutate, Rotate: true);
 * a null cap when the change is not allowed. */
cap_t updateCapData(bool preserve, word_t data, cap_t cap);
/* cap with rights reduced to the seL4_CapRights word `rights`. */
cap_t maskCapRights(word_t rights, cap_t cap);
bool sameRegionAs(cap_t a, cap_t b);
bool sameObjectAs(cap_t a, cap_t b);
/* Whether a cap derived from src becomes a revocable (CDT parent) cap. */
bool isCapRevocable(cap_t derived, cap_t src);
/* Releases what the object needs released when this cap goes (the last cap if final). */
finaliseCap_ret_t finaliseCap(cap_t cap, bool final);
/* Log2 of the bytes of the object a cap refers to, for memory-region checks (0 if none). */
word_t capObjectBits(cap_t cap);
/* Log2 bytes of an object of `type` with user size `userSize` (seL4 getObjectSize). */
word_t getObjectSize(word_t type, word_t userSize);
/* Initialises the object at p (zeroed unless device memory) and returns its first cap. */
cap_t createObject(word_t type, paddr_t p, word_t userSize, bool device);

#ifdef CONFIG_KERNEL_MCS
/* canDonate: a Call or a combined call's send phase may donate the caller's SC. */
exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             const extra_caps_t *extra, bool isBlocking, bool isCall, bool canDonate, word_t *buffer);
#else
exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             const extra_caps_t *extra, bool isBlocking, bool isCall, word_t *buffer);
#endif

#endif
