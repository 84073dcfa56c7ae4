/*
 * The MCS timer hooks of the host test architecture: a clock the tests set by hand and the
 * deadline the kernel asked for, so that budget tests run without real time.
 */
#include <host_arch.h>
#include <kernel/sched_mcs.h>

uint64_t host_time;
uint64_t host_deadline;

ticks_t Arch_getCurrentTime(void)
{
    return host_time;
}

void Arch_setDeadline(ticks_t deadline)
{
    host_deadline = deadline;
}
