/* Unit tests of kernel/src/object/cnode.c: CNode invocations and the capability derivation
 * tree (sel4-facts 2.1-2.3, 9.3, 9.4): check order, badges and rights, CDT parent rules,
 * revoke, deletion of containers without recursion, preemption and restart. */
#include "core_fixture.h"
#include <kernel/thread.h>
#include <kernel/cspace.h>
#include <object/cnode.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>

static fixture_t *f;
static const cptr_t root = seL4_CapInitThreadCNode;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

static word_t retype(word_t type, word_t size, word_t offset, word_t count)
{
    word_t mrs[] = { type, size, 0, 0, offset, count };
    return fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1);
}

static word_t copy(word_t dest, word_t src, word_t rights)
{
    word_t mrs[] = { dest, 64, src, 64, rights };
    return fixture_invoke(f, root, CNodeCopy, mrs, 5, &root, 1);
}

static word_t mint(word_t dest, word_t src, word_t rights, word_t badge)
{
    word_t mrs[] = { dest, 64, src, 64, rights, badge };
    return fixture_invoke(f, root, CNodeMint, mrs, 6, &root, 1);
}

static word_t on_slot(word_t label, word_t slot)
{
    word_t mrs[] = { slot, 64 };
    return fixture_invoke(f, root, label, mrs, 2, NULL, 0);
}

static void destination_is_checked_before_source(void **state)
{
    (void)state;
    /* The source does not even resolve (depth 0), but the occupied destination wins. */
    word_t mrs[] = { seL4_CapInitThreadTCB, 64, 5, 0, seL4_AllRights.words[0] };
    assert_int_equal(fixture_invoke(f, root, CNodeCopy, mrs, 5, &root, 1), seL4_DeleteFirst);
    assert_int_equal(copy(100, 200, seL4_AllRights.words[0]), seL4_FailedLookup);
    assert_int_equal(fixture_reply_mr(f, 0), 1);  /* the source failed */
    assert_int_equal(fixture_reply_mr(f, 1), 2);  /* MissingCapability */
    assert_int_equal(fixture_reply_mr(f, 2), 64); /* bits left: the source depth */
    word_t short_msg[] = { 100, 64, 1 };
    assert_int_equal(fixture_invoke(f, root, CNodeCopy, short_msg, 3, &root, 1), seL4_TruncatedMessage);
}

static void copy_mint_and_badges(void **state)
{
    (void)state;
    retype(seL4_EndpointObject, 0, 100, 1);
    assert_int_equal(mint(101, 100, seL4_AllRights.words[0], 0xbeef), seL4_NoError);
    assert_int_equal(cap_get_capBadge(fixture_slot(f, 101)->cap), 0xbeef);
    assert_true(isMDBParentOf(fixture_slot(f, 100), fixture_slot(f, 101)));
    /* A badged cap cannot be badged again, even with badge 0 (sel4-facts 9.4); Copy works. */
    assert_int_equal(mint(102, 101, seL4_AllRights.words[0], 0), seL4_IllegalOperation);
    assert_int_equal(copy(102, 101, seL4_CanWrite.words[0]), seL4_NoError);
    assert_int_equal(cap_get_capRights(fixture_slot(f, 102)->cap), seL4_CanWrite.words[0]);
    assert_true(isMDBParentOf(fixture_slot(f, 101), fixture_slot(f, 102)));
    /* Revoking the unbadged original removes every badged cap below it. */
    assert_int_equal(on_slot(CNodeRevoke, 100), seL4_NoError);
    assert_true(cap_is_null(fixture_slot(f, 101)->cap));
    assert_true(cap_is_null(fixture_slot(f, 102)->cap));
    assert_int_equal(cap_get_capType(fixture_slot(f, 100)->cap), cap_endpoint_cap);
}

