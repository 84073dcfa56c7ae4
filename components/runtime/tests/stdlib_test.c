/*
 * Host tests of the runtime's number conversions (stdlib.c, built as rt_*): exact values,
 * end pointers, bases, prefixes and saturation at the limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <cmocka.h>

#include "host_api.h"

/* Parses s with rt_strtol; checks the value and how many characters were consumed. */
static void check_strtol(const char *s, int base, long value, long consumed)
{
    char *end = NULL;
    assert_int_equal(rt_strtol(s, &end, base), value);
    assert_int_equal(end - s, consumed);
}

static void check_strtoull(const char *s, int base, unsigned long long value, long consumed)
{
    char *end = NULL;
    assert_int_equal(rt_strtoull(s, &end, base), value);
    assert_int_equal(end - s, consumed);
}

static void test_strtol(void **state)
{
    (void)state;
    check_strtol("0", 10, 0, 1);
    check_strtol("  -123abc", 10, -123, 6);
    check_strtol("+42", 10, 42, 3);
    check_strtol("0x1F", 0, 31, 4);
    check_strtol("0X1f", 16, 31, 4);
    check_strtol("1f", 16, 31, 2);
    check_strtol("0755", 0, 493, 4);
    check_strtol("0xg", 0, 0, 1);
    check_strtol("z", 36, 35, 1);
    check_strtol("101", 2, 5, 3);
    check_strtol("", 10, 0, 0);
    check_strtol("   ", 10, 0, 0);
    check_strtol("-", 10, 0, 0);
    check_strtol("abc", 10, 0, 0);
    check_strtol("12", 1, 0, 0);
    check_strtol("12", 37, 0, 0);
    check_strtol("9223372036854775807", 10, LONG_MAX, 19);
    check_strtol("9223372036854775808", 10, LONG_MAX, 19);
    check_strtol("-9223372036854775808", 10, LONG_MIN, 20);
    check_strtol("-9223372036854775809", 10, LONG_MIN, 20);
    check_strtol("99999999999999999999999", 10, LONG_MAX, 23);
}

static void test_strtoul(void **state)
{
    (void)state;
    check_strtoull("18446744073709551615", 10, ULLONG_MAX, 20);
    check_strtoull("18446744073709551616", 10, ULLONG_MAX, 20);
    check_strtoull("0xffffffffffffffff", 16, ULLONG_MAX, 18);
    check_strtoull("-1", 10, ULLONG_MAX, 2);
    check_strtoull("-2", 10, ULLONG_MAX - 1, 2);
    check_strtoull("\t\n 077", 0, 63, 6);
    assert_int_equal(rt_strtoul("4096", NULL, 10), 4096ul);
    assert_int_equal(rt_strtoul("-1", NULL, 10), ULONG_MAX);
}

static void test_small_helpers(void **state)
{
    (void)state;
    assert_int_equal(rt_atoi("  -77x"), -77);
    assert_int_equal(rt_atoi("x"), 0);
    assert_int_equal(rt_abs(-5), 5);
    assert_int_equal(rt_abs(5), 5);
    assert_int_equal(rt_labs(-5000000000L), 5000000000L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strtol),
        cmocka_unit_test(test_strtoul),
        cmocka_unit_test(test_small_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
