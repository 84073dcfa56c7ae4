/* Writes a string into the shared frame and signals the reader. */
#include <sel4/sel4.h>
#include <stdio.h>
#include <string.h>

extern seL4_CPtr ready;
extern char buf[4096];

int main(void)
{
    strcpy(buf, "written by the writer");
    printf("writer: wrote at %p\n", (void *)buf);
    seL4_Signal(ready);
    return 0;
}
