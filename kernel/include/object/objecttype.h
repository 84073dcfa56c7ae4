/*
 * The one dispatcher on cap type (seL4 src/object/objecttype.c): an invocation of a cap is
 * decoded by the object type that owns it.
 */
#ifndef OBJECT_OBJECTTYPE_H
#define OBJECT_OBJECTTYPE_H

#include <api/failures.h>
#include <object/structures.h>

/* Decodes and performs invocation `label` on cap (found at slot through cptr). On a user
 * error sets current_syscall_error and returns EXCEPTION_SYSCALL_ERROR. */
exception_t decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                             bool isBlocking, bool isCall, word_t *buffer);

#endif
