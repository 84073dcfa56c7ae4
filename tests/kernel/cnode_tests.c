/*
 * CNode invocations (sel4-facts 2.1-2.3, 9.2-9.4, 9.13; sel4test CNODEOP0001-0009): Copy,
 * Mint, Move, Mutate, Rotate, Delete, Revoke, SaveCaller, CancelBadgedSends with success and
 * each error code in seL4's check order, lookup failures with their MRs, badges and guards,
 * the CDT (what Revoke removes), and deleting a CNode that holds caps.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

/* A cap to copy and compare (sel4test's get_cap): a fresh TCB, tagged so copies can be told
 * apart with tcb_read_tag. */
static seL4_CPtr get_tcb(seL4_Word tag)
{
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);
    if (tcb != 0 && !tcb_tag(tcb, tag)) {
        return 0;
    }
    return tcb;
}

#define R ROOT_CNODE
#define D ROOT_DEPTH

/* CNODEOP0001 + 2.1: Copy, DeleteFirst before the source lookup, FailedLookup MRs. */
void test_cnode_copy(void)
{
    seL4_CPtr src = get_tcb(0x11), dest = alloc_slot(), other = get_tcb(0x22), empty = alloc_slot();
    REQUIRE(src && other, "no TCBs");
    CHECK_OK(seL4_CNode_Copy(R, dest, D, R, src, D, seL4_AllRights));
    CHECK_EQ(tcb_read_tag(dest), 0x11);
    /* destination occupied */
    CHECK_ERROR(seL4_CNode_Copy(R, other, D, R, src, D, seL4_AllRights), seL4_DeleteFirst);
    /* empty source into an occupied destination: DeleteFirst comes first */
    CHECK_ERROR(seL4_CNode_Copy(R, other, D, R, empty, D, seL4_AllRights), seL4_DeleteFirst);
    /* empty source into an empty destination: FailedLookup of the source, MissingCapability,
     * bits left = the source depth (9.3) */
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, alloc_slot(), D, R, empty, D, seL4_AllRights), seL4_FailedLookup, 1,
                    seL4_MissingCapability, 64);
    /* sel4test's is_slot_empty: moving a slot onto itself tells empty from full */
    CHECK_ERROR(seL4_CNode_Move(R, empty, D, R, empty, D), seL4_FailedLookup);
    CHECK_ERROR(seL4_CNode_Move(R, src, D, R, src, D), seL4_DeleteFirst);
    /* caps that cannot be derived: IRQControl (2.2) */
    seL4_CPtr irq = alloc_slot();
    CHECK_ERROR(seL4_CNode_Copy(R, irq, D, R, seL4_CapIRQControl, D, seL4_AllRights), seL4_IllegalOperation);
    CHECK(slot_empty(irq), "the failed IRQControl copy filled the slot");
    /* a copy of a copy of an endpoint, with reduced rights */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), ep1 = alloc_slot(), ep2 = alloc_slot();
    REQUIRE(ep, "no endpoint");
    CHECK_OK(seL4_CNode_Copy(R, ep1, D, R, ep, D, seL4_CanRead));
    CHECK_OK(seL4_CNode_Copy(R, ep2, D, R, ep1, D, seL4_AllRights));
    CHECK(cap_type(ep2) == CAP_ENDPOINT, "copy of a copy has cap type %d", cap_type(ep2));
}

