/* Calls the server with 7 and prints the answer. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ep;

int main(void)
{
    seL4_SetMR(0, 7);
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    printf("client: reply %lu\n", (unsigned long)seL4_GetMR(0));
    return 0;
}
