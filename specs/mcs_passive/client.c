/* A client of specs/mcs_passive (built twice: CLIENT_NAME, and LAST_CLIENT for the one that
 * waits for the other's `done` signal and stops the machine). Each Call lends the client's SC to
 * the passive server until the reply. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr endpoint;
extern seL4_CPtr done;

int main(void)
{
#ifdef LAST_CLIENT
    seL4_Wait(done, NULL);
#endif
    for (seL4_Word i = 1; i <= 3; i++) {
        seL4_SetMR(0, i);
        seL4_Call(endpoint, seL4_MessageInfo_new(0, 0, 0, 1));
        printf("%s: %lu squared is %lu\n", CLIENT_NAME, (unsigned long)i, (unsigned long)seL4_GetMR(0));
    }
    printf("%s: done\n", CLIENT_NAME);
#ifdef LAST_CLIENT
    seL4_DebugHalt();
#else
    seL4_Signal(done);
#endif
    return 0;
}
