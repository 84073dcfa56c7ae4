/* Unit tests of kernel/src/arch/aarch64/kernel/fdt.c (portable C, built for the host): the used
 * size of a tree and its RAM banks, on fdt_test.dtb (compiled from fdt_test.dts by dtc, path in
 * argv[1]), plus a buffer that is no tree. */
#include "core_fixture.h"
#include <arch/kernel/fdt.h>
#include <stdio.h>
#include <stdlib.h>

static uint8_t *dtb;
static long dtb_len;

static void size_is_the_used_part(void **state)
{
    (void)state;
    /* dtc writes a packed tree: its used part is all of it (QEMU's has 1 MiB of free space) */
    assert_int_equal(fdt_size(dtb), dtb_len);
    static const uint8_t junk[64] = { 0x12, 0x34 };
    assert_int_equal(fdt_size(junk), 0);
    uint8_t copy[64];
    memcpy(copy, dtb, sizeof(copy));
    fdt_set_size(copy, 0x1234);
    assert_int_equal(copy[4] << 24 | copy[5] << 16 | copy[6] << 8 | copy[7], 0x1234);
}

static void memory_nodes_give_ram(void **state)
{
    (void)state;
    region_list_t ram = { 0 };
    assert_true(fdt_add_memory(dtb, &ram));
    assert_int_equal(ram.count, 3);
    assert_int_equal(ram.r[0].start, 0x40000000);
    assert_int_equal(ram.r[0].end, 0x50000000);
    assert_int_equal(ram.r[1].start, 0x100000000ull);
    assert_int_equal(ram.r[1].end, 0x100100000ull);
    assert_int_equal(ram.r[2].start, 0x180000000ull);
    assert_int_equal(ram.r[2].end, 0x180200000ull);
}

int main(int argc, char **argv)
{
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f) {
        fprintf(stderr, "usage: kernel_fdt_test FILE.dtb\n");
        return 2;
    }
    fseek(f, 0, SEEK_END);
    dtb_len = ftell(f);
    fseek(f, 0, SEEK_SET);
    dtb = malloc((size_t)dtb_len);
    if (!dtb || fread(dtb, 1, (size_t)dtb_len, f) != (size_t)dtb_len) {
        return 2;
    }
    fclose(f);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(size_is_the_used_part),
        cmocka_unit_test(memory_nodes_give_ram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
