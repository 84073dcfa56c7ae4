/* Test component for capdl-tool: uses the caps and shared frame the tool generates. */
#include <sel4/sel4.h>

extern seL4_CPtr endpoint;
extern seL4_CPtr cnode;
extern seL4_CPtr free_slot;
extern char shared_buf[4096];

int main(void)
{
    seL4_Word sender;
    seL4_Recv(endpoint, &sender);
    shared_buf[0] = (char)cnode;
    return (int)free_slot;
}
