/* The threads example: the seed's "Threads" code (sel4-mechanisms.md, section Threads, code 1-3)
 * in a component. Its YAML (specs/threads/threads_seed.yaml) declares the caps the seed code
 * names (root_tcb, root_cnode, root_vspace, tcb_untyped, tcb_cap_slot, tcb_ipc_frame) and maps
 * the IPC buffer frame at the symbol thread_ipc_buff_sym. What the seed leaves undefined is in
 * threads_support.c (new_thread, print, val, the stack). Added here (marked): the
 * seL4_TCB_WriteRegisters call that the seed leaves out between filling `regs` and Resume (the
 * seL4 threads tutorial has it: without it the thread would start at address 0), the
 * declarations and the printing. */
#include <sel4/sel4.h>
#include <sel4utils/thread.h>
#include <stdio.h>
#include <utils/util.h>

#include "threads_support.h"

extern seL4_CPtr root_tcb, root_cnode, root_vspace, tcb_untyped, tcb_cap_slot, tcb_ipc_frame;
extern char thread_ipc_buff_sym[4096];

int main(void)
{
    seL4_UserContext regs = {0};
    seL4_Error error;

    /* seed code 1: create a new thread */
    seL4_Error result = seL4_Untyped_Retype(tcb_untyped, seL4_TCBObject, seL4_TCBBits, root_cnode, 0, 0, tcb_cap_slot, 1);
    ZF_LOGF_IFERR(result, "Retype"); /* added */

    // Configure a TCB
    result = seL4_TCB_Configure(tcb_cap_slot, 0, root_cnode, 0, root_vspace, 0, (seL4_Word) thread_ipc_buff_sym, tcb_ipc_frame);
    ZF_LOGF_IFERR(result, "Configure"); /* added */

    /* seed code 2: set priority */
    result = seL4_TCB_SetPriority(tcb_cap_slot, root_tcb, 254);
    ZF_LOGF_IFERR(result, "SetPriority"); /* added */
    printf("main: created a thread at priority 254 (mine is 100, my maximum 254)\n");

    // Set initial register
    sel4utils_arch_init_local_context((void*)new_thread,
                                      (void *)print, (void *)&val, (void *)3,
                                      (void *)tcb_stack_top, &regs);
    /* added: the seed's missing step, load the registers into the TCB */
    error = seL4_TCB_WriteRegisters(tcb_cap_slot, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    ZF_LOGF_IFERR(error, "WriteRegisters");
    printf("main: resuming it\n");

    /* seed code 3: resume the new thread */
    error = seL4_TCB_Resume(tcb_cap_slot);

    /* added: the new thread has the higher priority, so it ran (and stopped itself) before
     * Resume returned here */
    printf("main: back from Resume (error %d) after the thread ran, since 254 > 100\n", (int)error);
    printf("threads: done\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
