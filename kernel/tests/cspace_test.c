/* Unit tests of kernel/src/kernel/cspace.c: seL4's lookup rules and failure details
 * (sel4-facts 2.1 and 9.2), including a 64-level chain of radix-1 CNodes. */
#include "core_fixture.h"
#include <kernel/cspace.h>

static fixture_t *f;

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    return 0;
}

static void root_cnode_resolves_any_small_cptr(void **state)
{
    (void)state;
    resolve_ret_t r = resolveAddressBits(f->thread->ctes[tcbCTable].cap, 5, 64);
    assert_int_equal(r.status, EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &f->root[5]);
    assert_int_equal(r.bitsRemaining, 0);
}

static void a_cptr_outside_the_guard_is_a_guard_mismatch(void **state)
{
    (void)state;
    resolve_ret_t r = resolveAddressBits(f->thread->ctes[tcbCTable].cap, 4096, 64);
    assert_int_equal(r.status, EXCEPTION_LOOKUP_FAULT);
    assert_int_equal(current_lookup_fault.type, lookup_fault_guard_mismatch);
    assert_int_equal(current_lookup_fault.bitsLeft, 64);
    assert_int_equal(current_lookup_fault.guardFound, 0); /* the CNode's own guard */
    assert_int_equal(current_lookup_fault.bitsFound, 52);
}

static void lookup_descends_levels_and_stops_at_a_non_cnode(void **state)
{
    (void)state;
    paddr_t second = 0x200000;
    cap_t root = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 4, 0, 0);
    f->root[3].cap = cap_cnode_cap_new(second, 4, 56, 0);
    f->root[5].cap = cap_thread_cap_new(FIXTURE_TCB_PADDR);
    cte_t *second_slots = paddr_to_pptr(second);
    resolve_ret_t r = resolveAddressBits(root, (3ull << 60) | 7, 64);
    assert_int_equal(r.status, EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &second_slots[7]);
    assert_int_equal(r.bitsRemaining, 0);
    r = resolveAddressBits(root, 5ull << 60, 64);
    assert_ptr_equal(r.slot, &f->root[5]);
    assert_int_equal(r.bitsRemaining, 60);
}

static void too_few_bits_for_a_level_is_a_depth_mismatch(void **state)
{
    (void)state;
    cap_t root = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 8, 0, 0);
    resolve_ret_t r = resolveAddressBits(root, 1, 4);
    assert_int_equal(r.status, EXCEPTION_LOOKUP_FAULT);
    assert_int_equal(current_lookup_fault.type, lookup_fault_depth_mismatch);
    assert_int_equal(current_lookup_fault.bitsLeft, 4);
    assert_int_equal(current_lookup_fault.bitsFound, 8);
}

static void a_non_cnode_root_is_an_invalid_root(void **state)
{
    (void)state;
    resolve_ret_t r = resolveAddressBits(cap_thread_cap_new(FIXTURE_TCB_PADDR), 1, 64);
    assert_int_equal(r.status, EXCEPTION_LOOKUP_FAULT);
    assert_int_equal(current_lookup_fault.type, lookup_fault_invalid_root);
}

static void sixty_four_radix_one_levels_resolve(void **state)
{
    (void)state;
    /* CNode i (2 slots, 64 bytes) at 0x300000 + 64 i; slot 1 leads to CNode i + 1. */
    paddr_t base = 0x300000;
    for (unsigned i = 0; i < 64; i++) {
        cte_t *slots = paddr_to_pptr(base + 64 * i);
        slots[1].cap = i < 63 ? cap_cnode_cap_new(base + 64 * (i + 1), 1, 0, 0) : cap_thread_cap_new(FIXTURE_TCB_PADDR);
    }
    cap_t root = cap_cnode_cap_new(base, 1, 0, 0);
    resolve_ret_t r = resolveAddressBits(root, ~0ull, 64);
    assert_int_equal(r.status, EXCEPTION_NONE);
    assert_int_equal(r.bitsRemaining, 0);
    assert_ptr_equal(r.slot, (cte_t *)paddr_to_pptr(base + 64 * 63) + 1);
    r = resolveAddressBits(root, ~1ull, 64); /* last bit 0: slot 0 of the deepest CNode */
    assert_ptr_equal(r.slot, (cte_t *)paddr_to_pptr(base + 64 * 63));
}

static void cnode_ops_check_depth_range_then_exact_landing(void **state)
{
    (void)state;
    cap_t root = f->thread->ctes[tcbCTable].cap;
    lookup_slot_ret_t r = lookupSlotForCNodeOp(false, root, 5, 0);
    assert_int_equal(r.status, EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(current_syscall_error.type, seL4_RangeError);
    assert_int_equal(current_syscall_error.rangeErrorMin, 1);
    assert_int_equal(current_syscall_error.rangeErrorMax, 64);
    r = lookupSlotForCNodeOp(false, root, 5, 65);
    assert_int_equal(current_syscall_error.type, seL4_RangeError);
    /* A depth below the guard size is a guard mismatch (sel4-facts 9.2). */
    r = lookupSlotForCNodeOp(true, root, 5, 12);
    assert_int_equal(current_syscall_error.type, seL4_FailedLookup);
    assert_true(current_syscall_error.failedLookupWasSource);
    assert_int_equal(current_lookup_fault.type, lookup_fault_guard_mismatch);
    assert_int_equal(current_lookup_fault.bitsLeft, 12);
    assert_int_equal(current_lookup_fault.bitsFound, 52);
    r = lookupSlotForCNodeOp(false, root, 5, 64);
    assert_int_equal(r.status, EXCEPTION_NONE);
    assert_ptr_equal(r.slot, &f->root[5]);
    r = lookupSlotForCNodeOp(false, cap_null_cap_new(), 5, 64);
    assert_int_equal(current_syscall_error.type, seL4_FailedLookup);
    assert_int_equal(current_lookup_fault.type, lookup_fault_invalid_root);
}

static void a_cnode_op_ending_above_a_non_cnode_is_a_depth_mismatch(void **state)
{
    (void)state;
    cap_t root = cap_cnode_cap_new(FIXTURE_CNODE_PADDR, 4, 0, 0);
    f->root[5].cap = cap_thread_cap_new(FIXTURE_TCB_PADDR);
    lookup_slot_ret_t r = lookupSlotForCNodeOp(false, root, 5ull << 4, 8);
    assert_int_equal(r.status, EXCEPTION_SYSCALL_ERROR);
    assert_int_equal(current_syscall_error.type, seL4_FailedLookup);
    assert_int_equal(current_lookup_fault.type, lookup_fault_depth_mismatch);
    assert_int_equal(current_lookup_fault.bitsLeft, 4);
    assert_int_equal(current_lookup_fault.bitsFound, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(root_cnode_resolves_any_small_cptr, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_cptr_outside_the_guard_is_a_guard_mismatch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(lookup_descends_levels_and_stops_at_a_non_cnode, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(too_few_bits_for_a_level_is_a_depth_mismatch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_non_cnode_root_is_an_invalid_root, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(sixty_four_radix_one_levels_resolve, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(cnode_ops_check_depth_range_then_exact_landing, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_cnode_op_ending_above_a_non_cnode_is_a_depth_mismatch, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
