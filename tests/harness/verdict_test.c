/* Unit tests of verdict.c: the end check (incl. any and --until-match) and the exact wording of
 * each failure reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "verdict.h"

static char *lines[] = { "boot", "kernel panic", "done" };

/* Judges a run that ended with end, against expectations text (NULL: none). */
static void judge(enum run_end want, enum run_end end, bool until_match, const char *text,
                  struct verdict *v)
{
    struct run_result run = { .end = end };
    snprintf(run.detail, sizeof(run.detail), "detail");
    struct expect_list l;
    struct expect_result m;
    char err[128];
    if (text) {
        assert_int_equal(expect_parse("e", text, &l, err, sizeof(err)), 0);
        expect_verify(&l, lines, 3, &m);
    }
    struct verdict_input in = { .want_end = want, .until_match = until_match, .run = &run,
                                .expect = text ? &l : NULL, .match = &m, .lines = lines };
    verdict_judge(&in, v);
    if (text)
        expect_free(&l);
}

static void test_ends(void **state)
{
    (void)state;
    struct verdict v;
    judge(END_HALT, END_HALT, false, NULL, &v);
    assert_true(v.pass);
    judge(END_ANY, END_RESET, false, NULL, &v);
    assert_true(v.pass);
    judge(END_ANY, END_ERROR, false, NULL, &v);
    assert_false(v.pass);
    judge(END_HALT, END_PANIC, false, NULL, &v);
    assert_int_equal(v.count, 1);
    assert_string_equal(v.reasons[0], "unexpected end: panic (detail), expected halt");
    judge(END_PANIC, END_TIMEOUT, false, NULL, &v);
    assert_string_equal(v.reasons[0], "timeout: detail (expected panic)");
    judge(END_HALT, END_MATCHED, true, "boot\n", &v);
    assert_true(v.pass);
}

static void test_expectation_reasons(void **state)
{
    (void)state;
    struct verdict v;
    judge(END_HALT, END_HALT, false, "boot\nmissing\n", &v);
    assert_string_equal(v.reasons[0],
                        "expectation not found: e:2: 'missing' (searched after output line 1)");
    judge(END_HALT, END_HALT, false, "done\nboot\n", &v);
    assert_string_equal(v.reasons[0], "expectation out of order: e:2: 'boot' matches only output "
                                      "line 1, not after output line 3 where the previous "
                                      "expectation matched");
    judge(END_HALT, END_TIMEOUT, false, "\n!re: pan+ic\n", &v);
    assert_int_equal(v.count, 2);
    assert_string_equal(v.reasons[1],
                        "forbidden output: e:2: '!re: pan+ic' matches output line 2: 'kernel panic'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ends),
        cmocka_unit_test(test_expectation_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
