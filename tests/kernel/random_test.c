/*
 * The randomised test: a thread whose whole CSpace is a sandbox CNode (64 slots, guard 58, so
 * CPtrs 0..63 name its slots and always resolve) issues thousands of invocations with random
 * labels and random small or edge-case arguments on the sandbox's caps: a child untyped, CNode
 * caps (the sandbox itself, another CNode), endpoints and notifications (only as arguments:
 * invoking them would be IPC), TCBs that are never resumed, frames and the domain cap. Nothing
 * of the root task's CSpace is reachable from the sandbox. Any error code is acceptable; the
 * test passes when every call returns (the kernel stays up; the debug kernel checks its
 * invariants after each syscall) and, afterwards, the sandbox is revoked and the root task
 * still retypes and deletes normally. The seed is fixed (RANDOM_SEED) and printed.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"

#include <sel4/sel4.h>

#ifndef RANDOM_SEED
#define RANDOM_SEED 0x5eed2026cafef00dul
#endif
#define RANDOM_CALLS 6000
#define SB_BITS 6
#define SB_SLOTS (1u << SB_BITS)

static uint64_t rng_state;

/* xorshift64* */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static seL4_Word rnd_below(seL4_Word n)
{
    return rnd() % n;
}

/* A word argument: small numbers, edge values, or anything. */
static seL4_Word rnd_word(void)
{
    static const seL4_Word edges[] = {0, 1, 2, 3, 4, 5, 6, 11, 12, 16, 20, 21, 31, 32, 47, 48, 52, 58, 60, 61,
                                      62, 63, 64, 65, 100, 127, 128, 254, 255, 256, 257, 1023, 1024, 4095,
                                      4096, 0x400000, 1ul << 31, 1ul << 47, ~0ul, ~0ul - 1};
    switch (rnd_below(4)) {
    case 0:
        return rnd_below(70);
    case 1:
    case 2:
        return edges[rnd_below(sizeof(edges) / sizeof(edges[0]))];
    default:
        return rnd();
    }
}

static seL4_CPtr rnd_slot(void)
{
    return rnd_below(SB_SLOTS);
}

/* A depth: mostly 64 (what the sandbox's CNode caps resolve), else an edge value. */
static seL4_Word rnd_depth(void)
{
    static const seL4_Word depths[] = {0, 1, 2, 4, 6, 8, 58, 60, 62, 63, 65, 255};
    return rnd_below(2) ? 64 : depths[rnd_below(sizeof(depths) / sizeof(depths[0]))];
}

/* An index for a CNode operation: a sandbox slot (most often) or any word. */
static seL4_Word rnd_index(void)
{
    return rnd_below(4) ? rnd_slot() : rnd_word();
}

static seL4_CapRights_t rnd_rights(void)
{
    return (seL4_CapRights_t){{rnd_below(16)}};
}

static seL4_Word rnd_capdata(void)
{
    return rnd_below(2) ? seL4_CNode_CapData_new(rnd_below(4), rnd_below(64)).words[0] : rnd_word();
}

static volatile seL4_Word error_counts[seL4_NumErrors + 1];

/* The first case of random_call's switch for each family of invocations, and its size. */
enum { UNTYPED_CASES = 0, TCB_CASES = 2, CNODE_CASES = 13, OTHER_CASES = 21, N_CASES = 22 };

/* Mostly an invocation of the cap's own object type (so that many succeed and change state),
 * sometimes any label. */
static seL4_Word pick_case(int type)
{
    if (rnd_below(10) < 3) {
        return rnd_below(N_CASES);
    }
    switch (type) {
    case CAP_UNTYPED:
        return UNTYPED_CASES + rnd_below(TCB_CASES - UNTYPED_CASES);
    case CAP_THREAD:
        return TCB_CASES + rnd_below(CNODE_CASES - TCB_CASES);
    case CAP_CNODE:
        return rnd_below(9) == 0 ? OTHER_CASES : CNODE_CASES + rnd_below(OTHER_CASES - CNODE_CASES);
    case CAP_DOMAIN:
        return OTHER_CASES + 1;
    default:
        return rnd_below(N_CASES);
    }
}

