/* Unit tests of expect.c: the expectation file syntax, error messages with file:line, in-order
 * matching, negative expectations and the incremental matcher used by --until-match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "expect.h"

/* Parses text as file "t.expect", asserting success. */
static void parse_ok(const char *text, struct expect_list *l)
{
    char err[256] = "";
    int rc = expect_parse("t.expect", text, l, err, sizeof(err));
    assert_string_equal(err, "");
    assert_int_equal(rc, 0);
}

/* Parses text as file "t.expect", asserting failure, and returns the message in err. */
static void parse_fails(const char *text, char *err, size_t n)
{
    struct expect_list l;
    assert_int_equal(expect_parse("t.expect", text, &l, err, n), -1);
    assert_int_equal(l.count, 0);
}

static void test_kinds_and_lines(void **state)
{
    (void)state;
    struct expect_list l;
    parse_ok("# comment\n\nplain text\nre: ^a+$\n! forbidden\n!re: x[0-9]\n   \n", &l);
    assert_int_equal(l.count, 4);
    assert_int_equal(l.positives, 2);
    assert_int_equal(l.items[0].kind, EXPECT_TEXT);
    assert_false(l.items[0].negative);
    assert_string_equal(l.items[0].text, "plain text");
    assert_int_equal(l.items[0].line, 3);
    assert_int_equal(l.items[1].kind, EXPECT_REGEX);
    assert_string_equal(l.items[1].text, "^a+$");
    assert_int_equal(l.items[2].kind, EXPECT_TEXT);
    assert_true(l.items[2].negative);
    assert_string_equal(l.items[2].text, "forbidden");
    assert_int_equal(l.items[3].kind, EXPECT_REGEX);
    assert_true(l.items[3].negative);
    assert_int_equal(l.items[3].line, 6);
    assert_string_equal(l.items[3].raw, "!re: x[0-9]");
    expect_free(&l);
}

static void test_spaces_are_significant(void **state)
{
    (void)state;
    struct expect_list l;
    parse_ok("re:x\nre:  two\n  indented \n!no space\n!  two\r\nlast without newline", &l);
    assert_int_equal(l.count, 6);
    assert_string_equal(l.items[0].text, "x");
    assert_string_equal(l.items[1].text, " two");
    assert_string_equal(l.items[2].text, "  indented ");
    assert_string_equal(l.items[3].text, "no space");
    assert_string_equal(l.items[4].text, " two");
    assert_string_equal(l.items[5].text, "last without newline");
    assert_int_equal(l.items[5].line, 6);
    expect_free(&l);
}

static void test_syntax_errors_name_file_and_line(void **state)
{
    (void)state;
    char err[256];
    parse_fails("ok\n\nre:\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:3: empty pattern after 're:'");
    parse_fails("!\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:1: empty text after '!'");
    parse_fails("ok\nre: (unclosed\n", err, sizeof(err));
    assert_non_null(strstr(err, "t.expect:2: invalid regular expression '(unclosed': "));
}

static void test_load_missing_file(void **state)
{
    (void)state;
    struct expect_list l;
    char err[256];
    assert_int_equal(expect_load("/nonexistent/x.expect", &l, err, sizeof(err)), -1);
    assert_string_equal(err,
                        "cannot read expectation file /nonexistent/x.expect: No such file or directory");
}

static char *output[] = { "boot", "hello world", "x42", "done" };
#define OUTPUT_LINES (sizeof(output) / sizeof(output[0]))

static void test_in_order_pass(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    parse_ok("boot\nre: ^hel+o\ndone\n! panic\n", &l);
    assert_true(expect_verify(&l, output, OUTPUT_LINES, &r));
    assert_null(r.missing);
    assert_null(r.forbidden);
    expect_free(&l);
}

static void test_missing_and_out_of_order(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    parse_ok("hello\ngoodbye\n", &l);
    assert_false(expect_verify(&l, output, OUTPUT_LINES, &r));
    assert_ptr_equal(r.missing, &l.items[1]);
    assert_int_equal(r.searched_after, 2);
    assert_int_equal(r.found_earlier, 0);
    expect_free(&l);

    parse_ok("done\nboot\n", &l);
    assert_false(expect_verify(&l, output, OUTPUT_LINES, &r));
    assert_ptr_equal(r.missing, &l.items[1]);
    assert_int_equal(r.searched_after, 4);
    assert_int_equal(r.found_earlier, 1);
    expect_free(&l);
}

static void test_one_line_matches_one_expectation(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    parse_ok("hello\nworld\n", &l); /* both are on output line 2 */
    assert_false(expect_verify(&l, output, OUTPUT_LINES, &r));
    assert_int_equal(r.missing->line, 2);
    assert_int_equal(r.found_earlier, 2);
    expect_free(&l);
}

