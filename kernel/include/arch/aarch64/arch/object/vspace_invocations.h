/*
 * AArch64 VSpace invocations (src/arch/aarch64/object/vspace_invocations.c) and the unmap
 * operations deletion needs.
 */
#ifndef ARCH_OBJECT_VSPACE_INVOCATIONS_H
#define ARCH_OBJECT_VSPACE_INVOCATIONS_H

#include <object/objecttype.h>

exception_t decodeARMPageTableInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                         word_t *buffer);
exception_t decodeARMFrameInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     bool isCall, word_t *buffer);
exception_t decodeARMVSpaceInvocation(word_t label, word_t length, cap_t cap, word_t *buffer);
exception_t decodeARMASIDControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer);
exception_t decodeARMASIDPoolInvocation(word_t label, cap_t cap, const extra_caps_t *extra);

/* Clears the entry of the frame (size 12, 21 or 30 bits) / table at vaddr if it still maps
 * it, and drops its TLB entries. */
void unmap_frame(word_t asid, vptr_t vaddr, word_t size_bits, paddr_t frame);
void unmap_table(word_t asid, vptr_t vaddr, paddr_t table);
/* Removes the VSpace from its ASID slot / a whole pool from the ASID table. */
void delete_asid(word_t asid, paddr_t vspace);
void delete_asid_pool(word_t base, paddr_t pool);

#endif
