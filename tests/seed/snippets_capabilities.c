/* Short seed snippets of the "Capabilities" section of /work/shared/seed/sel4-mechanisms.md.
 * Each snippet is copied verbatim into a function whose parameters and locals declare
 * the variables it uses; those wrappers (and the declarations above them) are the only
 * additions. The build only checks that the snippets compile; nothing calls them. */
#include <sel4/sel4.h>
#include <stdio.h>


/* code blocks at line(s) 28 */
void seed_cnode_slots(size_t initial_cnode_object_size)
{
    // Calculate number of cnode slots
    size_t num_initial_cnode_slots = initial_cnode_object_size / (1u << seL4_SlotBits); 
    printf("The CSpace has %zu CSlots\n", num_initial_cnode_slots);
}

/* code blocks at line(s) 36 */
void seed_copy_cap(seL4_BootInfo *info)
{
    seL4_CPtr first_free_slot = info->empty.start;
    seL4_Error error = seL4_CNode_Copy(seL4_CapInitThreadCNode, first_free_slot, 			   seL4_WordBits, seL4_CapInitThreadCNode, seL4_CapInitThreadTCB, seL4_WordBits, seL4_AllRights);
}

/* code blocks at line(s) 43 */
void seed_delete_cap(seL4_CPtr last_slot)
{
    seL4_CNode_Delete(seL4_CapInitThreadCNode, last_slot, seL4_WordBits);
}

/* code blocks at line(s) 49 */
void seed_invoke_cap(void)
{
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
}
