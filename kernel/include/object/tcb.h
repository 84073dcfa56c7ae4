/* TCB invocations (seL4 src/object/tcb.c). */
#ifndef OBJECT_TCB_H
#define OBJECT_TCB_H

#include <api/failures.h>
#include <object/structures.h>
#include <kernel/memory.h>

static inline tcb_t *tcb_from_cap(cap_t c)
{
    return (tcb_t *)paddr_to_kptr(cap_get_capPaddr(c));
}

exception_t decodeTCBInvocation(word_t label, word_t length, cap_t cap, word_t *buffer);

#endif
