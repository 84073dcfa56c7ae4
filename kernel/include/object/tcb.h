/* TCB and domain invocations (seL4 src/object/tcb.c). */
#ifndef OBJECT_TCB_H
#define OBJECT_TCB_H

#include <object/objecttype.h>
#include <kernel/memory.h>

static inline tcb_t *tcb_from_cap(cap_t c)
{
    return (tcb_t *)cap_window_kptr(c);
}

exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, cte_t *slot, const extra_caps_t *extra,
                                bool isCall, word_t *buffer);
exception_t decodeDomainInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer);

#endif