/* One random invocation of cap `s` (of cap type `type`). Resume and the resume_target flags
 * are never used: the sandbox's TCBs must not run. */
static seL4_Error random_call(seL4_CPtr s, int type)
{
    seL4_UserContext regs;
    seL4_Word *w = (seL4_Word *)&regs;
    switch (pick_case(type)) {
    case 0:
    case 1:
        return seL4_Untyped_Retype(s, rnd_below(seL4_ObjectTypeCount + 2), rnd_below(3) ? rnd_below(14) : rnd_word(),
                                   rnd_slot(), rnd_index(), rnd_below(2) ? 0 : rnd_depth(), rnd_index(),
                                   rnd_below(3) ? 1 + rnd_below(4) : rnd_word());
    case 2:
        return seL4_TCB_ReadRegisters(s, rnd_below(2), 0, rnd_below(3) ? 1 + rnd_below(20) : rnd_word(), &regs);
    case 3:
        for (unsigned i = 0; i < sizeof(regs) / sizeof(seL4_Word); i++) {
            w[i] = rnd_word();
        }
        return seL4_TCB_WriteRegisters(s, 0, 0, rnd_below(3) ? 1 + rnd_below(20) : rnd_word(), &regs);
    case 4:
        return seL4_TCB_CopyRegisters(s, rnd_slot(), rnd_below(2), 0, rnd_below(2), rnd_below(2), 0);
    case 5:
        return seL4_TCB_Configure(s, rnd_word(), rnd_slot(), rnd_below(2) ? 0 : rnd_capdata(), rnd_slot(), 0,
                                  rnd_below(2) ? 0 : rnd_word() & ~0x3fful, rnd_slot());
    case 6:
        return seL4_TCB_SetPriority(s, rnd_slot(), rnd_below(2) ? 0 : rnd_word());
    case 7:
        return seL4_TCB_SetMCPriority(s, rnd_slot(), rnd_below(2) ? 0 : rnd_word());
    case 8:
        return seL4_TCB_SetSchedParams(s, rnd_slot(), rnd_below(2) ? 0 : rnd_word(), rnd_below(2) ? 0 : rnd_word());
    case 9:
        return seL4_TCB_SetIPCBuffer(s, rnd_below(2) ? rnd_word() & ~0x3fful : rnd_word(), rnd_slot());
    case 10:
        return seL4_TCB_SetSpace(s, rnd_word(), rnd_slot(), rnd_below(2) ? 0 : rnd_capdata(), rnd_slot(), 0);
    case 11:
        return seL4_TCB_Suspend(s);
    case 12:
        return seL4_TCB_SetTLSBase(s, rnd_word());
    case 13:
        return seL4_CNode_Revoke(s, rnd_index(), rnd_depth());
    case 14:
        return seL4_CNode_Delete(s, rnd_index(), rnd_depth());
    case 15:
        return seL4_CNode_CancelBadgedSends(s, rnd_index(), rnd_depth());
    case 16:
        return seL4_CNode_Copy(s, rnd_index(), rnd_depth(), rnd_slot(), rnd_index(), rnd_depth(), rnd_rights());
    case 17:
        return seL4_CNode_Mint(s, rnd_index(), rnd_depth(), rnd_slot(), rnd_index(), rnd_depth(), rnd_rights(),
                               rnd_below(2) ? rnd_capdata() : rnd_word());
    case 18:
        return seL4_CNode_Move(s, rnd_index(), rnd_depth(), rnd_slot(), rnd_index(), rnd_depth());
    case 19:
        return seL4_CNode_Mutate(s, rnd_index(), rnd_depth(), rnd_slot(), rnd_index(), rnd_depth(), rnd_capdata());
    case 20:
        return seL4_CNode_Rotate(s, rnd_index(), rnd_depth(), rnd_capdata(), rnd_slot(), rnd_index(), rnd_depth(),
                                 rnd_capdata(), rnd_slot(), rnd_index(), rnd_depth());
    case 21:
        if (rnd_below(2) || type == CAP_CNODE) {
            return seL4_CNode_SaveCaller(s, rnd_index(), rnd_depth());
        }
        return seL4_DomainSet_Set(s, (seL4_Uint8)rnd_below(3), rnd_slot());
    default:
        return seL4_DomainSet_Set(s, (seL4_Uint8)rnd_below(3), rnd_slot());
    }
}