/* Lookups of CNode operations (2.1, 9.2): depth range, depth/guard mismatch, invalid root. */
void test_cnode_lookup_errors(void)
{
    seL4_CPtr src = get_tcb(1), dest = alloc_slot();
    REQUIRE(src, "no TCB");
    /* depth 0 and 65: RangeError 1..64, for the destination and for the source */
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, dest, 0, R, src, D, seL4_AllRights), seL4_RangeError, 1, 64);
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, dest, 65, R, src, D, seL4_AllRights), seL4_RangeError, 1, 64);
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, dest, D, R, src, 0, seL4_AllRights), seL4_RangeError, 1, 64);
    CHECK_ERROR_MRS(seL4_CNode_Delete(R, dest, 0), seL4_RangeError, 1, 64);
    CHECK_ERROR_MRS(seL4_CNode_Revoke(R, dest, 65), seL4_RangeError, 1, 64);
    /* the root CNode resolves its guard (52 bits with the default 12-bit radix) + its radix bits:
     * depth 60 ends inside it (DepthMismatch: bits left 60, bits found 64); depth 40 is shorter
     * than its guard (GuardMismatch: bits left 40, guard 0, guard size) */
    seL4_Word radix = test_bi->initThreadCNodeSizeBits, guard = 64 - radix;
    CHECK_ERROR_MRS(seL4_CNode_Delete(R, 0, 60), seL4_FailedLookup, 0, seL4_DepthMismatch, 60, 64);
    CHECK_ERROR_MRS(seL4_CNode_Delete(R, 0, 40), seL4_FailedLookup, 0, seL4_GuardMismatch, 40, 0, guard);
    /* an index beyond the CNode's slots does not match the zero guard */
    CHECK_ERROR_MRS(seL4_CNode_Delete(R, 1ul << radix, D), seL4_FailedLookup, 0, seL4_GuardMismatch, 64, 0, guard);
    /* source side: MR0 = 1 */
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, dest, D, R, 0, 60, seL4_AllRights), seL4_FailedLookup, 1, seL4_DepthMismatch,
                    60, 64);
    /* a source root that is not a CNode: InvalidRoot */
    CHECK_ERROR_MRS(seL4_CNode_Copy(R, dest, D, src, 0, D, seL4_AllRights), seL4_FailedLookup, 1, seL4_InvalidRoot);
    /* a two-level lookup that stops at a non-CNode slot with bits left (9.2): CNode c of
     * radix 4 without guard, depth 8: the top 4 bits pick slot 2 (an endpoint), 4 bits remain */
    seL4_CPtr c = alloc_object(seL4_CapTableObject, 4), ep = alloc_object(seL4_EndpointObject, 0);
    REQUIRE(c && ep, "no CNode or endpoint");
    CHECK_OK(seL4_CNode_Copy(c, 2, 4, R, ep, D, seL4_AllRights));
    CHECK_ERROR_MRS(seL4_CNode_Delete(c, 0x25, 8), seL4_FailedLookup, 0, seL4_DepthMismatch, 4, 0);
    CHECK_ERROR_MRS(seL4_CNode_Delete(c, 0x35, 8), seL4_FailedLookup, 0, seL4_DepthMismatch, 4, 0);
    CHECK_OK(seL4_CNode_Delete(c, 2, 4));
    /* unknown labels, short messages, null cap */
    CHECK_ERROR(raw_invoke(R, CNodeSaveCaller + 1, 0, 2, dest, D, 0, 0), seL4_IllegalOperation);
    CHECK_ERROR(raw_invoke(R, UntypedRetype, 0, 2, dest, D, 0, 0), seL4_IllegalOperation);
    CHECK_ERROR(raw_invoke(R, CNodeDelete, 0, 1, dest, 0, 0, 0), seL4_TruncatedMessage);
    seL4_SetCap(0, R);
    CHECK_ERROR(raw_invoke(R, CNodeCopy, 1, 3, dest, D, src, 0), seL4_TruncatedMessage);
    CHECK_ERROR(raw_invoke(R, CNodeCopy, 0, 5, dest, D, src, D), seL4_TruncatedMessage);
    seL4_SetCap(0, R);
    CHECK_ERROR(raw_invoke(R, CNodeCopy, 1, 4, dest, D, src, D), seL4_TruncatedMessage);
    CHECK(slot_empty(dest), "a failed copy filled the slot");
    CHECK_ERROR_MRS(seL4_CNode_Delete(alloc_slot(), 0, D), seL4_InvalidCapability, 0);
}

