/* The untyped example: the seed's "Untyped" code (sel4-mechanisms.md, section Untyped, code 1
 * and 2) in a component whose YAML (specs/untyped/untyped.yaml) puts its CNode in slot 2, the
 * slot seL4_CapInitThreadCNode names, so the seed's Retype and Revoke run unchanged. Added
 * around them (marked): more objects from the same untyped until it is full, a retype from a
 * too-small untyped, and the reuse of the memory after the revoke. */
#include <sel4/sel4.h>
#include <stdio.h>
#include <utils/util.h>

extern seL4_CPtr child_untyped; /* 4 KiB: room for two TCBs (2^seL4_TCBBits = 2 KiB each) */
extern seL4_CPtr small_untyped; /* 1 KiB: too small for a TCB */
extern seL4_CPtr child_tcb, second_tcb, endpoint_slot, frame_slot;

/* added: the name of an error, for the output */
static const char *err_name(seL4_Error e)
{
    switch (e) {
    case seL4_NoError: return "seL4_NoError";
    case seL4_InvalidCapability: return "seL4_InvalidCapability";
    case seL4_DeleteFirst: return "seL4_DeleteFirst";
    case seL4_NotEnoughMemory: return "seL4_NotEnoughMemory";
    default: return "another error";
    }
}

int main(void)
{
    seL4_Error error;

    /* seed code 1: create a TCB in CSlot child_tcb */
    /* Create a TCB in CSlot child_tcb */
    error = seL4_Untyped_Retype(child_untyped,
                                seL4_TCBObject,
                                seL4_TCBBits,
                                seL4_CapInitThreadCNode,
                                0,
                                0,
                                child_tcb,
                                1);
    printf("Retype a TCB (%lu bytes) from the 4 KiB untyped: %s\n", BIT(seL4_TCBBits), err_name(error));

    /* added: the TCB cap works (a TCB invocation on it), and more objects from the same untyped */
    error = seL4_TCB_Suspend(child_tcb);
    printf("Suspend through the new TCB cap: %s\n", err_name(error));
    error = seL4_Untyped_Retype(child_untyped, seL4_EndpointObject, 0, seL4_CapInitThreadCNode, 0, 0,
                                endpoint_slot, 1);
    printf("Retype an endpoint from the same untyped: %s\n", err_name(error));
    error = seL4_Untyped_Retype(child_untyped, seL4_TCBObject, seL4_TCBBits, seL4_CapInitThreadCNode, 0, 0,
                                second_tcb, 1);
    printf("Retype a second TCB (it would need the next 2 KiB-aligned block, the end of the untyped): %s\n",
           err_name(error));
    error = seL4_Untyped_Retype(child_untyped, seL4_TCBObject, seL4_TCBBits, seL4_CapInitThreadCNode, 0, 0,
                                child_tcb, 1);
    printf("Retype into the occupied slot child_tcb: %s\n", err_name(error));

    /* added: an untyped that is too small for the object */
    error = seL4_Untyped_Retype(small_untyped, seL4_TCBObject, seL4_TCBBits, seL4_CapInitThreadCNode, 0, 0,
                                second_tcb, 1);
    printf("Retype a TCB from the 1 KiB untyped: %s, %lu bytes available\n", err_name(error),
           (unsigned long)seL4_GetMR(0));

    /* seed code 2: delete the objects */
    // Revoke the child untyped
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, child_untyped, seL4_WordBits);

    /* added: every child is gone, the whole untyped is free again */
    error = seL4_TCB_Suspend(child_tcb);
    printf("After Revoke, Suspend through child_tcb: %s\n", err_name(error));
    error = seL4_Untyped_Retype(child_untyped, seL4_TCBObject, seL4_TCBBits, seL4_CapInitThreadCNode, 0, 0,
                                child_tcb, 2);
    printf("Retype two TCBs into child_tcb and the next slot: %s\n", err_name(error));
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, child_untyped, seL4_WordBits);
    error = seL4_Untyped_Retype(child_untyped, seL4_X86_4K, seL4_PageBits, seL4_CapInitThreadCNode, 0, 0,
                                frame_slot, 1);
    printf("Revoke again, then retype one 4 KiB frame from all of it: %s\n", err_name(error));
    seL4_X86_Page_GetAddress_t addr = seL4_X86_Page_GetAddress(frame_slot);
    printf("The frame is at physical address 0x%lx\n", (unsigned long)addr.paddr);

    printf("untyped: done\n");
    fflush(stdout);
    seL4_DebugHalt();
    return 0;
}
