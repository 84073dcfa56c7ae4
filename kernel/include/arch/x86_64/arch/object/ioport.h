/* x86 I/O port invocations and the issued-range bookkeeping (see the .c file). */
#ifndef ARCH_OBJECT_IOPORT_H
#define ARCH_OBJECT_IOPORT_H

#include <object/objecttype.h>

exception_t decodeX86IOPortControlInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                             word_t *buffer);
exception_t decodeX86IOPortInvocation(word_t label, word_t length, cap_t cap, bool isCall, word_t *buffer);
/* Frees the ports of the last cap to a range. */
void ioport_release(cap_t cap);

#endif