static void mutate_and_rotate_refuse_endpoints(void **state)
{
    (void)state;
    retype(seL4_EndpointObject, 0, 100, 1);
    word_t mutate[] = { 101, 64, 100, 64, 0 };
    assert_int_equal(fixture_invoke(f, root, CNodeMutate, mutate, 5, &root, 1), seL4_IllegalOperation);
    word_t move[] = { 101, 64, 100, 64 };
    assert_int_equal(fixture_invoke(f, root, CNodeMove, move, 4, &root, 1), seL4_NoError);
    assert_true(cap_is_null(fixture_slot(f, 100)->cap));
    assert_int_equal(cap_get_capType(fixture_slot(f, 101)->cap), cap_endpoint_cap);
}

static void rotate_with_same_source_and_destination_swaps(void **state)
{
    (void)state;
    retype(seL4_CapTableObject, 1, 100, 2);
    paddr_t a = cap_get_capPaddr(fixture_slot(f, 100)->cap), b = cap_get_capPaddr(fixture_slot(f, 101)->cap);
    word_t mrs[] = { 100, 64, 0, 101, 64, 0, 100, 64 };
    cptr_t caps[] = { root, root };
    assert_int_equal(fixture_invoke(f, root, CNodeRotate, mrs, 8, caps, 2), seL4_NoError);
    assert_int_equal(cap_get_capPaddr(fixture_slot(f, 100)->cap), b);
    assert_int_equal(cap_get_capPaddr(fixture_slot(f, 101)->cap), a);
    assert_true(isMDBParentOf(fixture_slot(f, FIXTURE_UNTYPED_SLOT), fixture_slot(f, 100)));
    word_t pivot_is_src[] = { 102, 64, 0, 100, 64, 0, 100, 64 };
    assert_int_equal(fixture_invoke(f, root, CNodeRotate, pivot_is_src, 8, caps, 2), seL4_IllegalOperation);
}

static void mint_of_a_cnode_sets_its_guard(void **state)
{
    (void)state;
    retype(seL4_CapTableObject, 4, 100, 1);
    word_t data = seL4_CNode_CapData_new(5, 3).words[0];
    assert_int_equal(mint(101, 100, seL4_AllRights.words[0], data), seL4_NoError);
    assert_int_equal(cap_cnode_cap_get_capCNodeGuardSize(fixture_slot(f, 101)->cap), 3);
    assert_int_equal(cap_cnode_cap_get_capCNodeGuard(fixture_slot(f, 101)->cap), 5);
    word_t too_big = seL4_CNode_CapData_new(0, 61).words[0]; /* 61 + radix 4 > 64 */
    assert_int_equal(mint(102, 100, seL4_AllRights.words[0], too_big), seL4_IllegalOperation);
}

static void save_caller_and_cancel_badged_sends_checks(void **state)
{
    (void)state;
    assert_int_equal(on_slot(CNodeSaveCaller, seL4_CapInitThreadTCB), seL4_DeleteFirst);
    assert_int_equal(on_slot(CNodeSaveCaller, 100), seL4_NoError); /* nothing to save */
    assert_int_equal(on_slot(CNodeCancelBadgedSends, seL4_CapInitThreadTCB), seL4_IllegalOperation);
    retype(seL4_EndpointObject, 0, 100, 1);
    assert_int_equal(on_slot(CNodeCancelBadgedSends, 100), seL4_NoError);
}

static void deleting_the_last_cap_of_a_cnode_empties_it(void **state)
{
    (void)state;
    retype(seL4_CapTableObject, 2, 100, 1);
    retype(seL4_TCBObject, 0, 101, 1);
    tcb_t *t = tcb_from_cap(fixture_slot(f, 101)->cap);
    cte_t *inner = cnode_slots(fixture_slot(f, 100)->cap);
    word_t move[] = { 2, 2, 101, 64 };
    assert_int_equal(fixture_invoke(f, 100, CNodeMove, move, 4, &root, 1), seL4_NoError);
    assert_int_equal(cap_get_capType(inner[2].cap), cap_thread_cap);
    t->state = ThreadState_Restart;
    tcbSchedEnqueue(t);
    assert_int_equal(on_slot(CNodeDelete, 100), seL4_NoError);
    assert_true(cap_is_null(inner[2].cap));
    assert_int_equal(t->state, ThreadState_Inactive); /* the TCB's last cap went: suspended */
    assert_false(tcbIsQueued(t));
}

