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

/* The slot of a cap to the component's own main thread, defined by the file `capdl-tool
 * gen-source` writes when the description gives the component one (`{tcb: self}`); absent
 * (address 0) otherwise. */
extern const seL4_CPtr capdl_self_tcb __attribute__((weak));

/* A root task suspends itself through its TCB cap. A component whose description gives it a cap
 * to itself ends the same way, quietly (docs/libsel4-and-runtime.md: the exit convention).
 * Without one it holds no cap to itself, so its thread stops the way a thread without a fault
 * handler does: a receive on an empty slot (CPtr 0) is a cap fault, and the kernel stops the
 * thread (and prints the fault). A component is told apart by having no BootInfo: that holds
 * for every thread of it, even one that runs before main's start-up code. */
void exit(int status)
{
    (void)status;
    fflush(stdout);
    if (seL4_GetBootInfo() == NULL) {
        if (&capdl_self_tcb != NULL && capdl_self_tcb != seL4_CapNull) {
            seL4_TCB_Suspend(capdl_self_tcb);
        }
        seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
        seL4_Wait(seL4_CapNull, &badge); /* MCS: Recv would also name a reply object */
#else
        seL4_Recv(seL4_CapNull, &badge);
#endif
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