/* The sandbox thread: RANDOM_CALLS invocations, yielding every 16 so that the root task (at the
 * same priority) can watch the deadline. Endpoint and notification caps are not invoked. */
static void random_fn(struct test_thread *t)
{
    rng_state = t->arg[0];
    for (seL4_Word i = 0; i < RANDOM_CALLS; i++) {
        /* a few tries to find a cap to invoke; an empty slot now and then is fine too */
        seL4_CPtr s = rnd_slot();
        int type = (int)seL4_DebugCapIdentify(s);
        for (int tries = 0; tries < 6 && (type == CAP_NULL || type == CAP_ENDPOINT || type == CAP_NOTIFICATION);
             tries++) {
            s = rnd_slot();
            type = (int)seL4_DebugCapIdentify(s);
        }
        if (type == CAP_ENDPOINT || type == CAP_NOTIFICATION || type == CAP_REPLY) {
            t->value = t->value + 1; /* skipped */
        } else {
            seL4_Error err = random_call(s, type);
            error_counts[err < seL4_NumErrors ? err : seL4_NumErrors]++;
        }
        t->counter = i + 1;
        if ((i & 15) == 15) {
            seL4_Yield();
        }
    }
}

/* Fills the sandbox CNode (root slot sb, radix 6, no guard) through root-task CNode operations
 * and retypes; returns false after recording a failure. */
static bool fill_sandbox(seL4_CPtr sb, seL4_CPtr sb_guarded)
{
    seL4_CPtr R = ROOT_CNODE;
    seL4_Word slot = 1;
    /* a copy of the sandbox CNode cap itself (the guarded one, so CPtrs work through it) */
    if (!CHECK_OK(seL4_CNode_Copy(sb, slot++, SB_BITS, R, sb_guarded, ROOT_DEPTH, seL4_AllRights)) ||
        !CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_UntypedObject, 16, R, sb, ROOT_DEPTH, slot++, 1)) ||
        !CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_EndpointObject, 0, R, sb, ROOT_DEPTH, slot, 2)) ||
        !CHECK_OK(seL4_CNode_Mint(sb, slot + 2, SB_BITS, sb, slot, SB_BITS, seL4_AllRights, 0x42))) {
        return false;
    }
    slot += 3;
    if (!CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_NotificationObject, 0, R, sb, ROOT_DEPTH, slot, 2)) ||
        !CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_TCBObject, 0, R, sb, ROOT_DEPTH, slot + 2, 2)) ||
        !CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_CapTableObject, 2, R, sb, ROOT_DEPTH, slot + 4, 1)) ||
        !CHECK_OK(seL4_Untyped_Retype(test_untyped, TEST_PAGE_4K, 0, R, sb, ROOT_DEPTH, slot + 5, 2)) ||
        !CHECK_OK(seL4_CNode_Copy(sb, slot + 7, SB_BITS, R, seL4_CapDomain, ROOT_DEPTH, seL4_AllRights))) {
        return false;
    }
    /* copies of some of them, so that there is more to delete and revoke (not of the untyped:
     * copying it would mark it full) */
    seL4_Word first = slot + 8;
    for (seL4_Word i = 0; i < 8; i++) {
        seL4_Word src = 1 + (i * 5) % (slot + 7);
        if (!CHECK_OK(seL4_CNode_Copy(sb, first + i, SB_BITS, sb, src, SB_BITS, seL4_AllRights))) {
            return false;
        }
    }
    return true;
}