/* A chain of n radix-1 CNodes, each holding the only cap to the next in slot 1. */
static cte_t *make_chain(word_t n)
{
    assert_int_equal(retype(seL4_CapTableObject, 1, 100, 1), seL4_NoError);
    cte_t *prev = fixture_slot(f, 100);
    for (word_t i = 1; i < n; i++) {
        /* Create the next CNode into slot 101, then move it into the previous one's slot 1. */
        assert_int_equal(retype(seL4_CapTableObject, 1, 101, 1), seL4_NoError);
        cte_t *next_slot = &cnode_slots(prev->cap)[1];
        cteMove(fixture_slot(f, 101)->cap, fixture_slot(f, 101), next_slot);
        prev = next_slot;
    }
    return prev;
}

static void deep_cnode_chains_are_deleted_iteratively(void **state)
{
    (void)state;
    cte_t *deepest = make_chain(2000);
    assert_int_equal(on_slot(CNodeDelete, 100), seL4_NoError);
    assert_true(cap_is_null(fixture_slot(f, 100)->cap));
    assert_true(cap_is_null(deepest->cap));
    /* Everything is gone: the untyped has no children and resets. */
    assert_int_equal(ensureNoChildren(fixture_slot(f, FIXTURE_UNTYPED_SLOT)), EXCEPTION_NONE);
}

static void a_cnode_holding_its_own_cap_goes_with_revoke(void **state)
{
    (void)state;
    retype(seL4_CapTableObject, 2, 100, 1);
    cte_t *inner = cnode_slots(fixture_slot(f, 100)->cap);
    cteMove(fixture_slot(f, 100)->cap, fixture_slot(f, 100), &inner[3]);
    assert_int_equal(on_slot(CNodeRevoke, FIXTURE_UNTYPED_SLOT), seL4_NoError);
    assert_true(cap_is_null(inner[3].cap));
    assert_int_equal(ensureNoChildren(fixture_slot(f, FIXTURE_UNTYPED_SLOT)), EXCEPTION_NONE);
}

static void a_preempted_revoke_restarts_and_completes(void **state)
{
    (void)state;
    /* Retype inserts each child right after the untyped: revoke deletes slot 349 first, 100 last. */
    retype(seL4_EndpointObject, 0, 100, 250);
    host_irq_pending = true;
    word_t mrs[] = { FIXTURE_UNTYPED_SLOT, 64 };
    setRegister(f->thread, REG_FAULT_IP, 0x400000); /* the syscall instruction */
    setRegister(f->thread, REG_RIP, 0x400002);
    fixture_invoke(f, root, CNodeRevoke, mrs, 2, NULL, 0);
    assert_int_equal(getRegister(f->thread, REG_RIP), 0x400000); /* re-executes the syscall */
    assert_false(cap_is_null(fixture_slot(f, 100)->cap));
    host_irq_pending = false;
    assert_int_equal(fixture_invoke(f, root, CNodeRevoke, mrs, 2, NULL, 0), seL4_NoError);
    assert_true(cap_is_null(fixture_slot(f, 100)->cap));
    assert_int_equal(f->thread->state, ThreadState_Running);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(destination_is_checked_before_source),
        T(copy_mint_and_badges),
        T(mutate_and_rotate_refuse_endpoints),
        T(rotate_with_same_source_and_destination_swaps),
        T(mint_of_a_cnode_sets_its_guard),
        T(save_caller_and_cancel_badged_sends_checks),
        T(deleting_the_last_cap_of_a_cnode_empties_it),
        T(deep_cnode_chains_are_deleted_iteratively),
        T(a_cnode_holding_its_own_cap_goes_with_revoke),
        T(a_preempted_revoke_restarts_and_completes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
