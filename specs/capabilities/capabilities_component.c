/* Component version of the capabilities example. A component has no BootInfo: its YAML
 * (specs/capabilities/capabilities.yaml) gives it its TCB in slot 1 and its CNode in slot 2 (the
 * slots seL4_CapInitThreadTCB and seL4_CapInitThreadCNode name, so the seed code runs unchanged)
 * and an empty slot `first_free`. This file (all of it added) fills a BootInfo with what the
 * seed code reads: the CNode size, found by probing, and the empty region from `first_free` to
 * the end of the CNode. */
#include <sel4/sel4.h>
#include <stdio.h>

#include "capabilities.h"

extern seL4_CPtr first_free; /* the first of the component's free slots (YAML `empty`) */

/* A Copy into slot n resolves while n < 2^radix; past the end the CNode's guard does not match
 * and the destination lookup fails (seL4_FailedLookup). The radix is found by doubling n. */
static seL4_Word cnode_size_bits(void)
{
    for (seL4_Word bits = 0; bits < 28; bits++) {
        seL4_Error e = seL4_CNode_Copy(seL4_CapInitThreadCNode, 1ul << bits, seL4_WordBits, seL4_CapInitThreadCNode,
                                       seL4_CapInitThreadTCB, seL4_WordBits, seL4_AllRights);
        if (e == seL4_FailedLookup) {
            return bits;
        }
        if (e == seL4_NoError) {
            seL4_CNode_Delete(seL4_CapInitThreadCNode, 1ul << bits, seL4_WordBits);
        }
    }
    return 0;
}

static seL4_BootInfo info;

int main(void)
{
    printf("capabilities: component\n");
    info.initThreadCNodeSizeBits = cnode_size_bits();
    info.empty.start = first_free;
    info.empty.end = 1ul << info.initThreadCNodeSizeBits;
    capabilities_example(&info);
    return 0;
}
