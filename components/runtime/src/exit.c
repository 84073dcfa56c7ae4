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

/* Defined by the file `capdl-tool gen-source` writes, one of the two: the slot of the
 * component's cap to its own main thread when the description gives it one (`{tcb: self}`), else
 * the slot of the notification the tool adds for exit ("NAME.exit", read only, signalled by
 * nobody). Absent (address 0) in a component built without the generated file. */
extern const seL4_CPtr capdl_self_tcb __attribute__((weak));
extern const seL4_CPtr capdl_exit_notification __attribute__((weak));

/* Ends a component's thread without a fault (docs/libsel4-and-runtime.md: the exit convention):
 * suspended through its own TCB cap, or blocked for ever on its exit notification. Only a
 * component built without the generated file has neither: a receive on an empty slot (CPtr 0)
 * is a cap fault, which stops the thread (the kernel prints it; a fault handler receives it). */
static void component_exit(void)
{
    if (&capdl_self_tcb != NULL && capdl_self_tcb != seL4_CapNull) {
        seL4_TCB_Suspend(capdl_self_tcb);
    }
    if (&capdl_exit_notification != NULL && capdl_exit_notification != seL4_CapNull) {
        for (;;) {
            seL4_Wait(capdl_exit_notification, NULL);
        }
    }
    seL4_Word badge;
#ifdef CONFIG_KERNEL_MCS
    seL4_Wait(seL4_CapNull, &badge); /* MCS: Recv would also name a reply object */
#else
    seL4_Recv(seL4_CapNull, &badge);
#endif
}

/* A root task suspends itself through its TCB cap; a component ends quietly (component_exit).
 * A component is told apart by having no BootInfo: that holds for every thread of it, even one
 * that runs before main's start-up code. */
void exit(int status)
{
    (void)status;
    fflush(stdout);
    if (seL4_GetBootInfo() == NULL) {
        component_exit();
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
