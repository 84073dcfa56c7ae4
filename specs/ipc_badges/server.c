/* Answers two calls with twice the caller's badge, then stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ep;

int main(void)
{
    for (int i = 0; i < 2; i++) {
        seL4_Word badge;
        seL4_Recv(ep, &badge);
        printf("server: badge 0x%lx sent %lu\n", (unsigned long)badge, (unsigned long)seL4_GetMR(0));
        seL4_SetMR(0, badge * 2);
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 1));
    }
    printf("server: done\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