/* CNODEOP0002: Delete of a cap and of an empty slot both succeed. */
void test_cnode_delete(void)
{
    seL4_CPtr slot = get_tcb(1), empty = alloc_slot();
    REQUIRE(slot, "no TCB");
    CHECK_OK(seL4_CNode_Delete(R, slot, D));
    CHECK(slot_empty(slot), "slot still holds cap type %d", cap_type(slot));
    CHECK_OK(seL4_CNode_Delete(R, empty, D));
    CHECK(slot_empty(empty), "the empty slot now holds cap type %d", cap_type(empty));
}

/* CNODEOP0003 + 9.4: Mint, badges only on unbadged endpoint/notification caps. */
void test_cnode_mint(void)
{
    seL4_CPtr src = get_tcb(0x33), dest = alloc_slot(), other = get_tcb(0x44);
    REQUIRE(src && other, "no TCBs");
    CHECK_OK(seL4_CNode_Mint(R, dest, D, R, src, D, seL4_AllRights, 0));
    CHECK_EQ(tcb_read_tag(dest), 0x33);
    CHECK_ERROR(seL4_CNode_Mint(R, other, D, R, src, D, seL4_AllRights, 0), seL4_DeleteFirst);
    CHECK_ERROR_MRS(seL4_CNode_Mint(R, alloc_slot(), D, R, alloc_slot(), D, seL4_AllRights, 0), seL4_FailedLookup, 1,
                    seL4_MissingCapability, 64);

    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot(), badged2 = alloc_slot(), unbadged = alloc_slot(), rebadged = alloc_slot();
    seL4_CPtr nbadged = alloc_slot(), copy = alloc_slot();
    REQUIRE(ep && ntfn, "no endpoint or notification");
    CHECK_OK(seL4_CNode_Mint(R, badged, D, R, ep, D, seL4_AllRights, 5));
    /* a badged cap cannot be minted again, not even with badge 0; it can be copied */
    CHECK_ERROR(seL4_CNode_Mint(R, badged2, D, R, badged, D, seL4_AllRights, 7), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_Mint(R, badged2, D, R, badged, D, seL4_AllRights, 0), seL4_IllegalOperation);
    CHECK(slot_empty(badged2), "a failed mint filled the slot");
    CHECK_OK(seL4_CNode_Copy(R, copy, D, R, badged, D, seL4_AllRights));
    /* badge 0 gives an unbadged cap, which can be minted with a badge later */
    CHECK_OK(seL4_CNode_Mint(R, unbadged, D, R, ep, D, seL4_AllRights, 0));
    CHECK_OK(seL4_CNode_Mint(R, rebadged, D, R, unbadged, D, seL4_AllRights, 9));
    /* the same for notifications */
    CHECK_OK(seL4_CNode_Mint(R, nbadged, D, R, ntfn, D, seL4_AllRights, 1));
    CHECK_ERROR(seL4_CNode_Mint(R, badged2, D, R, nbadged, D, seL4_AllRights, 2), seL4_IllegalOperation);
    /* rights are masked: a read-only mint of a TCB still names the same TCB */
    seL4_CPtr ro = alloc_slot();
    CHECK_OK(seL4_CNode_Mint(R, ro, D, R, src, D, seL4_CanRead, 0x1234));
    CHECK_EQ(tcb_read_tag(ro), 0x33);
}

