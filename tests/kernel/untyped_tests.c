/*
 * Untyped_Retype (sel4-facts 2.4, sel4test RETYPE0000-0002): every object type, several
 * objects at once, destinations given by node_index/node_depth, each argument error with
 * its MRs in seL4's check order, the watermark (alignment, no reuse while children exist,
 * reset when all are gone, Revoke), and the untyped derivation rules (2.2).
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

/* Every object type of this configuration gives a cap of the matching type. */
void test_untyped_retype_objects(void)
{
    static const struct {
        seL4_Word type, size_bits;
        int cap;
    } objs[] = {
        {seL4_UntypedObject, 12, CAP_UNTYPED},     {seL4_TCBObject, 0, CAP_THREAD},
        {seL4_EndpointObject, 0, CAP_ENDPOINT},    {seL4_NotificationObject, 0, CAP_NOTIFICATION},
        {seL4_CapTableObject, 4, CAP_CNODE},       {TEST_PAGE_4K, 0, CAP_FRAME},
#ifdef __aarch64__
        {seL4_ARM_PageTableObject, 0, CAP_PAGE_TABLE}, {TEST_VSPACE_OBJECT, 0, CAP_PML4 /* the VSpace: 9 on ARM too */},
#else
        {seL4_X86_PageTableObject, 0, CAP_PAGE_TABLE}, {seL4_X86_PageDirectoryObject, 0, CAP_PAGE_DIRECTORY},
        {seL4_X86_PDPTObject, 0, CAP_PDPT},        {TEST_VSPACE_OBJECT, 0, CAP_PML4},
#endif
    };
    for (unsigned i = 0; i < sizeof(objs) / sizeof(objs[0]); i++) {
        seL4_CPtr slot = alloc_slot();
        if (CHECK_OK(seL4_Untyped_Retype(test_untyped, objs[i].type, objs[i].size_bits, ROOT_CNODE, 0, 0, slot, 1))) {
            CHECK(cap_type(slot) == objs[i].cap, "object type %lu: cap type %d, expected %d", objs[i].type,
                  cap_type(slot), objs[i].cap);
        }
    }
    /* a TCB ignores size_bits (any value below 64 is accepted) */
    CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 40, ROOT_CNODE, 0, 0, alloc_slot(), 1));

    /* four endpoints in one call fill four consecutive slots */
    seL4_CPtr base = alloc_slot();
    alloc_slot();
    alloc_slot();
    alloc_slot();
    REQUIRE_OK(seL4_Untyped_Retype(test_untyped, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, base, 4));
    for (int i = 0; i < 4; i++) {
        CHECK(cap_type(base + i) == CAP_ENDPOINT, "slot base+%d holds cap type %d", i, cap_type(base + i));
    }
}

/* The destination CNode named by node_index/node_depth from the root, or the root itself when
 * node_depth is 0. */
void test_untyped_retype_destination(void)
{
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 2);
    seL4_CPtr cnode2 = alloc_object(seL4_CapTableObject, 2);
    seL4_CPtr out = alloc_slot();
    REQUIRE(cnode && cnode2, "no CNodes");
    /* node_index = the CNode's CPtr resolved to depth 64 in the root CNode */
    REQUIRE_OK(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, cnode, ROOT_DEPTH, 0, 4));
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, out, ROOT_DEPTH, cnode, 3, 2));
    CHECK(cap_type(out) == CAP_THREAD, "slot 3 of the CNode held cap type %d", cap_type(out));
    /* node_depth 0: the root argument itself is the destination CNode */
    REQUIRE_OK(seL4_Untyped_Retype(test_untyped, seL4_EndpointObject, 0, cnode2, 0, 0, 1, 1));
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, out, ROOT_DEPTH));
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, out, ROOT_DEPTH, cnode2, 1, 2));
    CHECK(cap_type(out) == CAP_ENDPOINT, "slot 1 of the second CNode held cap type %d", cap_type(out));
    /* RETYPE0000: a window that overruns the 4-slot CNode, then an occupied window */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, cnode2, ROOT_DEPTH, 3, 2),
                    seL4_RangeError, 1, 1);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, cnode2, ROOT_DEPTH, 4, 1),
                    seL4_RangeError, 0, 3);
    CHECK_ERROR(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, cnode, ROOT_DEPTH, 0, 3),
                seL4_DeleteFirst);
}

