/* Unit tests of kernel/src/object/untyped.c: Untyped_Retype's checks in seL4's order, the
 * watermark and its reset, device untypeds (sel4-facts 2.4). */
#include "core_fixture.h"
#include <kernel/thread.h>
#include <object/cnode.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>

static fixture_t *f;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

/* Retype `count` objects into root slots offset.. (depth 0: the root CNode itself). */
static word_t retype(cptr_t untyped, word_t type, word_t size, word_t offset, word_t count)
{
    word_t mrs[] = { type, size, 0, 0, offset, count };
    cptr_t root = seL4_CapInitThreadCNode;
    return fixture_invoke(f, untyped, UntypedRetype, mrs, 6, &root, 1);
}

static void creates_objects_as_cdt_children(void **state)
{
    (void)state;
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 4), seL4_NoError);
    for (word_t i = 0; i < 4; i++) {
        cte_t *s = fixture_slot(f, 100 + i);
        assert_int_equal(cap_get_capType(s->cap), cap_endpoint_cap);
        assert_int_equal(cap_get_capPaddr(s->cap), FIXTURE_UNTYPED_PADDR + 16 * i);
        assert_true(isMDBParentOf(fixture_slot(f, FIXTURE_UNTYPED_SLOT), s));
    }
    assert_int_equal(cap_untyped_cap_get_capFreeIndex(fixture_slot(f, FIXTURE_UNTYPED_SLOT)->cap), 64);
    /* Each object is aligned to its own size: a TCB goes to the next 2 KiB boundary. */
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_TCBObject, 0, 110, 1), seL4_NoError);
    assert_int_equal(cap_get_capPaddr(fixture_slot(f, 110)->cap), FIXTURE_UNTYPED_PADDR + 2048);
    assert_int_equal(((tcb_t *)paddr_to_pptr(FIXTURE_UNTYPED_PADDR + 2048))->state, ThreadState_Inactive);
}

static void argument_errors_in_order(void **state)
{
    (void)state;
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, 99, 0, 100, 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_UntypedObject, 48, 100, 1), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    assert_int_equal(fixture_reply_mr(f, 1), 47);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_CapTableObject, 0, 100, 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 1);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_UntypedObject, 3, 100, 1), seL4_InvalidArgument);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 4096, 1), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 1), 4095);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 257), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 0), 1);
    assert_int_equal(fixture_reply_mr(f, 1), 256);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 4090, 7), seL4_RangeError);
    assert_int_equal(fixture_reply_mr(f, 1), 6);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, seL4_CapInitThreadTCB, 1), seL4_DeleteFirst);
}

static void not_enough_memory_reports_bytes_left(void **state)
{
    (void)state;
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_UntypedObject, 19, 100, 1), seL4_NoError);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_UntypedObject, 19, 101, 2), seL4_NotEnoughMemory);
    assert_int_equal(fixture_reply_mr(f, 0), 1u << 19);
    assert_true(cap_is_null(fixture_slot(f, 101)->cap));
}

static void watermark_resets_only_without_children(void **state)
{
    (void)state;
    word_t mrs[] = { 100, 64 };
    retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 2);
    fixture_invoke(f, seL4_CapInitThreadCNode, CNodeDelete, mrs, 2, NULL, 0);
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 1), seL4_NoError);
    assert_int_equal(cap_get_capPaddr(fixture_slot(f, 100)->cap), FIXTURE_UNTYPED_PADDR + 32); /* continues */
    word_t revoke[] = { FIXTURE_UNTYPED_SLOT, 64 };
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadCNode, CNodeRevoke, revoke, 2, NULL, 0), seL4_NoError);
    assert_true(cap_is_null(fixture_slot(f, 100)->cap));
    assert_true(cap_is_null(fixture_slot(f, 101)->cap));
    assert_int_equal(retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 1), seL4_NoError);
    assert_int_equal(cap_get_capPaddr(fixture_slot(f, 100)->cap), FIXTURE_UNTYPED_PADDR); /* reset */
}

static void device_untyped_makes_only_frames_and_untypeds(void **state)
{
    (void)state;
    fixture_slot(f, 21)->cap = cap_untyped_cap_new(0x300000, 16, true, 0);
    assert_int_equal(retype(21, seL4_TCBObject, 0, 100, 1), seL4_InvalidArgument);
    assert_int_equal(fixture_reply_mr(f, 0), 1);
    assert_int_equal(retype(21, seL4_UntypedObject, 12, 100, 1), seL4_NoError);
    assert_true(cap_untyped_cap_get_capIsDevice(fixture_slot(f, 100)->cap));
}

static void copying_an_untyped_with_children_is_revoke_first(void **state)
{
    (void)state;
    retype(FIXTURE_UNTYPED_SLOT, seL4_EndpointObject, 0, 100, 1);
    word_t mrs[] = { 200, 64, FIXTURE_UNTYPED_SLOT, 64, seL4_AllRights.words[0] };
    cptr_t root = seL4_CapInitThreadCNode;
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadCNode, CNodeCopy, mrs, 5, &root, 1), seL4_RevokeFirst);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        T(creates_objects_as_cdt_children),
        T(argument_errors_in_order),
        T(not_enough_memory_reports_bytes_left),
        T(watermark_resets_only_without_children),
        T(device_untyped_makes_only_frames_and_untypeds),
        T(copying_an_untyped_with_children_is_revoke_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