/* Mint of a CNode cap sets its guard (2.2): the new cap then resolves 64 bits. */
void test_cnode_mint_guard(void)
{
    seL4_CPtr c = alloc_object(seL4_CapTableObject, 4), ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr guarded = alloc_slot(), bad = alloc_slot(), out = alloc_slot();
    REQUIRE(c && ep, "no CNode or endpoint");
    /* guard size 60 + radix 4 = 64 bits, guard 0 */
    REQUIRE_OK(seL4_CNode_Mint(R, guarded, D, R, c, D, seL4_AllRights, seL4_CNode_CapData_new(0, 60).words[0]));
    CHECK_OK(seL4_CNode_Copy(guarded, 3, D, R, ep, D, seL4_AllRights));
    /* the original (no guard) sees it at index 3, depth 4 */
    CHECK_OK(seL4_CNode_Move(R, out, D, c, 3, 4));
    CHECK(cap_type(out) == CAP_ENDPOINT, "slot 3 held cap type %d", cap_type(out));
    /* a guard of 0x5 in 60 bits: index (0x5 << 4) | 7 reaches slot 7 */
    seL4_CPtr g5 = alloc_slot();
    REQUIRE_OK(seL4_CNode_Mint(R, g5, D, R, c, D, seL4_AllRights, seL4_CNode_CapData_new(5, 60).words[0]));
    CHECK_OK(seL4_CNode_Copy(g5, (5ul << 4) | 7, D, R, ep, D, seL4_AllRights));
    CHECK_OK(seL4_CNode_Delete(c, 7, 4));
    /* with the wrong guard bits: GuardMismatch (bits left 64, guard found 5, guard size 60) */
    CHECK_ERROR_MRS(seL4_CNode_Delete(g5, 7, D), seL4_FailedLookup, 0, seL4_GuardMismatch, 64, 5, 60);
    /* guard size + radix > 64 makes the cap invalid: IllegalOperation */
    CHECK_ERROR(seL4_CNode_Mint(R, bad, D, R, c, D, seL4_AllRights, seL4_CNode_CapData_new(0, 61).words[0]),
                seL4_IllegalOperation);
    CHECK(slot_empty(bad), "the invalid mint filled the slot");
}

/* CNODEOP0004: Move. */
void test_cnode_move(void)
{
    seL4_CPtr src = get_tcb(0x55), dest = alloc_slot();
    REQUIRE(src, "no TCB");
    CHECK_OK(seL4_CNode_Move(R, dest, D, R, src, D));
    CHECK(slot_empty(src), "source still holds cap type %d", cap_type(src));
    CHECK_EQ(tcb_read_tag(dest), 0x55);
    seL4_CPtr e1 = alloc_slot(), e2 = alloc_slot();
    CHECK_ERROR_MRS(seL4_CNode_Move(R, e2, D, R, e1, D), seL4_FailedLookup, 1, seL4_MissingCapability, 64);
    CHECK(slot_empty(e2), "a failed move filled the slot");
    seL4_CPtr a = get_tcb(1), b = get_tcb(2);
    REQUIRE(a && b, "no TCBs");
    CHECK_ERROR(seL4_CNode_Move(R, b, D, R, a, D), seL4_DeleteFirst);
    CHECK_EQ(tcb_read_tag(a), 1);
    CHECK_EQ(tcb_read_tag(b), 2);
    /* a moved endpoint is still the same object: Revoke of the original... moved cap keeps its
     * CDT position, so its copies stay its children */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), ep_copy = alloc_slot(), ep_moved = alloc_slot();
    REQUIRE(ep, "no endpoint");
    CHECK_OK(seL4_CNode_Copy(R, ep_copy, D, R, ep, D, seL4_AllRights));
    CHECK_OK(seL4_CNode_Move(R, ep_moved, D, R, ep, D));
    CHECK_OK(seL4_CNode_Revoke(R, ep_moved, D));
    CHECK(slot_empty(ep_copy), "the copy survived a Revoke of its moved parent (type %d)", cap_type(ep_copy));
}

