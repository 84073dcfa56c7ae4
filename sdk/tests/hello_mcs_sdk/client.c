/* Calls the passive server (lending it this thread's SC) and stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ep;

int main(void)
{
    seL4_SetMR(0, 0x5d6);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    printf("client: reply 0x%lx\n", (unsigned long)seL4_GetMR(0));
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
