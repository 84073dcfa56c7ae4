/*
 * seL4_DebugCapDescribe (this kernel's own debug syscall, docs/deviations.md): the cap in a
 * CNode slot and in TCB slots, read in place, with each object's physical address checked
 * against an independent source (a frame's Page_GetAddress; the first object retyped from an
 * untyped lies at the untyped's address); an empty slot; a container that is no CNode or TCB;
 * an index past the container's slots.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

#define R ROOT_CNODE

/* The physical address of the object behind a root CNode slot, or 0 (failure recorded). */
static seL4_Word paddr_of(seL4_CPtr slot)
{
    seL4_DebugCapInfo info;
    if (!CHECK_OK(seL4_DebugCapDescribe(R, slot, &info))) {
        return 0;
    }
    return info.object;
}

/* A frame cap with Read only and a badged endpoint cap with Read and Grant in a CNode. */
static void describe_cnode_slots(seL4_CPtr cnode, seL4_CPtr ep, seL4_CPtr frame)
{
    test_page_address_t frame_addr = test_page_get_address(frame);
    CHECK_OK(frame_addr.error);
    CHECK_OK(seL4_CNode_Mint(cnode, 3, 4, R, ep, seL4_WordBits, seL4_CapRights_new(0, 1, 1, 0), 0x55));
    CHECK_OK(seL4_CNode_Copy(cnode, 7, 4, R, frame, seL4_WordBits, seL4_CanRead));
    seL4_DebugCapInfo info;
    if (CHECK_OK(seL4_DebugCapDescribe(cnode, 3, &info))) {
        CHECK_EQ(info.type, CAP_ENDPOINT);
        CHECK_EQ(info.object, paddr_of(ep));
        CHECK_EQ(info.rights, seL4_CapRights_new(0, 1, 1, 0).words[0]);
        CHECK_EQ(info.badge, 0x55);
    }
    if (CHECK_OK(seL4_DebugCapDescribe(cnode, 7, &info))) {
        CHECK_EQ(info.type, CAP_FRAME);
        CHECK_EQ(info.object, frame_addr.paddr);
        CHECK_EQ(info.rights, seL4_CanRead.words[0]);
        CHECK_EQ(info.badge, 0);
    }
    /* an empty slot: no error, everything 0 */
    info = (seL4_DebugCapInfo){ 1, 1, 1, 1 };
    if (CHECK_OK(seL4_DebugCapDescribe(cnode, 5, &info))) {
        CHECK(info.type == 0 && info.object == 0 && info.rights == 0 && info.badge == 0,
              "empty slot: type %lu object 0x%lx rights %lu badge %lu", info.type, info.object, info.rights,
              info.badge);
    }
}

/* Slots 0 (CSpace root), 1 (VSpace root) and 4 (IPC buffer frame) of a configured TCB. */
static void describe_tcb_slots(seL4_CPtr tcb, seL4_CPtr cnode, seL4_CPtr buffer)
{
    test_page_address_t buffer_addr = test_page_get_address(buffer);
    CHECK_OK(buffer_addr.error);
    CHECK_OK(seL4_TCB_Configure(tcb, 0, cnode, 0, seL4_CapInitThreadVSpace, 0, 0x10000000, buffer));
    seL4_DebugCapInfo info;
    if (CHECK_OK(seL4_DebugCapDescribe(tcb, 0, &info))) {
        CHECK_EQ(info.type, CAP_CNODE);
        CHECK_EQ(info.object, paddr_of(cnode));
    }
    if (CHECK_OK(seL4_DebugCapDescribe(tcb, 1, &info))) {
        CHECK_EQ(info.type, CAP_PML4);
        CHECK_EQ(info.object, paddr_of(seL4_CapInitThreadVSpace));
    }
    if (CHECK_OK(seL4_DebugCapDescribe(tcb, 4, &info))) {
        CHECK_EQ(info.type, CAP_FRAME);
        CHECK_EQ(info.object, buffer_addr.paddr);
        CHECK_EQ(info.rights, seL4_ReadWrite.words[0]);
    }
    if (CHECK_OK(seL4_DebugCapDescribe(tcb, 2, &info))) { /* no reply cap yet */
        CHECK_EQ(info.type, CAP_NULL);
    }
}

static void describe_errors(seL4_CPtr cnode, seL4_CPtr tcb, seL4_CPtr ep)
{
    seL4_DebugCapInfo info;
    CHECK_ERROR(seL4_DebugCapDescribe(ep, 0, &info), seL4_InvalidCapability);
    CHECK_ERROR(seL4_DebugCapDescribe(alloc_slot(), 0, &info), seL4_InvalidCapability);
    CHECK_ERROR(seL4_DebugCapDescribe(1ul << 40, 0, &info), seL4_InvalidCapability);
    CHECK_ERROR(seL4_DebugCapDescribe(cnode, 16, &info), seL4_RangeError);
    CHECK_EQ(info.object, 16);
    CHECK_ERROR(seL4_DebugCapDescribe(tcb, 5, &info), seL4_RangeError);
    CHECK_EQ(info.object, 5);
    CHECK_ERROR(seL4_DebugCapDescribe(tcb, ~0ul, &info), seL4_RangeError);
}

void test_debug_cap_describe(void)
{
    /* the endpoint first: it lies at the start of the test's fresh untyped */
    seL4_Word untyped_paddr = paddr_of(test_untyped);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    REQUIRE(ep, "no endpoint");
    CHECK_EQ(paddr_of(ep), untyped_paddr);
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 4), tcb = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr frame = alloc_object(TEST_PAGE_4K, 0), buffer = alloc_object(TEST_PAGE_4K, 0);
    REQUIRE(cnode && tcb && frame && buffer, "no objects");
    seL4_DebugCapInfo info;
    if (CHECK_OK(seL4_DebugCapDescribe(R, seL4_CapInitThreadTCB, &info))) {
        CHECK_EQ(info.type, CAP_THREAD);
    }
    describe_cnode_slots(cnode, ep, frame);
    describe_tcb_slots(tcb, cnode, buffer);
    describe_errors(cnode, tcb, ep);
}
