/* Runs only once the higher-priority returner has stopped; any fault line of its end would have
 * been printed before this one. Stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

int main(void)
{
    printf("watcher: the returner has ended\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
