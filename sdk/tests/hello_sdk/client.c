/* Sends one word to the server. */
#include <sel4/sel4.h>

extern seL4_CPtr ep;

int main(void)
{
    seL4_SetMR(0, 0x5d6);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    return 0;
}
