/*
 * Unit tests of the diagnostics module (diag.c): the exact rendered text (position, key path,
 * source line, caret, hint), sorting by position with position-less errors first and ties in
 * insertion order, tabs and CRLF in source lines, positions past the end of the text or of the
 * line, files without registered text, and "did you mean".
 */
#include "test_util.h"

static const char src[] = "system: t\n\tkey: value\r\nlast";

static char *render(diag_t *d)
{
    char *s = diag_render(d);
    diag_free(d);
    return s;
}

static void test_full_entry(void **state)
{
    (void)state;
    diag_t d = { 0 };
    diag_add_source(&d, "a.yaml", src, strlen(src));
    diag_error(&d, (pos_t){ "a.yaml", 1, 9 }, "system", "did you mean 'x'?", "bad %s %d", "name", 7);
    char *s = render(&d);
    assert_string_equal(s, "a.yaml:1:9: error: bad name 7\n"
                           "  at: system\n"
                           "    1 | system: t\n"
                           "      |         ^\n"
                           "  did you mean 'x'?\n");
    free(s);
}

static void test_tab_and_crlf(void **state)
{
    (void)state;
    diag_t d = { 0 };
    diag_add_source(&d, "a.yaml", src, strlen(src));
    diag_error(&d, (pos_t){ "a.yaml", 2, 3 }, NULL, NULL, "tab");
    char *s = render(&d);
    /* The tab is kept under the tab so the caret lines up; the '\r' is not printed. */
    assert_string_equal(s, "a.yaml:2:3: error: tab\n    2 | \tkey: value\n      | \t ^\n");
    free(s);
}

static void test_last_line_and_past_end(void **state)
{
    (void)state;
    diag_t d = { 0 };
    diag_add_source(&d, "a.yaml", src, strlen(src));
    diag_error(&d, (pos_t){ "a.yaml", 3, 40 }, NULL, NULL, "col past the end");
    diag_error(&d, (pos_t){ "a.yaml", 9, 1 }, NULL, NULL, "line past the end");
    char *s = render(&d);
    /* A column past the end puts the caret after the line; a line past the end has no source. */
    assert_string_equal(s, "a.yaml:3:40: error: col past the end\n    3 | last\n      |     ^\n"
                           "a.yaml:9:1: error: line past the end\n");
    free(s);
}

static void test_sorted(void **state)
{
    (void)state;
    diag_t d = { 0 };
    diag_error(&d, (pos_t){ "b.yaml", 1, 1 }, NULL, NULL, "b1");
    diag_error(&d, (pos_t){ "a.yaml", 5, 2 }, NULL, NULL, "a5.2");
    diag_error(&d, (pos_t){ "a.yaml", 5, 1 }, NULL, NULL, "a5.1 first");
    diag_error(&d, (pos_t){ 0 }, NULL, NULL, "no position");
    diag_error(&d, (pos_t){ "a.yaml", 5, 1 }, NULL, NULL, "a5.1 second");
    diag_error(&d, (pos_t){ "a.yaml", 2, 9 }, NULL, NULL, "a2");
    char *s = render(&d);
    /* No text registered: no source lines. */
    assert_string_equal(s, "capdl-tool: error: no position\n"
                           "a.yaml:2:9: error: a2\n"
                           "a.yaml:5:1: error: a5.1 first\n"
                           "a.yaml:5:1: error: a5.1 second\n"
                           "a.yaml:5:2: error: a5.2\n"
                           "b.yaml:1:1: error: b1\n");
    free(s);
}

static void test_empty(void **state)
{
    (void)state;
    diag_t d = { 0 };
    char *s = render(&d);
    assert_string_equal(s, "");
    free(s);
    diag_add_source(&d, "e.yaml", "", 0);
    diag_error(&d, (pos_t){ "e.yaml", 1, 1 }, NULL, NULL, "empty file");
    s = render(&d);
    assert_string_equal(s, "e.yaml:1:1: error: empty file\n    1 | \n      | ^\n");
    free(s);
}

static void test_hint_closest(void **state)
{
    (void)state;
    const char *const cands[] = { "endpoint", "notification", "frame" };
    char *h = diag_hint_closest("endpont", cands, 3);
    assert_string_equal(h, "did you mean 'endpoint'?");
    free(h);
    assert_null(diag_hint_closest("zzzzzz", cands, 3));
    assert_null(diag_hint_closest("x", cands, 0));
    h = diag_hint_closest("fram", cands, 3);
    assert_string_equal(h, "did you mean 'frame'?");
    free(h);
}

static void test_two_sources(void **state)
{
    (void)state;
    diag_t d = { 0 };
    diag_add_source(&d, "a.yaml", "alpha\n", 6);
    diag_add_source(&d, "b.yaml", "beta\n", 5);
    diag_error(&d, (pos_t){ "b.yaml", 1, 2 }, NULL, NULL, "in b");
    char *s = render(&d);
    assert_string_equal(s, "b.yaml:1:2: error: in b\n    1 | beta\n      |  ^\n");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_entry),
        cmocka_unit_test(test_tab_and_crlf),
        cmocka_unit_test(test_last_line_and_past_end),
        cmocka_unit_test(test_sorted),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_hint_closest),
        cmocka_unit_test(test_two_sources),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