/* Each argument error, with the MRs seL4 puts in the error reply (sel4-facts 1.8, 2.4). */
void test_untyped_retype_errors(void)
{
    seL4_CPtr slot = alloc_slot();
    seL4_CPtr full = alloc_object(seL4_EndpointObject, 0);
    REQUIRE(full, "no endpoint");
    /* type out of range: InvalidArgument, argument 0 */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_ObjectTypeCount, 0, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_InvalidArgument, 0);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, ~0ul, 0, ROOT_CNODE, 0, 0, slot, 1), seL4_InvalidArgument, 0);
    /* size too big: RangeError 0..47 (seL4_MaxUntypedBits) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_UntypedObject, 48, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_RangeError, 0, seL4_MaxUntypedBits);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 64, ROOT_CNODE, 0, 0, slot, 1), seL4_RangeError,
                    0, seL4_MaxUntypedBits);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_CapTableObject, 43, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_RangeError, 0, seL4_MaxUntypedBits);
    /* too small: a CNode needs at least 1 bit, an untyped 4 bits (InvalidArgument, argument 1) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_CapTableObject, 0, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_InvalidArgument, 1);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_UntypedObject, 3, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_InvalidArgument, 1);
    /* destination lookup: an empty slot as node_index is not a CNode (FailedLookup, not the
     * source, MissingCapability with bits left = node_depth) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, slot, ROOT_DEPTH, 0, 1),
                    seL4_FailedLookup, 0, seL4_MissingCapability, 64);
    /* node_offset beyond the 4096-slot root CNode: RangeError 0..4095 */
    seL4_Word slots = 1ul << test_bi->initThreadCNodeSizeBits;
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, slots, 1), seL4_RangeError,
                    0, slots - 1);
    /* num_objects 0 and 257: RangeError 1..256 (RETYPE0000 checks MR1 = 256); 2^31 too */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, slot, 0), seL4_RangeError,
                    1, CONFIG_RETYPE_FAN_OUT_LIMIT);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, slot, 257),
                    seL4_RangeError, 1, CONFIG_RETYPE_FAN_OUT_LIMIT);
    CHECK_ERROR(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, slot, 1ul << 31),
                seL4_RangeError);
    /* a window running past the end of the CNode: RangeError 1..(slots - offset) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slots - 1, 2),
                    seL4_RangeError, 1, 1);
    /* an occupied destination slot */
    CHECK_ERROR(seL4_Untyped_Retype(test_untyped, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, full, 1),
                seL4_DeleteFirst);
    /* not enough memory: MR0 = the bytes left. The test untyped holds the endpoint (16 bytes at
     * offset 0) and a 256-slot CNode (8 KiB, aligned up to offset 8 KiB): 16 KiB are used. */
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 8);
    REQUIRE(cnode, "no CNode");
    seL4_Word left = (1ul << TEST_UNTYPED_BITS) - (16ul << 10);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, seL4_UntypedObject, TEST_UNTYPED_BITS + 1, ROOT_CNODE, 0, 0,
                                        slot, 1),
                    seL4_NotEnoughMemory, left);
    /* 256 pages do not fit into the 1008 KiB left (the slots are checked first: all are free) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(test_untyped, TEST_PAGE_4K, 0, ROOT_CNODE, cnode, ROOT_DEPTH, 0, 256),
                    seL4_NotEnoughMemory, left);
    /* with an occupied slot in the window, DeleteFirst comes before the memory check */
    CHECK_ERROR(seL4_Untyped_Retype(test_untyped, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, slot, 256), seL4_DeleteFirst);
    CHECK(slot_empty(slot), "a failed retype filled the slot");

    /* the invoked cap must be an untyped: a CNode does not know the Retype label */
    CHECK_ERROR(seL4_Untyped_Retype(ROOT_CNODE, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slot, 1),
                seL4_IllegalOperation);
    /* invoking an empty slot: InvalidCapability, cap 0 (sel4-facts 9.13) */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(slot, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slot, 1),
                    seL4_InvalidCapability, 0);
    /* short messages: fewer than 6 words, or no destination root cap */
    seL4_SetCap(0, ROOT_CNODE);
    CHECK_ERROR(raw_invoke(test_untyped, UntypedRetype, 1, 5, seL4_EndpointObject, 0, 0, 0), seL4_TruncatedMessage);
    seL4_SetMR(4, slot);
    seL4_SetMR(5, 1);
    CHECK_ERROR(raw_invoke(test_untyped, UntypedRetype, 0, 6, seL4_EndpointObject, 0, 0, 0), seL4_TruncatedMessage);
    CHECK(slot_empty(slot), "a failed retype filled the slot");
}

