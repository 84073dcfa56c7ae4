/* Waits for the writer, prints what the shared frame holds, stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr ready;
extern char buf[4096];

int main(void)
{
    seL4_Word badge;
    printf("reader: waiting, buf at %p\n", (void *)buf);
    seL4_Wait(ready, &badge);
    printf("reader: buf says '%s'\n", buf);
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
