/*
 * vm_test: the root task that runs the virtual memory, ASID, I/O port and interrupt tests
 * (issue 5) in QEMU, one at a time, and halts the machine. Framework: tests/kernel's test.h and
 * helpers.h, with vm_helpers.c; docs/vm-tests.md describes the tests.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"
#include "vm.h"

#include <sel4/sel4.h>

#define TEST(name) {#name, test_##name}

static const struct test_case tests[] = {
    TEST(map_seed_example),
    TEST(map_failed_lookup_levels),
    TEST(map_delete_first),
    TEST(map_alignment),
    TEST(map_user_top),
    TEST(map_remap_rules),
    TEST(map_remap_rights),
    TEST(map_copy_elsewhere),
    TEST(map_get_address),
    TEST(map_unmap_faults),
    TEST(map_4k_over_4k),
    TEST(map_table_unmap),
    TEST(map_delete_frame_unmaps),
    TEST(map_large_page),
    TEST(map_huge_page),
    TEST(vspace_asid_assign),
    TEST(vspace_second_thread),
    TEST(vspace_delete_pml4),
    TEST(asid_make_pool),
    TEST(asid_pool_exhaustion),
    TEST(asid_pool_delete),
    TEST(ioport_issue),
    TEST(ioport_in_out),
    TEST(ioport_raw_instruction),
    TEST(irq_pit_ticks),
    TEST(irq_masked_until_ack),
    TEST(irq_control_errors),
    TEST(irq_ioapic_pin2),
    TEST(irq_delete_pending),
    TEST(irq_clear),
};

int main(void)
{
    test_bi = seL4_GetBootInfo();
    helpers_init(test_bi, "vm_test");
    vm_helpers_init(test_bi);
    test_run_all(tests, sizeof(tests) / sizeof(tests[0]));
    seL4_DebugHalt();
    return 0;
}
