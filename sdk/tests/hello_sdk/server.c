/* Waits for the client's message, prints it and stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ep;

int main(void)
{
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    printf("server: %lu words, first 0x%lx\n", (unsigned long)seL4_MessageInfo_get_length(info),
           (unsigned long)seL4_GetMR(0));
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
