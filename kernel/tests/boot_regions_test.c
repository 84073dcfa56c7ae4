/* Unit tests of kernel/src/kernel/boot_regions.c and boot.c: region lists, block splitting,
 * and untyped creation into the root CNode and BootInfo. */
#include "core_fixture.h"
#include <kernel/boot.h>
#include <kernel/machine.h>

static void expect_regions(const region_list_t *l, const p_region_t *want, unsigned n)
{
    assert_int_equal(l->count, n);
    for (unsigned i = 0; i < n; i++) {
        assert_int_equal(l->r[i].start, want[i].start);
        assert_int_equal(l->r[i].end, want[i].end);
    }
}

static void add_merges_overlapping_and_touching(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    assert_true(region_list_add(&l, 0x5000, 0x6000));
    assert_true(region_list_add(&l, 0x1000, 0x2000));
    assert_true(region_list_add(&l, 0x2000, 0x3000)); /* touches the first */
    assert_true(region_list_add(&l, 0x5800, 0x7000)); /* overlaps the last */
    p_region_t want[] = { { 0x1000, 0x3000 }, { 0x5000, 0x7000 } };
    expect_regions(&l, want, 2);
    assert_true(region_list_add(&l, 0x0, 0x8000)); /* swallows both */
    p_region_t all[] = { { 0x0, 0x8000 } };
    expect_regions(&l, all, 1);
}

static void remove_splits_and_trims(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    region_list_add(&l, 0x1000, 0x9000);
    assert_true(region_list_remove(&l, 0x3000, 0x4000));
    assert_true(region_list_remove(&l, 0x0, 0x2000));
    assert_true(region_list_remove(&l, 0x8000, 0x10000));
    p_region_t want[] = { { 0x2000, 0x3000 }, { 0x4000, 0x8000 } };
    expect_regions(&l, want, 2);
    assert_int_equal(region_list_bytes(&l), 0x5000);
}

static void remove_reports_a_full_list(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    for (unsigned i = 0; i < CONFIG_MAX_BOOT_REGIONS; i++) {
        assert_true(region_list_add(&l, (paddr_t)i * 0x10000, (paddr_t)i * 0x10000 + 0x8000));
    }
    assert_false(region_list_add(&l, 0x10000000, 0x10001000));
    assert_false(region_list_remove(&l, 0x1000, 0x2000)); /* would split one region in two */
}

/* A reservation that does not fit the list stops the boot, naming what was reserved. */
static void reserve_fails_the_boot_on_a_full_list(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    assert_true(region_list_add(&l, 0x100000, 0x200000));
    boot_reserve(&l, 0x100800, 0x101001, "a test module"); /* widened to [0x100000, 0x102000) */
    assert_int_equal(l.count, 1);
    assert_int_equal(l.r[0].start, 0x102000);
    for (unsigned i = 1; i < CONFIG_MAX_BOOT_REGIONS; i++) {
        assert_true(region_list_add(&l, (paddr_t)i * 0x1000000, (paddr_t)i * 0x1000000 + 0x8000));
    }
    jmp_buf jump;
    host_halt_jump = &jump;
    host_halt_reason = -1;
    host_console_clear();
    if (setjmp(jump) == 0) {
        boot_reserve(&l, 0x104000, 0x105000, "a test module"); /* would split a region */
        fail_msg("boot_reserve returned");
    }
    host_halt_jump = NULL;
    assert_int_equal(host_halt_reason, HALT_PANIC);
    assert_non_null(strstr(host_console, "kernel: boot failed: too many physical regions while reserving a test module"));
}

static void clip_keeps_the_window(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    region_list_add(&l, 0x0, 0x9f000);
    region_list_add(&l, 0x100000, 0x20000000);
    region_list_clip(&l, 0x100000, 0x10000000);
    p_region_t want[] = { { 0x100000, 0x10000000 } };
    expect_regions(&l, want, 1);
}

static void alloc_aligns_and_removes(void **state)
{
    (void)state;
    region_list_t l = { 0 };
    region_list_add(&l, 0x101000, 0x300000);
    paddr_t a = region_list_alloc(&l, 0x20000, 17);
    assert_int_equal(a, 0x120000);
    p_region_t want[] = { { 0x101000, 0x120000 }, { 0x140000, 0x300000 } };
    expect_regions(&l, want, 2);
    assert_int_equal(region_list_alloc(&l, 0x1000, 12), 0x101000);
    assert_int_equal(region_list_alloc(&l, 0x1000000, 12), 0); /* nothing that large */
}

struct blocks {
    paddr_t start[64];
    unsigned bits[64];
    unsigned n;
    unsigned limit;
};

