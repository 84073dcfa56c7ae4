/*
 * The domain schedule (seL4 16.0.0, sel4-facts 9.21): a table of CONFIG_NUM_DOMAIN_SCHEDULES
 * entries, each a domain and a duration in kernel timer ticks, and one end marker after them; an
 * entry of duration 0 is an end marker. The scheduler runs the entries in turn from the start index and goes back to it at an
 * end marker or the table's end. The table starts as CONFIG_DOMAIN_SCHEDULE (kernel/config.h;
 * by default domain 0 for the longest duration) followed by end markers, and a root task with
 * the domain cap rewrites it at run time (DomainSet_ScheduleConfigure, _ScheduleSetStart).
 */
#ifndef KERNEL_DOMAIN_SCHEDULE_H
#define KERNEL_DOMAIN_SCHEDULE_H

#include <api/failures.h>
#include <types.h>

/* The longest duration an entry can have: 56 bits, as seL4. */
#define DOMAIN_DURATION_MAX (((word_t)1 << 56) - 1)

/* Back to the boot table; the current domain and its time come from the start entry. */
void domain_schedule_init(void);
/* The current entry's time is up: on to the next entry. */
void domain_schedule_next(void);
/* The domain cap's two schedule labels (DomainScheduleConfigure, DomainScheduleSetStart). */
exception_t decodeDomainScheduleInvocation(word_t label, word_t length, word_t *buffer);

#endif
