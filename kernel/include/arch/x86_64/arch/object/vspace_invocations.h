/* x86_64 VSpace and ASID invocations (decoded and performed; see the .c file). */
#ifndef ARCH_OBJECT_VSPACE_INVOCATIONS_H
#define ARCH_OBJECT_VSPACE_INVOCATIONS_H

#include <object/objecttype.h>

exception_t decodeX86TableInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     word_t *buffer);
exception_t decodeX86FrameInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     bool isCall, word_t *buffer);
exception_t decodeX86ASIDControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer);
exception_t decodeX86ASIDPoolInvocation(word_t label, cap_t cap, const extra_caps_t *extra);

#endif
