/* The timeout handler of specs/mcs_timeout. A timeout fault (seL4_Fault_Timeout) arrives like a
 * fault, received with a reply object; answering it with label 0 restarts the thread with the
 * registers in the message (seL4_TimeoutReply: the first 19 words of seL4_UserContext). MR0 of the
 * fault (seL4_Timeout_Data) is the badge of the SC that ran out (the YAML's sc_badge), which tells
 * a handler of several SCs which one it was; the IPC badge is the timeout endpoint cap's. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr endpoint;
extern seL4_CPtr reply;
extern seL4_CPtr client_tcb;

int main(void)
{
    seL4_UserContext start;
    seL4_Error e = seL4_TCB_ReadRegisters(client_tcb, 0, 0, sizeof(start) / sizeof(seL4_Word), &start);
    printf("handler: read the client's start registers (error %d)\n", (int)e);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(endpoint, &badge, reply);
    for (int n = 1;; n++) {
        printf("handler: fault %d: label %lu (timeout %d), badge %lu, SC badge 0x%lx\n", n,
               (unsigned long)seL4_MessageInfo_get_label(info), (int)seL4_Fault_Timeout, (unsigned long)badge,
               (unsigned long)seL4_GetMR(seL4_Timeout_Data));
        if (n == 3) {
            printf("handler: the client overran 3 times; stopping\n");
            seL4_DebugHalt();
        }
        const seL4_Word *w = (const seL4_Word *)&start;
        for (int i = 0; i < seL4_TimeoutReply_Length; i++) {
            seL4_SetMR(i, w[i]);
        }
        info = seL4_ReplyRecv(endpoint, seL4_MessageInfo_new(0, 0, 0, seL4_TimeoutReply_Length), &badge, reply);
    }
}
