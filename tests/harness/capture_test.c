/* Unit tests of capture.c: normalisation of '\r' and NUL, the line-at-a-time scan with an
 * unfinished last line, and the final split into lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "capture.h"

static void test_normalises(void **state)
{
    (void)state;
    struct capture c;
    capture_init(&c);
    assert_int_equal(capture_append(&c, "a\r\nb\0c\r", 7), 0);
    assert_string_equal(c.buf, "a\nb?c");
    assert_int_equal(c.len, 5);
    capture_free(&c);
}

static void test_lines_arrive_in_pieces(void **state)
{
    (void)state;
    struct capture c;
    capture_init(&c);
    assert_null(capture_next_line(&c));
    assert_string_equal(capture_partial_line(&c), "");
    capture_append(&c, "fir", 3);
    assert_null(capture_next_line(&c));
    assert_string_equal(capture_partial_line(&c), "fir");
    capture_append(&c, "st\r\n\nsec", 8);
    assert_string_equal(capture_next_line(&c), "first");
    assert_string_equal(capture_next_line(&c), "");
    assert_null(capture_next_line(&c));
    assert_string_equal(capture_partial_line(&c), "sec");
    capture_free(&c);
}

static void test_split(void **state)
{
    (void)state;
    struct capture c;
    struct line_list l;
    capture_init(&c);
    assert_int_equal(capture_split(&c, &l), 0);
    assert_int_equal(l.count, 0);
    line_list_free(&l);
    capture_append(&c, "one\n\nthree", 10);
    assert_int_equal(capture_split(&c, &l), 0);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.lines[0], "one");
    assert_string_equal(l.lines[1], "");
    assert_string_equal(l.lines[2], "three");
    line_list_free(&l);
    capture_append(&c, "\n", 1);
    assert_int_equal(capture_split(&c, &l), 0);
    assert_int_equal(l.count, 3);
    line_list_free(&l);
    capture_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalises),
        cmocka_unit_test(test_lines_arrive_in_pieces),
        cmocka_unit_test(test_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