static bool record_block(paddr_t start, unsigned bits, void *p)
{
    struct blocks *b = p;
    if (b->n == b->limit) {
        return false;
    }
    b->start[b->n] = start;
    b->bits[b->n++] = bits;
    return true;
}

static void split_gives_aligned_power_of_two_blocks(void **state)
{
    (void)state;
    struct blocks b = { .limit = 64 };
    unsigned n = split_into_blocks(0x101000, 0x1ffe0000, 4, 47, record_block, &b);
    assert_int_equal(n, b.n);
    paddr_t at = 0x101000;
    for (unsigned i = 0; i < b.n; i++) {
        assert_int_equal(b.start[i], at);
        assert_int_equal(b.start[i] & ((1ull << b.bits[i]) - 1), 0);
        at += 1ull << b.bits[i];
    }
    assert_int_equal(at, 0x1ffe0000);
    assert_int_equal(b.bits[0], 12);
    assert_int_equal(b.bits[b.n - 1], 17); /* 0x1ffc0000 .. 0x1ffe0000 */
}

static void split_respects_max_and_min(void **state)
{
    (void)state;
    struct blocks b = { .limit = 64 };
    split_into_blocks(0, 1ull << 48, 4, 47, record_block, &b);
    assert_int_equal(b.n, 2);
    assert_int_equal(b.bits[0], 47);
    assert_int_equal(b.start[1], 1ull << 47);
    b.n = 0;
    split_into_blocks(0x1008, 0x1030, 4, 47, record_block, &b); /* 8-byte head, 0x28 bytes */
    assert_int_equal(b.n, 2);
    assert_int_equal(b.start[0], 0x1010);
    assert_int_equal(b.bits[0], 4);
    assert_int_equal(b.start[1], 0x1020);
    assert_int_equal(b.bits[1], 4);
}

static void untypeds_fill_slots_and_bootinfo(void **state)
{
    (void)state;
    static cte_t slots[64];
    static seL4_BootInfo bi;
    memset(slots, 0, sizeof(slots));
    memset(&bi, 0, sizeof(bi));
    root_cnode_filler_t f = { slots, 64, 20 };
    bi.untyped.start = bi.untyped.end = 20;
    assert_true(boot_create_untypeds(&f, &bi, 0x100000, 0x1c0000, false));
    assert_true(boot_create_untypeds(&f, &bi, 0xfec01000, 0xfec02000, true));
    assert_int_equal(bi.untyped.end - bi.untyped.start, 3);
    assert_int_equal(bi.untypedList[0].paddr, 0x100000);
    assert_int_equal(bi.untypedList[0].sizeBits, 19);
    assert_int_equal(bi.untypedList[1].paddr, 0x180000);
    assert_int_equal(bi.untypedList[1].sizeBits, 18);
    assert_int_equal(bi.untypedList[2].isDevice, 1);
    cap_t c = slots[20].cap;
    assert_int_equal(cap_get_capType(c), cap_untyped_cap);
    assert_int_equal(cap_get_capPaddr(c), 0x100000);
    assert_int_equal(cap_untyped_cap_get_capBlockSize(c), 19);
    /* Boot untypeds look full until the first retype (seL4 issue 1370). */
    assert_int_equal(cap_untyped_cap_get_capFreeIndex(c), 1u << 19);
    assert_true(mdb_get_revocable(slots[20].mdb));
    assert_int_equal(f.next, 23);
}

static void untypeds_stop_at_a_full_cnode_with_a_warning(void **state)
{
    (void)state;
    static cte_t slots[4];
    static seL4_BootInfo bi;
    memset(&bi, 0, sizeof(bi));
    root_cnode_filler_t f = { slots, 4, 2 };
    bi.untyped.start = bi.untyped.end = 2;
    host_console_clear();
    /* [0x1000, 0x8000) needs blocks of 4, 8 and 16 KiB: only two slots remain. */
    assert_false(boot_create_untypeds(&f, &bi, 0x1000, 0x8000, false));
    assert_int_equal(bi.untyped.end - bi.untyped.start, 2);
    assert_non_null(strstr(host_console, "no room for more untypeds"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_merges_overlapping_and_touching),
        cmocka_unit_test(remove_splits_and_trims),
        cmocka_unit_test(remove_reports_a_full_list),
        cmocka_unit_test(reserve_fails_the_boot_on_a_full_list),
        cmocka_unit_test(clip_keeps_the_window),
        cmocka_unit_test(alloc_aligns_and_removes),
        cmocka_unit_test(split_gives_aligned_power_of_two_blocks),
        cmocka_unit_test(split_respects_max_and_min),
        cmocka_unit_test(untypeds_fill_slots_and_bootinfo),
        cmocka_unit_test(untypeds_stop_at_a_full_cnode_with_a_warning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
