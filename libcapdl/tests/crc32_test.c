/* cdl_crc32 (libcapdl/src/crc32.c): the table-driven CRC (slicing by 8) against the standard
 * check value and against the CRC computed the slow way, one bit at a time, straight from its
 * definition: every table entry, every length and alignment, continuation across pieces. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <capdl/spec.h>

static uint32_t crc32_bitwise(uint32_t crc, const uint8_t *p, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return ~crc;
}

static void test_check_values(void **state)
{
    (void)state;
    assert_int_equal(cdl_crc32(0, "123456789", 9), 0xCBF43926u); /* the CRC-32 check value */
    assert_int_equal(cdl_crc32(0, "", 0), 0);
    assert_int_equal(cdl_crc32(0x12345678u, "", 0), 0x12345678u);
}

static void test_every_byte_value(void **state)
{
    (void)state;
    for (unsigned b = 0; b < 256; b++) {
        uint8_t byte = (uint8_t)b;
        assert_int_equal(cdl_crc32(0, &byte, 1), crc32_bitwise(0, &byte, 1));
    }
}

/* Every entry of the eight slicing tables: byte value b at each position of an 8-byte block
 * (inside a longer input, so the block loop runs before and after it). */
static void test_every_byte_at_every_block_position(void **state)
{
    (void)state;
    for (unsigned pos = 0; pos < 8; pos++) {
        for (unsigned b = 0; b < 256; b++) {
            uint8_t block[24] = { 0 };
            block[8 + pos] = (uint8_t)b;
            assert_int_equal(cdl_crc32(0, block, sizeof(block)), crc32_bitwise(0, block, sizeof(block)));
        }
    }
}

static void test_every_length(void **state)
{
    (void)state;
    static const uint8_t text[] = "The quick brown fox jumps over the lazy dog, twice over and once more.";
    for (size_t len = 0; len < sizeof(text); len++) {
        for (size_t start = 0; start < 8 && start + len < sizeof(text); start++) { /* every alignment */
            assert_int_equal(cdl_crc32(0, text + start, len), crc32_bitwise(0, text + start, len));
        }
    }
}

static void test_long_input_and_continuation(void **state)
{
    (void)state;
    static uint8_t data[4099];
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof(data); i++) {
        x = x * 1103515245u + 12345u; /* any fixed pseudo-random bytes */
        data[i] = (uint8_t)(x >> 16);
    }
    uint32_t whole = cdl_crc32(0, data, sizeof(data));
    assert_int_equal(whole, crc32_bitwise(0, data, sizeof(data)));
    for (size_t cut = 0; cut <= sizeof(data); cut += 1000) { /* a CRC continues across pieces */
        assert_int_equal(cdl_crc32(cdl_crc32(0, data, cut), data + cut, sizeof(data) - cut), whole);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_values),
        cmocka_unit_test(test_every_byte_value),
        cmocka_unit_test(test_every_byte_at_every_block_position),
        cmocka_unit_test(test_every_length),
        cmocka_unit_test(test_long_input_and_continuation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