/* CNODEOP0005 + 6.4: Mutate moves and updates cap data; endpoints and notifications fail. */
void test_cnode_mutate(void)
{
    seL4_CPtr src = get_tcb(0x66), dest = alloc_slot();
    REQUIRE(src, "no TCB");
    CHECK_OK(seL4_CNode_Mutate(R, dest, D, R, src, D, 0));
    CHECK(slot_empty(src), "source still holds cap type %d", cap_type(src));
    CHECK_EQ(tcb_read_tag(dest), 0x66);
    seL4_CPtr a = get_tcb(1), b = get_tcb(2);
    REQUIRE(a && b, "no TCBs");
    CHECK_ERROR(seL4_CNode_Mutate(R, b, D, R, a, D, 0), seL4_DeleteFirst);
    CHECK(!slot_empty(a) && !slot_empty(b), "a failed mutate emptied a slot");
    seL4_CPtr e1 = alloc_slot(), e2 = alloc_slot();
    CHECK_ERROR_MRS(seL4_CNode_Mutate(R, e2, D, R, e1, D, 0), seL4_FailedLookup, 1, seL4_MissingCapability, 64);
    CHECK(slot_empty(e1) && slot_empty(e2), "a failed mutate filled a slot");
    /* endpoints and notifications can never be mutated, even with data 0 */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr out = alloc_slot();
    REQUIRE(ep && ntfn, "no endpoint or notification");
    CHECK_ERROR(seL4_CNode_Mutate(R, out, D, R, ep, D, 0), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_Mutate(R, out, D, R, ep, D, 3), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_Mutate(R, out, D, R, ntfn, D, 0), seL4_IllegalOperation);
    CHECK(cap_type(ep) == CAP_ENDPOINT && slot_empty(out), "a failed mutate moved the endpoint");
    /* a CNode cap gets a new guard */
    seL4_CPtr c = alloc_object(seL4_CapTableObject, 2), cg = alloc_slot();
    REQUIRE(c, "no CNode");
    CHECK_OK(seL4_CNode_Mutate(R, cg, D, R, c, D, seL4_CNode_CapData_new(0, 62).words[0]));
    CHECK_OK(seL4_CNode_Copy(cg, 1, D, R, ep, D, seL4_AllRights));
    CHECK_OK(seL4_CNode_Delete(cg, 1, D));
}

/* CNODEOP0008 + 2.2: Rotate, swap, and its errors. */
void test_cnode_rotate(void)
{
    seL4_CPtr src = get_tcb(0xa), pivot = get_tcb(0xb), dest = alloc_slot();
    REQUIRE(src && pivot, "no TCBs");
    /* dest <- pivot, pivot <- src */
    CHECK_OK(seL4_CNode_Rotate(R, dest, D, 0, R, pivot, D, 0, R, src, D));
    CHECK(slot_empty(src), "source still holds cap type %d", cap_type(src));
    CHECK_EQ(tcb_read_tag(pivot), 0xa);
    CHECK_EQ(tcb_read_tag(dest), 0xb);
    /* destination occupied */
    seL4_CPtr s2 = get_tcb(1), p2 = get_tcb(2), d2 = get_tcb(3);
    REQUIRE(s2 && p2 && d2, "no TCBs");
    CHECK_ERROR(seL4_CNode_Rotate(R, d2, D, 0, R, p2, D, 0, R, s2, D), seL4_DeleteFirst);
    CHECK_EQ(tcb_read_tag(s2), 1);
    CHECK_EQ(tcb_read_tag(p2), 2);
    CHECK_EQ(tcb_read_tag(d2), 3);
    /* dest == src swaps src and pivot */
    CHECK_OK(seL4_CNode_Rotate(R, s2, D, 0, R, p2, D, 0, R, s2, D));
    CHECK_EQ(tcb_read_tag(s2), 2);
    CHECK_EQ(tcb_read_tag(p2), 1);
    /* the pivot may be neither the source nor the destination */
    seL4_CPtr free1 = alloc_slot();
    CHECK_ERROR(seL4_CNode_Rotate(R, free1, D, 0, R, s2, D, 0, R, s2, D), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_Rotate(R, p2, D, 0, R, p2, D, 0, R, s2, D), seL4_IllegalOperation);
    CHECK(!slot_empty(s2) && slot_empty(free1), "a failed rotate moved a cap");
    /* empty source: FailedLookup, source (MR0 = 1) */
    seL4_CPtr e1 = alloc_slot(), e2 = alloc_slot(), e3 = alloc_slot();
    CHECK_ERROR_MRS(seL4_CNode_Rotate(R, e3, D, 0, R, e2, D, 0, R, e1, D), seL4_FailedLookup, 1,
                    seL4_MissingCapability, 64);
    /* empty pivot with a real source: FailedLookup, not the source (MR0 = 0) */
    CHECK_ERROR_MRS(seL4_CNode_Rotate(R, e3, D, 0, R, e2, D, 0, R, d2, D), seL4_FailedLookup, 0,
                    seL4_MissingCapability, 64);
    CHECK(slot_empty(e1) && slot_empty(e2) && slot_empty(e3), "a failed rotate filled a slot");
    /* endpoints cannot be rotated (their cap data cannot be updated): IllegalOperation */
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    REQUIRE(ep, "no endpoint");
    CHECK_ERROR(seL4_CNode_Rotate(R, e3, D, 0, R, d2, D, 0, R, ep, D), seL4_IllegalOperation);
    CHECK(cap_type(ep) == CAP_ENDPOINT && slot_empty(e3), "a failed rotate moved the endpoint");
    /* short messages: fewer than 8 words or 2 extra caps */
    seL4_SetCap(0, R);
    seL4_SetCap(1, R);
    CHECK_ERROR(raw_invoke(R, CNodeRotate, 2, 7, e3, D, 0, d2), seL4_TruncatedMessage);
    seL4_SetCap(0, R);
    CHECK_ERROR(raw_invoke(R, CNodeRotate, 1, 8, e3, D, 0, d2), seL4_TruncatedMessage);
}

