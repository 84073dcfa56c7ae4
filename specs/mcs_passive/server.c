/* The passive server of specs/mcs_passive: it has no SC of its own once it waits, so each
 * request runs on the time of the client that called (MCS donation). Under MCS a receive names
 * the reply object that records the caller (`reply`, a cap the YAML gives it). */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr endpoint;
extern seL4_CPtr reply;

int main(void)
{
    printf("server: started on its own SC, now waiting without one\n");
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(endpoint, &badge, reply);
    for (;;) {
        seL4_Word x = seL4_GetMR(0);
        printf("server: request %lu from client %lu, on the client's time\n", (unsigned long)x, (unsigned long)badge);
        seL4_SetMR(0, x * x);
        info = seL4_ReplyRecv(endpoint, seL4_MessageInfo_new(0, 0, 0, 1), &badge, reply);
        (void)info;
    }
}
