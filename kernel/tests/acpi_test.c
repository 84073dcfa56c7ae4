/* Unit tests of the ACPI RSDP search (kernel/src/plat/pc99/acpi.c) on the host test
 * architecture's fake physical memory: the scan's signature, checksum and 16-byte alignment
 * rules, and where acpi_find_rsdp looks (the EBDA's first KiB before 0xe0000..0xfffff). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <host_arch.h>
#include <plat/acpi.h>

#define PHYS_BYTES (2u << 20)

/* Writes a valid RSDP (revision 2) at physical address p, `tag` in its OEM id. */
static void put_rsdp(paddr_t p, char tag)
{
    uint8_t *r = host_phys_base + p;
    memset(r, 0, ACPI_RSDP_BYTES);
    memcpy(r, "RSD PTR ", 8);
    memcpy(r + 9, "QEMU ", 5);
    r[14] = (uint8_t)tag;
    r[15] = 2;
    uint8_t sum = 0;
    for (int i = 0; i < 20; i++) {
        sum = (uint8_t)(sum + r[i]);
    }
    r[8] = (uint8_t)-sum;
}

static int setup(void **state)
{
    (void)state;
    return host_phys_alloc(PHYS_BYTES) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    host_phys_free();
    return 0;
}

static void scan_needs_signature_checksum_and_alignment(void **state)
{
    (void)state;
    uint8_t *m = host_phys_base + 0x10000;
    put_rsdp(0x10000 + 0x38, 'a'); /* not on a 16-byte boundary */
    assert_int_equal(acpi_rsdp_scan(m, 0x100), -1);
    put_rsdp(0x10000 + 0x40, 'b');
    m[0x40 + 8] ^= 1; /* checksum broken */
    assert_int_equal(acpi_rsdp_scan(m, 0x100), -1);
    m[0x40 + 8] ^= 1;
    assert_int_equal(acpi_rsdp_scan(m, 0x100), 0x40);
    /* the whole 36 bytes must lie inside the range */
    assert_int_equal(acpi_rsdp_scan(m, 0x40 + ACPI_RSDP_BYTES - 1), -1);
    assert_int_equal(acpi_rsdp_scan(m, 0x40 + ACPI_RSDP_BYTES), 0x40);
}

static void find_prefers_the_ebda_then_the_bios_area(void **state)
{
    (void)state;
    uint8_t out[ACPI_RSDP_BYTES];
    memset(host_phys_base, 0, PHYS_BYTES);
    assert_false(acpi_find_rsdp(out));
    put_rsdp(0xf59d0, 'B');
    assert_true(acpi_find_rsdp(out));
    assert_int_equal(out[14], 'B');
    /* the EBDA segment at 0x40e: 0x9fc0 -> 0x9fc00; an RSDP in its first KiB comes first */
    host_phys_base[0x40e] = 0xc0;
    host_phys_base[0x40f] = 0x9f;
    put_rsdp(0x9fc00 + 0x100, 'E');
    assert_true(acpi_find_rsdp(out));
    assert_int_equal(out[14], 'E');
    assert_memory_equal(out, host_phys_base + 0x9fd00, ACPI_RSDP_BYTES);
    /* past the first KiB of the EBDA it is not looked for */
    memset(host_phys_base + 0x9fd00, 0, ACPI_RSDP_BYTES);
    put_rsdp(0x9fc00 + 0x400, 'X');
    assert_true(acpi_find_rsdp(out));
    assert_int_equal(out[14], 'B');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scan_needs_signature_checksum_and_alignment, setup, teardown),
        cmocka_unit_test_setup_teardown(find_prefers_the_ebda_then_the_bios_area, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
