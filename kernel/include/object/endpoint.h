/*
 * Endpoint and notification queues as far as object deletion needs them: cancelling every
 * thread blocked on an object that goes away, and CancelBadgedSends. Sending and receiving
 * come with the IPC work.
 */
#ifndef OBJECT_ENDPOINT_H
#define OBJECT_ENDPOINT_H

#include <object/structures.h>

/* Every thread queued on ep restarts its syscall (state Restart) and is made runnable. */
void cancelAllIPC(endpoint_t *ep);
/* Every thread waiting on n restarts; a bound TCB is unbound. */
void cancelAllSignals(notification_t *n);
/* Threads queued to send on ep with this badge restart their send. */
void cancelBadgedSends(endpoint_t *ep, word_t badge);

#endif
