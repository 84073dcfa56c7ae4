/*
 * Host tests of the printf core (format.c): every case is formatted by rt_snprintf and by
 * the host C library's snprintf, and output and return value must match exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "format.h"

/* The cases deliberately use flag combinations gcc warns about ('0' with a precision), a
 * NULL %s and truncating buffers: exactly the behaviour under test. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat-overflow"

/* Formats with both implementations into buffers of `size` and compares. */
#define CHECK_SIZED(size, ...)                                         \
    do {                                                               \
        char want[256], got[256];                                      \
        memset(want, 'X', sizeof(want));                               \
        memset(got, 'X', sizeof(got));                                 \
        int wn = snprintf(want, (size), __VA_ARGS__);                  \
        int gn = rt_snprintf(got, (size), __VA_ARGS__);                \
        assert_int_equal(gn, wn);                                      \
        assert_memory_equal(got, want, sizeof(want));                  \
    } while (0)

#define CHECK(...) CHECK_SIZED(200, __VA_ARGS__)

static void test_integers(void **state)
{
    (void)state;
    CHECK("%d %i %u", 42, -42, 42u);
    CHECK("%d %d", INT_MAX, INT_MIN);
    CHECK("%ld %ld %lu", LONG_MAX, LONG_MIN, ULONG_MAX);
    CHECK("%lld %llu %llx", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
    CHECK("%x %X %o", 0xdeadbeefu, 0xdeadbeefu, 0755u);
    CHECK("%hhx %hhd %hu %hd", 0x1ff, 200, 70000, -3);
    CHECK("%zu %zx %jd %td", (size_t)12345, (size_t)0xabc, (intmax_t)-7, (ptrdiff_t)-9);
    CHECK("%lx %lu", 0xfffffffffffff000ul, 18446744073709551615ul);
    CHECK("%d %u %x %o", 0, 0u, 0u, 0u);
}

static void test_flags_width_precision(void **state)
{
    (void)state;
    CHECK("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, 42, 42, 42);
    CHECK("[%+5d] [%-+5d] [%+05d] [% 05d]", -42, 42, 42, 42);
    CHECK("[%#x] [%#X] [%#o] [%#x] [%#o]", 255u, 255u, 8u, 0u, 0u);
    CHECK("[%#010x] [%-#10x] [%#5o]", 255u, 255u, 8u);
    CHECK("[%.3d] [%.0d] [%5.3d] [%-5.3d] [%05.3d]", 7, 0, 7, -7, 7);
    CHECK("[%.0x] [%#.0o] [%.5x] [%#.5o]", 0u, 0u, 0xabu, 8u);
    CHECK("[%*d] [%-*d] [%*d] [%.*d] [%.*d]", 6, 1, 6, 2, -6, 3, 4, 5, -1, 6);
    CHECK("[%*.*x]", 8, 4, 0xfu);
    CHECK("[%016lx] [%-16lx|]", 0x1234ul, 0x1234ul);
}

static void test_strings_chars_pointers(void **state)
{
    (void)state;
    const char *null_string = NULL;
    CHECK("[%s] [%10s] [%-10s] [%.2s] [%8.3s]", "hello", "hi", "hi", "hello", "hello");
    CHECK("[%c] [%3c] [%-3c] [%c]", 'a', 'b', 'c', 0x41);
    CHECK("[%s]", null_string);
    CHECK("[%p] [%20p] [%-20p|]", (void *)0x1234, (void *)0xdeadbeef, (void *)0x10);
    CHECK("[%p]", (void *)NULL);
    CHECK("100%% [%%] %d%%", 5);
    CHECK("%s=%d, %s=0x%lx", "a", 1, "b", 0x20ul);
    CHECK("%s", "");
    CHECK("no conversions at all");
}

static void test_truncation_and_return(void **state)
{
    (void)state;
    CHECK_SIZED(0, "%d", 12345);
    CHECK_SIZED(1, "%d", 12345);
    CHECK_SIZED(4, "%d", 12345);
    CHECK_SIZED(5, "%s-%s", "ab", "cd");
    CHECK_SIZED(6, "%s-%s", "ab", "cd");
    CHECK_SIZED(3, "%10s", "x");
    char small[4];
    assert_int_equal(rt_snprintf(small, sizeof(small), "%s", "abcdefgh"), 8);
    assert_string_equal(small, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_flags_width_precision),
        cmocka_unit_test(test_strings_chars_pointers),
        cmocka_unit_test(test_truncation_and_return),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