void test_random_invocations(void)
{
    seL4_CPtr R = ROOT_CNODE;
    seL4_CPtr sb = alloc_object(seL4_CapTableObject, SB_BITS), sb_guarded = alloc_slot();
    REQUIRE(sb, "no sandbox CNode");
    REQUIRE_OK(seL4_CNode_Mint(R, sb_guarded, ROOT_DEPTH, R, sb, ROOT_DEPTH, seL4_AllRights,
                               seL4_CNode_CapData_new(0, 64 - SB_BITS).words[0]));
    if (!fill_sandbox(sb, sb_guarded)) {
        return;
    }
    for (int i = 0; i <= seL4_NumErrors; i++) {
        error_counts[i] = 0;
    }
    struct test_thread *t = thread_create(random_fn, 100);
    REQUIRE(t, "no thread");
    t->arg[0] = RANDOM_SEED;
    t->self = 0; /* its CSpace holds no cap to itself: the root task stops it */
    REQUIRE_OK(seL4_TCB_SetSpace(t->tcb, 0, sb_guarded, 0, seL4_CapInitThreadVSpace, 0));
    test_info("seed 0x%lx, %d invocations in a %u-slot sandbox", (seL4_Word)RANDOM_SEED, RANDOM_CALLS, SB_SLOTS);
    REQUIRE(thread_start(t), "Resume failed");
    bool finished = wait_done(&t, 1, 100, 60000);
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    REQUIRE(finished, "the sandbox thread did not finish: %lu of %d invocations done (started %lu)", t->counter,
            RANDOM_CALLS, t->started);
    test_info("%lu calls skipped (IPC caps); errors: none %lu, InvalidArgument %lu, InvalidCapability %lu, "
              "IllegalOperation %lu, RangeError %lu, AlignmentError %lu, FailedLookup %lu, TruncatedMessage %lu, "
              "DeleteFirst %lu, RevokeFirst %lu, NotEnoughMemory %lu, other %lu",
              t->value, error_counts[0], error_counts[1], error_counts[2], error_counts[3], error_counts[4],
              error_counts[5], error_counts[6], error_counts[7], error_counts[8], error_counts[9], error_counts[10],
              error_counts[11]);
    CHECK(error_counts[seL4_NumErrors] == 0, "%lu invocations returned a label that is no seL4_Error",
          error_counts[seL4_NumErrors]);
    /* tear the sandbox down, then the root task must still work normally */
    CHECK_OK(seL4_CNode_Revoke(R, sb, ROOT_DEPTH));
    CHECK(slot_empty(sb_guarded), "Revoke of the sandbox CNode left its minted copy");
    CHECK_OK(seL4_CNode_Delete(R, sb, ROOT_DEPTH));
    CHECK_OK(seL4_CNode_Delete(R, t->tcb, ROOT_DEPTH));
    CHECK_OK(seL4_CNode_Revoke(R, test_untyped, ROOT_DEPTH));
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0), ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr cn = alloc_object(seL4_CapTableObject, 4);
    REQUIRE(tcb && ep && cn, "the root task cannot retype after the random test");
    CHECK_OK(seL4_CNode_Copy(cn, 0, 4, R, ep, ROOT_DEPTH, seL4_AllRights));
    CHECK_OK(seL4_CNode_Delete(R, cn, ROOT_DEPTH));
    CHECK_OK(seL4_CNode_Delete(R, ep, ROOT_DEPTH));
    CHECK_OK(seL4_CNode_Delete(R, tcb, ROOT_DEPTH));
    /* the whole test untyped is free again */
    CHECK_OK(seL4_Untyped_Retype(test_untyped, seL4_UntypedObject, TEST_UNTYPED_BITS, R, 0, 0, alloc_slot(), 1));
}
