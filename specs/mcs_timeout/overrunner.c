/* The client of specs/mcs_timeout: each start counts itself (in .data, which a restart does not
 * reset) and then spins past its budget. */
#include <stdio.h>

static volatile int attempts = 1;

int main(void)
{
    printf("client: start %d, spinning past its budget\n", attempts++);
    for (;;) {
    }
}
