/* Sends one word to the server. */
#include <sel4/sel4.h>

extern seL4_CPtr ep;

/* seL4-style main with arguments it does not use: the SDK must not force -Wextra -Werror on it. */
int main(int argc, char **argv)
{
    seL4_SetMR(0, 0x5d6);
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    return 0;
}
