/* The fault handler of quiet_default.yaml's returner. Runs only once both returners have ended
 * (they have higher priorities), so a fault message of either end would already wait on the
 * fault endpoint: a non-blocking receive tells (the fault handler's badge is 7, a receive that
 * finds nothing reports badge 0). Stops the machine. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr faults;

int main(void)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(faults, &badge);
    if (badge != 0) {
        printf("watcher: the returner ended in a fault (label %lu)\n", (unsigned long)seL4_MessageInfo_get_label(info));
    } else {
        printf("watcher: both returners ended quietly\n");
    }
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
