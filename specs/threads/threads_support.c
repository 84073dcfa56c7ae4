/* Added for the threads example: what the seed's thread code names but leaves undefined (as in
 * the seL4 threads tutorial): the entry new_thread, the function print it calls, the value val
 * passed by address and the new thread's stack. new_thread first gives itself TLS and its IPC
 * buffer (the runtime's rule for extra threads, docs/libsel4-and-runtime.md), then calls
 * print(*arg1, arg2), then stops itself through its own TCB cap (an entry must not return). */
#include <sel4/sel4.h>
#include <sel4runtime/thread.h>
#include <stdio.h>

#include "threads_support.h"

extern seL4_CPtr tcb_cap_slot;
extern char thread_ipc_buff_sym[4096];

int val = 42;

static char tcb_stack[16384] __attribute__((aligned(16)));
char *const tcb_stack_top = tcb_stack + sizeof(tcb_stack);
static char tls_area[4096] __attribute__((aligned(64)));

void print(int value, long count)
{
    for (long i = 1; i <= count; i++) {
        printf("print: val = %d (%ld of %ld)\n", value, i, count);
    }
}

#ifdef __x86_64__ /* the entry is jumped to with the stack as after a call's push, not aligned */
__attribute__((force_align_arg_pointer))
#endif
void new_thread(void *arg0, void *arg1, void *arg2)
{
    sel4runtime_set_own_tls(sel4runtime_tls_for_thread(tls_area, sizeof(tls_area)));
    seL4_SetIPCBuffer((seL4_IPCBuffer *)thread_ipc_buff_sym);
    printf("new_thread: running on its own stack, arguments print, &val, %ld\n", (long)arg2);
    void (*func)(int, long) = (void (*)(int, long))arg0;
    func(*(int *)arg1, (long)arg2);
    printf("new_thread: suspending myself\n");
    seL4_TCB_Suspend(tcb_cap_slot);
}