/* Device untypeds make only frames and untypeds (InvalidArgument 1). */
void test_untyped_retype_device(void)
{
    seL4_CPtr dev = find_device_untyped(seL4_PageBits);
    REQUIRE(dev != 0, "no device untyped of at least 4 KiB in BootInfo");
    seL4_CPtr slot = alloc_slot();
    CHECK_ERROR_MRS(seL4_Untyped_Retype(dev, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, slot, 1), seL4_InvalidArgument, 1);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(dev, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, slot, 1), seL4_InvalidArgument,
                    1);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(dev, seL4_CapTableObject, 1, ROOT_CNODE, 0, 0, slot, 1), seL4_InvalidArgument,
                    1);
    if (CHECK_OK(seL4_Untyped_Retype(dev, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, slot, 1))) {
        CHECK(cap_type(slot) == CAP_FRAME, "device frame has cap type %d", cap_type(slot));
        CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, slot, ROOT_DEPTH));
    }
}

/* The watermark (RETYPE0001/0002, sel4-facts 2.4): objects are aligned to their size, deleting
 * some children does not give memory back, deleting all (or Revoke) does. */
void test_untyped_watermark(void)
{
    seL4_CPtr small = alloc_object(seL4_UntypedObject, 13); /* 8 KiB */
    seL4_CPtr ep = alloc_slot(), frame = alloc_slot(), ep2 = alloc_slot();
    REQUIRE(small, "no 8 KiB untyped");
    /* an endpoint at offset 0, then a frame aligned up to 4096: the untyped is then full */
    REQUIRE_OK(seL4_Untyped_Retype(small, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, ep, 1));
    REQUIRE_OK(seL4_Untyped_Retype(small, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, frame, 1));
    CHECK_ERROR_MRS(seL4_Untyped_Retype(small, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, ep2, 1), seL4_NotEnoughMemory,
                    0);
    /* deleting one child does not lower the watermark */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, frame, ROOT_DEPTH));
    CHECK_ERROR_MRS(seL4_Untyped_Retype(small, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, ep2, 1), seL4_NotEnoughMemory,
                    0);
    /* deleting the last child resets it: two frames fit again */
    CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, ep, ROOT_DEPTH));
    CHECK_OK(seL4_Untyped_Retype(small, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, frame, 1));
    CHECK_OK(seL4_Untyped_Retype(small, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, ep, 1));

    /* RETYPE0002: sixteen pages fill a 64 KiB untyped, a 17th does not fit */
    seL4_CPtr u16 = alloc_object(seL4_UntypedObject, 16);
    seL4_CPtr pages = alloc_slot();
    for (int i = 1; i < 17; i++) {
        alloc_slot();
    }
    REQUIRE(u16, "no 64 KiB untyped");
    for (int i = 0; i < 16; i++) {
        CHECK_OK(seL4_Untyped_Retype(u16, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, pages + i, 1));
    }
    CHECK_ERROR(seL4_Untyped_Retype(u16, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, pages + 16, 1024 * 1024), seL4_RangeError);
    CHECK_ERROR(seL4_Untyped_Retype(u16, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, pages, 8), seL4_DeleteFirst);
    CHECK_ERROR_MRS(seL4_Untyped_Retype(u16, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, pages + 16, 1), seL4_NotEnoughMemory,
                    0);
    /* Revoke deletes every child, and the memory is then reusable */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, u16, ROOT_DEPTH));
    CHECK(cap_type(u16) == CAP_UNTYPED, "Revoke removed the untyped itself");
    for (int i = 0; i < 16; i++) {
        CHECK(slot_empty(pages + i), "page %d survived the Revoke of its untyped", i);
    }
    CHECK_OK(seL4_Untyped_Retype(u16, TEST_PAGE_4K, 0, ROOT_CNODE, 0, 0, pages, 16));
    CHECK(cap_type(pages + 15) == CAP_FRAME, "the 16th page after the revoke has cap type %d", cap_type(pages + 15));
    /* RETYPE0001: nothing bigger than the untyped fits, a CNode of exactly its size does */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, u16, ROOT_DEPTH));
    for (seL4_Word extra = 1; extra <= 20; extra++) {
        CHECK(seL4_Untyped_Retype(u16, seL4_CapTableObject, 16 - seL4_SlotBits + extra, ROOT_CNODE, 0, 0, pages, 1) !=
                  seL4_NoError,
              "a CNode of 2^%lu bytes fitted into a 64 KiB untyped", 16 + extra);
    }
    CHECK_OK(seL4_Untyped_Retype(u16, seL4_CapTableObject, 16 - seL4_SlotBits, ROOT_CNODE, 0, 0, pages, 1));
}

