/* Root-task version of the capabilities example: booted directly by the kernel (no loader),
 * it runs the seed code on its BootInfo and its initial CSpace. */
#include <sel4/sel4.h>
#include <stdio.h>

#include "capabilities.h"

int main(void)
{
    printf("capabilities: root task\n");
    capabilities_example(seL4_GetBootInfo());
    return 0;
}
