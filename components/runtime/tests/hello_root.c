/*
 * A minimal root task for the runtime: prints through printf, uses a __thread variable
 * (so the image has a TLS segment) and the IPC buffer, then returns from main (exit
 * suspends the task). The runtime_program_elf test checks its ELF layout; boot tests may
 * run it in QEMU and expect the lines below.
 */
#include <sel4/sel4.h>
#include <stdio.h>
#include <assert.h>

static __thread int tls_counter = 41;
static __thread char tls_zeroed[64];

int main(int argc, char **argv)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    tls_counter++;
    printf("hello from %s (argc %d)\n", argv[0], argc);
    printf("tls %d %d, ipc buffer %p, empty slots [%lu, %lu)\n", tls_counter, tls_zeroed[63],
           (void *)seL4_GetIPCBuffer(), bi->empty.start, bi->empty.end);
    assert(seL4_GetIPCBuffer() == bi->ipcBuffer);
    return 0;
}