static void test_negative_anywhere(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    parse_ok("done\n!re: x[0-9]+\n", &l); /* the forbidden line comes before the positive one */
    assert_false(expect_verify(&l, output, OUTPUT_LINES, &r));
    assert_null(r.missing);
    assert_ptr_equal(r.forbidden, &l.items[1]);
    assert_int_equal(r.forbidden_at, 3);
    expect_free(&l);
}

static void test_incremental(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_progress p = { 0 };
    parse_ok("! never\nboot\n! never\nprompt>\n", &l);
    assert_false(expect_met(&l, &p, ""));
    expect_feed(&l, &p, "prompt> too early");
    expect_feed(&l, &p, "boot");
    assert_false(expect_met(&l, &p, ""));
    assert_false(expect_met(&l, &p, "prom"));
    assert_true(expect_met(&l, &p, "prompt> "));
    expect_feed(&l, &p, "prompt> ");
    assert_true(expect_met(&l, &p, ""));
    expect_free(&l);
}

/* Unordered groups: "{" ... "}" lines, members in any order on distinct lines, after the
 * previous match; the group ends at its last match. */
static char *concurrent[] = { "boot", "client b: ok", "client a: ok", "a says hi", "all done" };
#define CONCURRENT_LINES (sizeof(concurrent) / sizeof(concurrent[0]))

static void test_group_any_order(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    parse_ok("boot\n{\nclient a: ok\nclient b: ok\n! panic\n}\nall done\n", &l);
    assert_int_equal(l.items[1].group, 1);
    assert_int_equal(l.items[3].group, 1);
    assert_int_equal(l.items[4].group, 0);
    assert_true(expect_verify(&l, concurrent, CONCURRENT_LINES, &r));
    expect_free(&l);
    /* "a" could take line 3 or 4; "a: ok" only line 3: the search backtracks. */
    parse_ok("{\na\na: ok\n}\n", &l);
    assert_true(expect_verify(&l, concurrent, CONCURRENT_LINES, &r));
    expect_free(&l);
}

static void test_group_failures(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_result r;
    /* one line cannot meet two members */
    parse_ok("{\nclient b\nb: ok\n}\n", &l);
    assert_false(expect_verify(&l, concurrent, CONCURRENT_LINES, &r));
    assert_ptr_equal(r.missing, &l.items[1]);
    expect_free(&l);
    /* the group starts after the previous match, and what follows comes after its last match */
    parse_ok("client a\n{\nclient b\nhi\n}\n", &l);
    assert_false(expect_verify(&l, concurrent, CONCURRENT_LINES, &r));
    assert_ptr_equal(r.missing, &l.items[1]);
    assert_int_equal(r.searched_after, 3);
    assert_int_equal(r.found_earlier, 2);
    expect_free(&l);
    parse_ok("{\nhi\nclient b\n}\nclient a\n", &l);
    assert_false(expect_verify(&l, concurrent, CONCURRENT_LINES, &r));
    assert_ptr_equal(r.missing, &l.items[2]);
    assert_int_equal(r.searched_after, 4);
    expect_free(&l);
}

static void test_group_syntax_errors(void **state)
{
    (void)state;
    char err[256];
    parse_fails("{\na\n{\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:3: '{' inside the group opened at line 1: groups do not nest");
    parse_fails("a\n}\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:2: '}' without an open group");
    parse_fails("{\n! x\n}\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:3: the group opened at line 1 has no positive expectation");
    parse_fails("a\n{\nb\n", err, sizeof(err));
    assert_string_equal(err, "t.expect:2: the group opened here is not closed with '}'");
}

static void test_group_incremental_and_forbidden(void **state)
{
    (void)state;
    struct expect_list l;
    struct expect_progress p = { 0 };
    parse_ok("boot\n{\nclient a\nclient b\n}\n! panic\n", &l);
    expect_feed(&l, &p, "boot");
    expect_feed(&l, &p, "client b: ok");
    assert_false(expect_met(&l, &p, ""));
    assert_true(expect_met(&l, &p, "client a"));
    expect_feed(&l, &p, "client a: ok");
    assert_true(expect_met(&l, &p, ""));
    assert_false(p.forbidden);
    expect_feed(&l, &p, "kernel panic");
    assert_true(p.forbidden);
    expect_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_and_lines),
        cmocka_unit_test(test_spaces_are_significant),
        cmocka_unit_test(test_syntax_errors_name_file_and_line),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_in_order_pass),
        cmocka_unit_test(test_missing_and_out_of_order),
        cmocka_unit_test(test_one_line_matches_one_expectation),
        cmocka_unit_test(test_negative_anywhere),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_group_any_order),
        cmocka_unit_test(test_group_failures),
        cmocka_unit_test(test_group_syntax_errors),
        cmocka_unit_test(test_group_incremental_and_forbidden),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
