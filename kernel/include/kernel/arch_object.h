/*
 * What the portable object code asks of every architecture about its own caps (odd cap
 * types) and object types: x86_64 in src/arch/x86_64/object/objecttype.c; the host test
 * architecture has no architecture caps.
 */
#ifndef KERNEL_ARCH_OBJECT_H
#define KERNEL_ARCH_OBJECT_H

#include <object/objecttype.h>

deriveCap_ret_t Arch_deriveCap(cte_t *slot, cap_t cap);
cap_t Arch_maskCapRights(word_t rights, cap_t cap);
bool Arch_sameRegionAs(cap_t a, cap_t b);
bool Arch_sameObjectAs(cap_t a, cap_t b);
bool Arch_isCapRevocable(cap_t derived, cap_t src);
finaliseCap_ret_t Arch_finaliseCap(cap_t cap, bool final);
word_t Arch_capObjectBits(cap_t cap);
/* 0 if type is not an architecture object type. */
word_t Arch_getObjectSize(word_t type);
bool Arch_isFrameType(word_t type);
cap_t Arch_createObject(word_t type, paddr_t p, word_t userSize, bool device);
exception_t Arch_decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                                  const extra_caps_t *extra, bool isCall, word_t *buffer);
/* Whether an interrupt is waiting: long operations stop at a preemption point then. */
bool Arch_isIRQPending(void);

#endif
