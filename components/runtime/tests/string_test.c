/*
 * Host tests of the runtime's <string.h> functions (string.c, built as rt_*).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "host_api.h"

static void test_memory(void **state)
{
    (void)state;
    char buf[16] = "abcdefghij";
    assert_ptr_equal(rt_memcpy(buf, "XYZ", 3), buf);
    assert_memory_equal(buf, "XYZdefghij", 10);
    rt_memmove(buf + 2, buf, 5); /* overlapping, forwards */
    assert_memory_equal(buf, "XYXYZdehij", 10);
    rt_memmove(buf, buf + 3, 5); /* overlapping, backwards */
    assert_memory_equal(buf, "YZdehdehij", 10);
    rt_memset(buf, 'q', 4);
    assert_memory_equal(buf, "qqqqhdehij", 10);
    assert_int_equal(rt_memcmp("abc", "abd", 3), -1);
    assert_int_equal(rt_memcmp("abd", "abc", 3), 1);
    assert_int_equal(rt_memcmp("ab\x80", "ab\x01", 3), 1); /* compared as unsigned */
    assert_int_equal(rt_memcmp("abc", "abd", 2), 0);
    assert_ptr_equal(rt_memchr(buf, 'h', 10), buf + 4);
    assert_null(rt_memchr(buf, 'z', 10));
}

static void test_lengths_and_compare(void **state)
{
    (void)state;
    assert_int_equal(rt_strlen(""), 0);
    assert_int_equal(rt_strlen("hello"), 5);
    assert_int_equal(rt_strnlen("hello", 3), 3);
    assert_int_equal(rt_strnlen("hi", 10), 2);
    assert_int_equal(rt_strcmp("abc", "abc"), 0);
    assert_true(rt_strcmp("abc", "abd") < 0);
    assert_true(rt_strcmp("abc", "ab") > 0);
    assert_true(rt_strcmp("", "a") < 0);
    assert_true(rt_strcmp("\xff", "a") > 0);
    assert_int_equal(rt_strncmp("abcX", "abcY", 3), 0);
    assert_true(rt_strncmp("abcX", "abcY", 4) < 0);
    assert_int_equal(rt_strncmp("a", "b", 0), 0);
}

static void test_copy_and_search(void **state)
{
    (void)state;
    char buf[16];
    assert_ptr_equal(rt_strcpy(buf, "hello"), buf);
    assert_string_equal(buf, "hello");
    rt_strcat(buf, " you");
    assert_string_equal(buf, "hello you");
    rt_memset(buf, 'Z', sizeof(buf));
    rt_strncpy(buf, "ab", 5);
    assert_memory_equal(buf, "ab\0\0\0Z", 6);
    rt_strncpy(buf, "abcdef", 3);
    assert_memory_equal(buf, "abc\0", 4);
    const char *s = "a/b/c";
    assert_ptr_equal(rt_strchr(s, '/'), s + 1);
    assert_ptr_equal(rt_strrchr(s, '/'), s + 3);
    assert_ptr_equal(rt_strchr(s, '\0'), s + 5);
    assert_null(rt_strchr(s, 'x'));
    assert_null(rt_strrchr(s, 'x'));
    const char *h = "haystack";
    assert_ptr_equal(rt_strstr(h, "st"), h + 3);
    assert_ptr_equal(rt_strstr(h, ""), h);
    assert_null(rt_strstr(h, "needle"));
    assert_null(rt_strstr(h, "kk"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memory),
        cmocka_unit_test(test_lengths_and_compare),
        cmocka_unit_test(test_copy_and_search),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