/* CNODEOP0007 + 2.2/2.3: Revoke removes the CDT descendants only. */
void test_cnode_revoke(void)
{
    seL4_CPtr tcb = get_tcb(1), empty = alloc_slot();
    REQUIRE(tcb, "no TCB");
    CHECK_OK(seL4_CNode_Revoke(R, tcb, D));
    CHECK(!slot_empty(tcb), "Revoke removed the cap itself");
    CHECK_OK(seL4_CNode_Revoke(R, empty, D));
    /* E original; C = copy(E); C2 = copy(C); B = mint(E, 1); BB = copy(B); B2 = mint(E, 2) */
    seL4_CPtr e = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr c = alloc_slot(), c2 = alloc_slot(), b = alloc_slot(), bb = alloc_slot(), b2 = alloc_slot();
    REQUIRE(e, "no endpoint");
    REQUIRE_OK(seL4_CNode_Copy(R, c, D, R, e, D, seL4_AllRights));
    REQUIRE_OK(seL4_CNode_Copy(R, c2, D, R, c, D, seL4_AllRights));
    REQUIRE_OK(seL4_CNode_Mint(R, b, D, R, e, D, seL4_AllRights, 1));
    REQUIRE_OK(seL4_CNode_Copy(R, bb, D, R, b, D, seL4_AllRights));
    REQUIRE_OK(seL4_CNode_Mint(R, b2, D, R, e, D, seL4_AllRights, 2));
    /* a plain copy is not revocable: revoking it removes nothing */
    CHECK_OK(seL4_CNode_Revoke(R, c, D));
    CHECK(!slot_empty(c2), "Revoke of a non-revocable copy removed another copy");
    /* a badged original owns its copies only */
    CHECK_OK(seL4_CNode_Revoke(R, b, D));
    CHECK(slot_empty(bb), "the copy of the badged cap survived its Revoke");
    CHECK(!slot_empty(b) && !slot_empty(b2) && !slot_empty(c), "Revoke of badge 1 removed too much");
    /* the unbadged original owns everything */
    CHECK_OK(seL4_CNode_Revoke(R, e, D));
    CHECK(slot_empty(c) && slot_empty(c2) && slot_empty(b) && slot_empty(b2),
          "after Revoke of the original: copy %d, copy of copy %d, badged %d, badged2 %d", cap_type(c), cap_type(c2),
          cap_type(b), cap_type(b2));
    CHECK(cap_type(e) == CAP_ENDPOINT, "Revoke removed the original");
}

