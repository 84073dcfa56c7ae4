/* The passive server: it waits with a reply object (the MCS Recv) and answers each Call on the
 * caller's donated SC. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ep;
extern seL4_CPtr reply;

int main(void)
{
    seL4_Word badge;
    seL4_Recv(ep, &badge, reply);
    for (;;) {
        printf("server: 0x%lx on the client's time\n", (unsigned long)seL4_GetMR(0));
        seL4_SetMR(0, seL4_GetMR(0) + 1);
        seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 1), &badge, reply);
    }
}
