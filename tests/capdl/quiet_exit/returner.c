/* Prints, then returns from main: with a cap to itself (capdl_self_tcb, from gen-source) the
 * runtime suspends the thread quietly instead of the kernel reporting a cap fault. */
#include <stdio.h>

int main(void)
{
    printf("returner: returning from main\n");
    return 0;
}
