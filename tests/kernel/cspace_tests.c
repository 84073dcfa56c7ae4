/*
 * CSpace resolution through 64 levels (sel4-facts 2.1, sel4test CSPACE0001): 64 CNodes of
 * radix 1, each holding the next in one of its two slots, resolve a 64-bit CPtr one bit per
 * level. Checked from the root task with CNode operations of depth 64 rooted at the first
 * CNode, and from a thread whose CSpace is that chain (invocation lookups).
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

#define LEVELS 64

/* The slot level k uses for the next level (alternating). */
static seL4_Word level_bit(int k)
{
    return (seL4_Word)(k & 1);
}

/* Builds the chain; returns the CPtr of the last level's used slot, or 0. */
static seL4_Word build_chain(seL4_CPtr *cnode)
{
    seL4_Word pos = 0;
    for (int k = 0; k < LEVELS; k++) {
        cnode[k] = alloc_object(seL4_CapTableObject, 1);
        if (cnode[k] == 0) {
            return 0;
        }
    }
    for (int k = 0; k < LEVELS - 1; k++) {
        if (!CHECK_OK(seL4_CNode_Copy(cnode[k], level_bit(k), 1, ROOT_CNODE, cnode[k + 1], ROOT_DEPTH,
                                      seL4_AllRights))) {
            return 0;
        }
    }
    for (int k = 0; k < LEVELS; k++) {
        pos |= level_bit(k) << (LEVELS - 1 - k);
    }
    return pos;
}

/* The chain thread (CSpace = the chain): every small CPtr and every one-bit change of pos is an
 * empty slot (InvalidCapability); pos itself is its own TCB. Records mismatches in t->value. */
static void chain_fn(struct test_thread *t)
{
    seL4_Word pos = t->arg[0];
    for (seL4_Word i = 0; i < 2 * LEVELS; i++) {
        seL4_Word cptr = i < LEVELS ? i : pos ^ (1ul << (i - LEVELS));
        seL4_MessageInfo_t reply = seL4_Call(cptr, seL4_MessageInfo_new(0, 0, 0, 0));
        seL4_Word label = seL4_MessageInfo_get_label(reply);
        if (label != seL4_InvalidCapability && t->value == 0) {
            t->arg[1] = cptr;
            t->arg[2] = label;
        }
        t->value += label != seL4_InvalidCapability;
    }
    t->counter = seL4_DebugCapIdentify(pos);
    t->self = pos; /* the trampoline suspends us through the 64-level lookup */
}

void test_cspace_64_levels(void)
{
    seL4_CPtr cnode[LEVELS];
    seL4_Word pos = build_chain(cnode);
    REQUIRE(pos != 0, "could not build the chain of CNodes");
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), out = alloc_slot();
    REQUIRE(ep, "no endpoint");
    /* a CNode operation resolving all 64 levels puts the cap into the last CNode's slot 1 */
    REQUIRE_OK(seL4_CNode_Copy(cnode[0], pos, 64, ROOT_CNODE, ep, ROOT_DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Move(ROOT_CNODE, out, ROOT_DEPTH, cnode[LEVELS - 1], level_bit(LEVELS - 1), 1));
    CHECK(cap_type(out) == CAP_ENDPOINT, "the last level's slot holds cap type %d", cap_type(out));
    CHECK_OK(seL4_CNode_Move(cnode[0], pos, 64, ROOT_CNODE, out, ROOT_DEPTH));
    /* one changed bit leaves the chain at level 63 - i at an empty slot with i bits left */
    for (int i = 0; i < LEVELS; i++) {
        seL4_CPtr tmp = alloc_slot();
        if (i == 0) {
            CHECK_ERROR_MRS(seL4_CNode_Copy(ROOT_CNODE, tmp, ROOT_DEPTH, cnode[0], pos ^ 1, 64, seL4_AllRights),
                            seL4_FailedLookup, 1, seL4_MissingCapability, 64);
        } else {
            CHECK_ERROR_MRS(seL4_CNode_Copy(ROOT_CNODE, tmp, ROOT_DEPTH, cnode[0], pos ^ (1ul << i), 64,
                                            seL4_AllRights),
                            seL4_FailedLookup, 1, seL4_DepthMismatch, (seL4_Word)i, 0);
        }
    }
    CHECK_OK(seL4_CNode_Delete(cnode[0], pos, 64));

    /* a thread whose CSpace is the chain, with its own TCB cap at pos */
    struct test_thread *t = thread_create(chain_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = pos;
    REQUIRE_OK(seL4_CNode_Copy(cnode[0], pos, 64, ROOT_CNODE, t->tcb, ROOT_DEPTH, seL4_AllRights));
    REQUIRE_OK(seL4_TCB_SetSpace(t->tcb, 0, cnode[0], 0, seL4_CapInitThreadVSpace, 0));
    REQUIRE(thread_start(t), "thread did not start");
    REQUIRE(wait_done(&t, 1, 50, 3000), "the thread in the 64-level CSpace did not finish (started %lu)", t->started);
    CHECK(t->value == 0, "%lu lookups in the 64-level CSpace did not give InvalidCapability; first: CPtr 0x%lx gave %s",
          t->value, t->arg[1], test_error_name(t->arg[2]));
    CHECK(t->counter == CAP_THREAD, "DebugCapIdentify of the 64-level CPtr in the thread gave %lu", t->counter);
    /* it suspended itself through pos: it no longer runs */
    seL4_UserContext regs;
    CHECK_OK(seL4_TCB_ReadRegisters(t->tcb, 0, 0, 1, &regs));
}
