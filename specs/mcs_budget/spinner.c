/* The spinner of specs/mcs_budget: runs for ever without blocking. Only its budget stops it. */
#include <stdio.h>

int main(void)
{
    printf("spinner: spinning for ever at priority 200\n");
    for (volatile unsigned long n = 0;; n++) {
    }
}
