/*
 * The tests of vm_test, in the files of their subjects (listed in main.c's table).
 */
#pragma once

/* map_tests.c */
void test_map_seed_example(void);
void test_map_failed_lookup_levels(void);
void test_map_delete_first(void);
void test_map_alignment(void);
void test_map_user_top(void);
void test_map_remap_rules(void);
void test_map_remap_rights(void);
void test_map_remap_rights_unmap_first(void);
void test_map_4k_replace_unmap_first(void);
void test_map_copy_elsewhere(void);
void test_map_get_address(void);
void test_map_unmap_faults(void);
void test_map_4k_over_4k(void);
void test_map_table_unmap(void);
void test_map_delete_frame_unmaps(void);
void test_map_large_page(void);
void test_map_huge_page(void);

/* vspace_tests.c */
void test_vspace_asid_assign(void);
void test_vspace_second_thread(void);
void test_vspace_delete_pml4(void);
void test_asid_make_pool(void);
void test_asid_pool_exhaustion(void);
void test_asid_pool_delete(void);

/* ioport_tests.c */
void test_ioport_issue(void);
void test_ioport_in_out(void);
void test_ioport_raw_instruction(void);

/* irq_tests.c */
void test_irq_pit_ticks(void);
void test_irq_masked_until_ack(void);
void test_irq_control_errors(void);
void test_irq_ioapic_errors(void);
void test_irq_ioapic_pin2(void);
void test_irq_delete_pending(void);
void test_irq_clear(void);

/* arm_vm_tests.c (aarch64 only) */
void test_arm_map_levels(void);
void test_arm_map_errors(void);
void test_arm_map_rights(void);
void test_arm_cache_ops(void);
void test_arm_asid_pool(void);
void test_arm_irq_pl011(void);