/* Untyped caps and the CDT (sel4-facts 2.2, issues 855/859): an untyped with children cannot
 * be copied (RevokeFirst); copying marks the source full; the copy retypes on its own. */
void test_untyped_copy_rules(void)
{
    seL4_CPtr u = alloc_object(seL4_UntypedObject, 14);
    seL4_CPtr copy = alloc_slot(), copy2 = alloc_slot(), obj = alloc_slot(), obj2 = alloc_slot();
    REQUIRE(u, "no untyped");
    /* a copy of a childless untyped works; the copy is now u's child */
    REQUIRE_OK(seL4_CNode_Copy(ROOT_CNODE, copy, ROOT_DEPTH, ROOT_CNODE, u, ROOT_DEPTH, seL4_AllRights));
    CHECK(cap_type(copy) == CAP_UNTYPED, "the copy has cap type %d", cap_type(copy));
    CHECK_ERROR(seL4_CNode_Copy(ROOT_CNODE, copy2, ROOT_DEPTH, ROOT_CNODE, u, ROOT_DEPTH, seL4_AllRights),
                seL4_RevokeFirst);
    /* u has a child (the copy) and was marked full: nothing can be retyped from it */
    CHECK_ERROR_MRS(seL4_Untyped_Retype(u, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, obj, 1), seL4_NotEnoughMemory,
                    0);
    /* the copy has no children: it starts from offset 0 */
    CHECK_OK(seL4_Untyped_Retype(copy, seL4_EndpointObject, 0, ROOT_CNODE, 0, 0, obj, 1));
    CHECK_ERROR(seL4_CNode_Copy(ROOT_CNODE, copy2, ROOT_DEPTH, ROOT_CNODE, copy, ROOT_DEPTH, seL4_AllRights),
                seL4_RevokeFirst);
    /* Revoke of u removes the copy and the object made from it */
    CHECK_OK(seL4_CNode_Revoke(ROOT_CNODE, u, ROOT_DEPTH));
    CHECK(slot_empty(copy) && slot_empty(obj), "Revoke left the copy (type %d) or its object (type %d)",
          cap_type(copy), cap_type(obj));
    /* u is childless again: the watermark resets */
    CHECK_OK(seL4_Untyped_Retype(u, seL4_CapTableObject, 14 - seL4_SlotBits, ROOT_CNODE, 0, 0, obj2, 1));
    /* Mint of an untyped ignores the badge and behaves like Copy (RevokeFirst now) */
    CHECK_ERROR(seL4_CNode_Mint(ROOT_CNODE, copy2, ROOT_DEPTH, ROOT_CNODE, u, ROOT_DEPTH, seL4_AllRights, 5),
                seL4_RevokeFirst);
}
