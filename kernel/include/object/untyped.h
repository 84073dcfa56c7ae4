/* Untyped_Retype (seL4 src/object/untyped.c). */
#ifndef OBJECT_UNTYPED_H
#define OBJECT_UNTYPED_H

#include <object/objecttype.h>

exception_t decodeUntypedInvocation(word_t label, word_t length, cte_t *slot, cap_t cap,
                                    const extra_caps_t *extra, word_t *buffer);

#endif
