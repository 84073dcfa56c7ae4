/* Test component for capdl-tool: a client of the echo server. */
#include <sel4/sel4.h>

extern seL4_CPtr endpoint;
extern seL4_CPtr badged_endpoint;
extern char shared_buf[4096];

int main(void)
{
    seL4_SetMR(0, (seL4_Word)shared_buf[0]);
    seL4_Call(endpoint, seL4_MessageInfo_new(0, 0, 0, 1));
    return (int)badged_endpoint;
}
