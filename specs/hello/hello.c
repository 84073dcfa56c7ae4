/* One component: prints a line, then stops the machine (seL4_DebugHalt: QEMU status 1). */
#include <sel4/sel4.h>
#include <stdio.h>

int main(void)
{
    printf("hello from a capDL component\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
