/* The main thread waits for the worker; the worker (a second thread started by the loader at
 * `worker`: rdi, rsi = its arguments, r8 = its IPC buffer, r9 = the component magic) prints its
 * arguments after setting up its own TLS and IPC buffer, then signals. The worker has the lower
 * priority, so the main thread has initialised the runtime (and waits) before it runs; the
 * main thread then preempts it and stops the machine, so the worker never returns. */
#include <sel4/sel4.h>
#include <sel4runtime/thread.h>
#include <stdio.h>

extern seL4_CPtr done;

static char worker_tls[4096] __attribute__((aligned(64)));

__attribute__((force_align_arg_pointer, used)) void worker(seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word d,
                                                         seL4_Word ipc_buffer, seL4_Word magic)
{
    (void)c;
    (void)d;
    seL4_SetTLSBase(sel4runtime_tls_for_thread(worker_tls, sizeof(worker_tls)));
    seL4_SetIPCBuffer((seL4_IPCBuffer *)ipc_buffer);
    printf("worker: args %lu %lu, magic %s\n", (unsigned long)a, (unsigned long)b,
           magic == 0x6c64706163ull ? "ok" : "missing");
    seL4_Signal(done);
    for (;;) {
        seL4_Yield();
    }
}

int main(void)
{
    seL4_Word badge;
    seL4_Wait(done, &badge);
    printf("main: the worker finished\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
