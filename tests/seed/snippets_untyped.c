/* Short seed snippets of the "Untyped" section of /work/shared/seed/sel4-mechanisms.md.
 * Each snippet is copied verbatim into a function whose parameters and locals declare
 * the variables it uses; those wrappers (and the declarations above them) are the only
 * additions. The build only checks that the snippets compile; nothing calls them. */
#include <sel4/sel4.h>


/* code blocks at line(s) 74, 88 */
void seed_retype_and_revoke(seL4_CPtr child_untyped, seL4_CPtr child_tcb)
{
    seL4_Error error;
        /* Create a TCB in CSlot child_tcb */
        error = seL4_Untyped_Retype(child_untyped,
                                    seL4_TCBObject,
                                    seL4_TCBBits,
                                    seL4_CapInitThreadCNode,
                                    0,
                                    0,
                                    child_tcb,
                                    1);
    // Revoke the child untyped
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, child_untyped, seL4_WordBits);
}
