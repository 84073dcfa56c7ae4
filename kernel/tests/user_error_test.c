/* Unit tests of the debug kernels' line for a rejected invocation (api/user_error.h,
 * src/api/user_error.c): it names the invocation's label, the invoked CPtr, the thread, the
 * check that refused it and the error; a successful invocation prints nothing. */
#include "core_fixture.h"
#include <api/user_error.h>
#include <kernel/thread.h>
#include <object/tcb.h>
#include <sel4/invocation.h>
#include <sel4/objecttype.h>

static fixture_t *f;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

static void an_empty_slot_is_named(void **state)
{
    (void)state;
    assert_int_equal(fixture_invoke(f, 300, TCBSuspend, NULL, 0, NULL, 0), seL4_InvalidCapability);
    assert_string_equal(host_console,
                        "<<kernel: TCBSuspend on cap 0x12c by \"rootserver\": the invoked slot holds no cap: "
                        "seL4_InvalidCapability>>\n");
}

static void a_decode_check_is_named(void **state)
{
    (void)state;
    word_t prio[] = { 256 };
    cptr_t auth = seL4_CapInitThreadTCB;
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadTCB, TCBSetPriority, prio, 1, &auth, 1), seL4_RangeError);
    assert_non_null(strstr(host_console, "<<kernel: TCBSetPriority on cap 0x1 by \"rootserver\": "
                                         "priority above the authority's MCP: seL4_RangeError>>"));
}

static void a_lookup_in_a_cnode_operation_is_named(void **state)
{
    (void)state;
    word_t mrs[] = { 5, 0 }; /* depth 0 */
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadCNode, CNodeDelete, mrs, 2, NULL, 0), seL4_RangeError);
    assert_non_null(strstr(host_console, "CNodeDelete on cap 0x2 by \"rootserver\": lookup depth outside 1..64"));
}

static void success_prints_nothing(void **state)
{
    (void)state;
    word_t mrs[] = { seL4_EndpointObject, 0, 0, 0, 100, 1 };
    cptr_t root = seL4_CapInitThreadCNode;
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
    assert_string_equal(host_console, "");
}

static void the_check_of_one_invocation_does_not_leak_into_the_next(void **state)
{
    (void)state;
    note_check("a check of an earlier invocation");
    word_t mrs[] = { seL4_EndpointObject, 0, 0, 0, 100, 1 };
    cptr_t root = seL4_CapInitThreadCNode;
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_NoError);
    assert_int_equal(fixture_invoke(f, FIXTURE_UNTYPED_SLOT, UntypedRetype, mrs, 6, &root, 1), seL4_DeleteFirst);
    assert_null(strstr(host_console, "earlier"));
    assert_non_null(strstr(host_console, "destination slot not empty: seL4_DeleteFirst>>"));
}

static void an_unknown_label_is_shown_as_such(void **state)
{
    (void)state;
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadTCB, 1000, NULL, 0, NULL, 0), seL4_IllegalOperation);
    assert_non_null(strstr(host_console, "<<kernel: unknown label on cap 0x1 by \"rootserver\": "
                                         "not a label of a TCB cap: seL4_IllegalOperation>>"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(an_empty_slot_is_named, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_decode_check_is_named, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_lookup_in_a_cnode_operation_is_named, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(success_prints_nothing, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(the_check_of_one_invocation_does_not_leak_into_the_next, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(an_unknown_label_is_shown_as_such, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