/* CNODEOP0009 + 9.13: SaveCaller with no caller leaves the slot empty; occupied: DeleteFirst. */
void test_cnode_save_caller(void)
{
    seL4_CPtr slot = alloc_slot(), full = get_tcb(1);
    REQUIRE(full, "no TCB");
    CHECK_OK(seL4_CNode_SaveCaller(R, slot, D));
    CHECK(slot_empty(slot), "SaveCaller without a caller filled the slot with cap type %d", cap_type(slot));
    CHECK_ERROR(seL4_CNode_SaveCaller(R, full, D), seL4_DeleteFirst);
    CHECK(!slot_empty(full), "SaveCaller emptied the occupied slot");
    CHECK_ERROR_MRS(seL4_CNode_SaveCaller(R, slot, 0), seL4_RangeError, 1, 64);
}

/* CNODEOP0006 + 9.13: CancelBadgedSends needs a full-rights endpoint cap. */
void test_cnode_cancel_badged_sends(void)
{
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), badged = alloc_slot(), reduced = alloc_slot();
    seL4_CPtr empty = alloc_slot(), tcb = get_tcb(1), ntfn = alloc_object(seL4_NotificationObject, 0);
    REQUIRE(ep && tcb && ntfn, "no objects");
    CHECK_OK(seL4_CNode_CancelBadgedSends(R, ep, D));
    CHECK(!slot_empty(ep), "CancelBadgedSends removed the cap");
    REQUIRE_OK(seL4_CNode_Mint(R, badged, D, R, ep, D, seL4_AllRights, 3));
    CHECK_OK(seL4_CNode_CancelBadgedSends(R, badged, D));
    REQUIRE_OK(seL4_CNode_Copy(R, reduced, D, R, ep, D, seL4_NoWrite));
    CHECK_ERROR(seL4_CNode_CancelBadgedSends(R, reduced, D), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_CancelBadgedSends(R, empty, D), seL4_IllegalOperation);
    CHECK(slot_empty(empty), "the empty slot got a cap");
    CHECK_ERROR(seL4_CNode_CancelBadgedSends(R, tcb, D), seL4_IllegalOperation);
    CHECK_ERROR(seL4_CNode_CancelBadgedSends(R, ntfn, D), seL4_IllegalOperation);
}

/* 2.3: deleting the last cap of a CNode deletes the caps inside it; a TCB whose only cap is
 * inside stops running. */
void test_cnode_delete_contents(void)
{
    seL4_CPtr c = alloc_object(seL4_CapTableObject, 2), ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ep_copy = alloc_slot();
    REQUIRE(c && ep, "no CNode or endpoint");
    struct test_thread *t = thread_create(count_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = deadline_ms(3000);
    t->arg[1] = 1; /* yield after every increment */
    REQUIRE(thread_start(t), "thread did not start");
    run_lower(100, 30);
    REQUIRE(t->counter > 0, "the counting thread did not run (counter 0)");
    /* move its only TCB cap and an endpoint copy into the CNode, then delete the CNode */
    REQUIRE_OK(seL4_CNode_Move(c, 0, 2, R, t->tcb, D));
    REQUIRE_OK(seL4_CNode_Copy(c, 1, 2, R, ep, D, seL4_AllRights));
    REQUIRE_OK(seL4_CNode_Copy(R, ep_copy, D, c, 1, 2, seL4_AllRights));
    CHECK_OK(seL4_CNode_Delete(R, c, D));
    CHECK(slot_empty(c), "the CNode slot holds cap type %d", cap_type(c));
    seL4_Word before = t->counter;
    run_lower(100, 30);
    CHECK(t->counter == before, "the thread ran on (counter %lu -> %lu) after the CNode holding its only cap was deleted",
          before, t->counter);
    /* the endpoint is still alive through its other caps */
    CHECK(cap_type(ep_copy) == CAP_ENDPOINT, "the copy outside the CNode has cap type %d", cap_type(ep_copy));
    CHECK_OK(seL4_CNode_Revoke(R, ep, D));
    CHECK(slot_empty(ep_copy), "the copy made from inside the CNode is not a descendant of the original");
}
