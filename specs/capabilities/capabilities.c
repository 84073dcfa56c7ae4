/* The seed's "Capabilities" code (/work/shared/seed/sel4-mechanisms.md, section Capabilities,
 * code 1-4), run in order. The seed writes them as fragments of a root task; what they leave
 * undefined is declared here and marked "added":
 *   - initial_cnode_object_size: the CNode's size in bytes, from BootInfo's
 *     initThreadCNodeSizeBits (the seL4 tutorial computes it the same way);
 *   - last_slot: the last slot of the CNode (the end of BootInfo's empty region);
 *   - checks between the steps that print what each step did.
 * The same function runs in the root task (capabilities_root.c, a real BootInfo) and in a
 * component (capabilities_component.c), whose YAML puts its own TCB in slot 1 and CNode in
 * slot 2, the slots seL4_CapInitThreadTCB and seL4_CapInitThreadCNode name. */
#include <sel4/sel4.h>
#include <stdio.h>
#include <utils/util.h>

#include "capabilities.h"

void capabilities_example(seL4_BootInfo *info)
{
    /* added: the CNode's size in bytes */
    size_t initial_cnode_object_size = BIT(info->initThreadCNodeSizeBits) * (1u << seL4_SlotBits);

    /* seed code 1: calculate the number of cnode slots */
    // Calculate number of cnode slots
    size_t num_initial_cnode_slots = initial_cnode_object_size / (1u << seL4_SlotBits); 
    printf("The CSpace has %zu CSlots\n", num_initial_cnode_slots);

    /* seed code 2: copy a capability between CSlots */
    seL4_CPtr first_free_slot = info->empty.start;
    seL4_Error error = seL4_CNode_Copy(seL4_CapInitThreadCNode, first_free_slot, 			   seL4_WordBits, seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, seL4_WordBits, seL4_AllRights);

    /* added: check the copy, make a second one in the last slot and invoke it */
    ZF_LOGF_IFERR(error, "Failed to copy the TCB cap");
    printf("Copied the TCB cap into the first free slot %lu\n", (unsigned long)first_free_slot);
    seL4_CPtr last_slot = info->empty.end - 1;
    error = seL4_CNode_Copy(seL4_CapInitThreadCNode, last_slot, seL4_WordBits, seL4_CapInitThreadCNode,
                            first_free_slot, seL4_WordBits, seL4_AllRights);
    ZF_LOGF_IFERR(error, "Failed to copy the TCB cap into the last slot");
    error = seL4_CNode_Copy(seL4_CapInitThreadCNode, first_free_slot, seL4_WordBits, seL4_CapInitThreadCNode,
                            seL4_CapInitThreadTCB, seL4_WordBits, seL4_AllRights);
    printf("Copying into the occupied slot %lu again: error %d (seL4_DeleteFirst is %d)\n",
           (unsigned long)first_free_slot, (int)error, (int)seL4_DeleteFirst);
    /* priority 0: allowed by any maximum controlled priority (a component's default is 0) */
    error = seL4_TCB_SetPriority(last_slot, seL4_CapInitThreadTCB, 0);
    printf("Copied it into the last slot %lu; SetPriority(0) through that copy: error %d\n",
           (unsigned long)last_slot, (int)error);

    /* seed code 3: delete a capability */
    seL4_CNode_Delete(seL4_CapInitThreadCNode, last_slot, seL4_WordBits);

    /* added: the slot is empty now, so invoking it fails */
    error = seL4_TCB_SetPriority(last_slot, seL4_CapInitThreadTCB, 0);
    printf("Deleted slot %lu; SetPriority through it now: error %d (seL4_InvalidCapability is %d)\n",
           (unsigned long)last_slot, (int)error, (int)seL4_InvalidCapability);

    printf("Suspending my own TCB: nothing of this program runs after this line\n");
    fflush(stdout);

    /* seed code 4: invoke a capability */
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);

    /* added: reached only if the suspend failed */
    printf("ERROR: still running after seL4_TCB_Suspend\n");
}
