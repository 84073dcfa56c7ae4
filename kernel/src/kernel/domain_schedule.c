/*
 * The domain schedule table and its two invocations (kernel/domain_schedule.h). The checks
 * follow sel4-facts 9.21: index first, then domain, then duration; the argument numbers of
 * InvalidArgument are the positions of the words in the message (index 0, domain 1, duration 2).
 * The table has one entry more than Configure may write, a permanent end marker: SetStart
 * accepts its index and answers InvalidArgument, and the walk always finds an end. That is what
 * seL4 16.0.0 answers (measured: with one domain, Configure's RangeError ends at 0, SetStart's at
 * 1, and SetStart(1) is refused as an end marker).
 */
#include <kernel/domain_schedule.h>
#include <api/user_error.h>
#include <kernel/thread.h>
#include <sel4/invocation.h>

typedef struct domain_entry {
    word_t domain, duration;
} domain_entry_t;

static const domain_entry_t boot_schedule[] = CONFIG_DOMAIN_SCHEDULE;
_Static_assert(ARRAY_SIZE(boot_schedule) <= CONFIG_NUM_DOMAIN_SCHEDULES, "the boot schedule fits the table");

static domain_entry_t table[CONFIG_NUM_DOMAIN_SCHEDULES + 1]; /* the last: always an end marker */
static word_t current_index, start_index;

/* Makes entry index the running one, with its full duration. */
static void enter(word_t index)
{
    current_index = index;
    ksCurDomain = table[index].domain;
    ksDomainTime = table[index].duration;
}

void domain_schedule_init(void)
{
    memzero(table, sizeof(table));
    for (word_t i = 0; i < ARRAY_SIZE(boot_schedule); i++) {
        table[i] = boot_schedule[i];
    }
    start_index = 0;
    enter(0);
}

void domain_schedule_next(void)
{
    word_t next = current_index + 1;
    if (table[next].duration == 0) {
        next = start_index;
    }
    enter(next);
}

/* DomainSet_ScheduleConfigure(index, domain, duration): writes one entry; a change to the
 * running entry applies the next time it is reached. */
static exception_t decode_configure(word_t length, word_t *buffer)
{
    if (length < 3) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 message words");
    }
    word_t index = getMR(ksCurThread, buffer, 0), domain = getMR(ksCurThread, buffer, 1);
    word_t duration = getMR(ksCurThread, buffer, 2);
    if (index >= CONFIG_NUM_DOMAIN_SCHEDULES) {
        return user_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES - 1, "schedule index beyond the table");
    }
    if (domain >= CONFIG_NUM_DOMAINS) {
        return user_error_range(0, CONFIG_NUM_DOMAINS - 1, "domain beyond CONFIG_NUM_DOMAINS");
    }
    if (duration == 0 && domain != 0) {
        return user_error_invalid_argument(2, "an end marker (duration 0) must name domain 0");
    }
    if (duration == 0 && index == start_index) {
        return user_error_invalid_argument(2, "the start entry cannot become an end marker");
    }
    if (duration > DOMAIN_DURATION_MAX) {
        return user_error_invalid_argument(2, "duration beyond 56 bits");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    table[index] = (domain_entry_t){ domain, duration };
    return EXCEPTION_NONE;
}

/* DomainSet_ScheduleSetStart(index): index becomes the start and runs at once, for its whole
 * duration; what remained of the current entry is given up. */
static exception_t decode_set_start(word_t length, word_t *buffer)
{
    if (length < 1) {
        return user_error(seL4_TruncatedMessage, "no index word");
    }
    word_t index = getMR(ksCurThread, buffer, 0);
    if (index > CONFIG_NUM_DOMAIN_SCHEDULES) {
        return user_error_range(0, CONFIG_NUM_DOMAIN_SCHEDULES, "schedule index beyond the table");
    }
    if (table[index].duration == 0) {
        return user_error_invalid_argument(0, "the entry is an end marker");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    start_index = index;
    enter(index);
    rescheduleRequired();
    return EXCEPTION_NONE;
}

exception_t decodeDomainScheduleInvocation(word_t label, word_t length, word_t *buffer)
{
    return label == DomainScheduleConfigure ? decode_configure(length, buffer) : decode_set_start(length, buffer);
}
