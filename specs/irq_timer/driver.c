/* Programs PIT channel 0 at 100 Hz, waits for three ticks on the notification, stops. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ntfn, irq, pit;

int main(void)
{
    int err = seL4_X86_IOPort_Out8(pit, 0x43, 0x34); /* channel 0, lo/hi byte, rate generator */
    err |= seL4_X86_IOPort_Out8(pit, 0x40, 11932 & 0xff);
    err |= seL4_X86_IOPort_Out8(pit, 0x40, 11932 >> 8);
    printf("driver: PIT programmed (%d)\n", err);
    for (int i = 1; i <= 3; i++) {
        seL4_Word badge;
        seL4_Wait(ntfn, &badge);
        printf("driver: tick %d, badge %lu\n", i, (unsigned long)badge);
        seL4_IRQHandler_Ack(irq);
    }
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
