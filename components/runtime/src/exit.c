/*
 * Ending a program: exit() suspends the root task's own TCB, abort() reports and stops the
 * machine. Both flush the console buffer first. The machine stop is seL4_DebugHalt (debug
 * kernels); should that return, the thread spins forever.
 */
#include <sel4/sel4.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime_internal.h"

void rt_halt(void)
{
    fflush(stdout);
    seL4_DebugHalt();
    for (;;) {
    }
}

/* Root task: suspend ourselves. A component (issue 7) will report to the loader instead. */
void exit(int status)
{
    (void)status;
    fflush(stdout);
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    rt_halt();
}

void abort(void)
{
    fflush(stdout);
    fputs("abort()\n", stderr);
    rt_halt();
}
