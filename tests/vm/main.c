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


static const struct test_case tests[] = {
#ifdef __aarch64__ /* the x86_64 paging, I/O port and IOAPIC tests have AArch64 counterparts */
    TEST(arm_map_levels),
    TEST(arm_map_errors),
    TEST(arm_map_rights),
    TEST(arm_cache_ops),
    TEST(arm_asid_pool),
    TEST(arm_irq_pl011),
#else
    TEST(map_seed_example),
    TEST(map_failed_lookup_levels),
    TEST(map_delete_first),
    TEST(map_alignment),
    TEST(map_user_top),
    TEST(map_remap_rules),
    TEST_PROJECT_ONLY(map_remap_rights, "seL4 keeps a stale TLB entry when a mapping is replaced without Unmap"),
    TEST(map_remap_rights_unmap_first),
    TEST(map_copy_elsewhere),
    TEST(map_get_address),
    TEST(map_unmap_faults),
    TEST_PROJECT_ONLY(map_4k_over_4k, "seL4 keeps a stale TLB entry when a mapping is replaced without Unmap"),
    TEST(map_4k_replace_unmap_first),
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
    TEST_PROJECT_ONLY(irq_pit_ticks, "ISA IRQControl_Get is an extension of ours: seL4 with the IOAPIC refuses it"),
    TEST(irq_masked_until_ack),
    TEST_PROJECT_ONLY(irq_control_errors, "ISA IRQControl_Get is an extension of ours: seL4 with the IOAPIC refuses it"),
    TEST(irq_ioapic_errors),
    TEST_PROJECT_ONLY(irq_ioapic_pin2, "ISA IRQControl_Get is an extension of ours: seL4 with the IOAPIC refuses it"),
    TEST(irq_delete_pending),
    TEST(irq_clear),
#endif
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
