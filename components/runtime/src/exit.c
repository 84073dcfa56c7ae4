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

/* A root task suspends itself through its TCB cap. A component holds no cap to itself unless
 * its description gives it one, so its thread stops the way a thread without a fault handler
 * does: a receive on an empty slot (CPtr 0) is a cap fault, and the kernel stops the thread.
 * A component is told apart by having no BootInfo: that holds for every thread of it, even
 * one that runs before main's start-up code. */
void exit(int status)
{
    (void)status;
    fflush(stdout);
    if (seL4_GetBootInfo() == NULL) {
        seL4_Word badge;
        seL4_Recv(seL4_CapNull, &badge);
    } else {
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    }
    rt_halt();
}

void abort(void)
{
    fflush(stdout);
    fputs("abort()\n", stderr);
    rt_halt();
}
