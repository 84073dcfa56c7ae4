/*
 * The in-QEMU test framework of kernel_objects_test: a table of named tests run one at a
 * time by the root task, checks that record the first failure (file:line, expected and
 * actual, seL4 error name and MRs), and a per-test resource reset (test.c).
 *
 * A test is `void test_NAME(void)` listed in main.c. It takes everything it creates from
 * the fresh 1 MiB child untyped `test_untyped` and from slots of alloc_slot() (helpers.h);
 * after it returns, test.c suspends its threads, restores the root task's priority (255),
 * revokes and deletes the child untyped, deletes every slot it allocated and checks that
 * they are empty. Output: `Starting test N: NAME`, then `OK NAME` or
 * `FAILED NAME: file:line: message` (or, on seL4, `SKIP NAME: project-only: WHY` for a test marked
 * project-only); finally `N passed, N failed`, with `, N skipped` when any was skipped.
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stddef.h>

/* One entry of the test table. project_only, when set, says why the test needs our kernel (an
 * extension of ours, or a behaviour where seL4 16.0.0 differs: docs/deviations.md); on seL4 the
 * framework skips it (`SKIP NAME: project-only: WHY`) instead of running it. */
struct test_case {
    const char *name;
    void (*fn)(void);
    const char *project_only;
};

/* Entries of a suite's table: TEST(name) runs test_name everywhere; TEST_PROJECT_ONLY(name, why)
 * only on our kernel. */
#define TEST(t) {.name = #t, .fn = test_##t}
#define TEST_PROJECT_ONLY(t, why) {.name = #t, .fn = test_##t, .project_only = why}

/* True when the suite runs on the real seL4 rather than on our kernel (test.c says how it tells
 * them apart); decided once, before the first test. */
bool test_on_sel4(void);

/* ---- what a test may use ---- */

/* The BootInfo of the root task. */
extern seL4_BootInfo *test_bi;

/* Optional, defined by a suite that needs it: runs before each test, after its child untyped
 * is made; false skips the test's body. The framework's default does nothing. */
bool test_suite_prepare(void);

/* This test's child untyped (TEST_UNTYPED_BITS bits, no children when the test starts). */
extern seL4_CPtr test_untyped;
#ifndef TEST_UNTYPED_BITS /* a suite may build the framework with another size (CMake) */
#define TEST_UNTYPED_BITS 20
#endif

/* Records a failure (only the first one of a test is printed in the FAILED line; later ones
 * are counted) and returns false; use through the macros below. */
bool test_fail_at(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The detail words of the last error reply (MR0..MR4, read right after the call). */
extern seL4_Word test_last_mr[5];

/* Name of an seL4_Error value ("seL4_RangeError"); "seL4_Error(N)" for unknown values. */
const char *test_error_name(seL4_Word err);

/* How many of the MRs in mrs[] (MR0..) an error reply of type err carries (sel4-facts 1.8). */
int test_error_mr_count(seL4_Word err, const seL4_Word *mrs);

/* Compares an seL4_Error with the expected one and, when n_mrs > 0, the first n_mrs error
 * MRs with mrs[]. On a mismatch records "EXPR: expected X [MRs], got Y [MRs]". */
bool test_check_error(seL4_Word got, seL4_Word want, const seL4_Word *mrs, int n_mrs, const char *expr,
                      const char *file, int line);

/* CHECK(cond, fmt, ...): records a failure with the message when cond is false; evaluates
 * to cond. */
#define CHECK(cond, ...) ((cond) ? true : test_fail_at(__FILE__, __LINE__, __VA_ARGS__))

/* CHECK_EQ(a, b): two words equal; the message shows both expressions and values. */
#define CHECK_EQ(a, b)                                                                                   \
    ({                                                                                                   \
        seL4_Word check_a_ = (seL4_Word)(a), check_b_ = (seL4_Word)(b);                                  \
        check_a_ == check_b_ ? true                                                                      \
                             : test_fail_at(__FILE__, __LINE__, "%s is %lu (0x%lx), expected %s = %lu (0x%lx)", \
                                            #a, check_a_, check_a_, #b, check_b_, check_b_);              \
    })

/* CHECK_ERROR(call, seL4_X): the invocation returns seL4_X (MRs not checked). */
#define CHECK_ERROR(expr, want) test_check_error((expr), (want), NULL, 0, #expr, __FILE__, __LINE__)

/* CHECK_ERROR_MRS(call, seL4_X, mr0, mr1, ...): the invocation returns seL4_X and the error
 * reply's MR0.. hold the given words (e.g. RangeError min, max). */
#define CHECK_ERROR_MRS(expr, want, ...)                                                                 \
    test_check_error((expr), (want), (const seL4_Word[]){__VA_ARGS__},                                    \
                     (int)(sizeof((const seL4_Word[]){__VA_ARGS__}) / sizeof(seL4_Word)), #expr, __FILE__, \
                     __LINE__)

/* CHECK_OK(call): the invocation succeeds (seL4_NoError). */
#define CHECK_OK(expr) CHECK_ERROR(expr, seL4_NoError)

/* REQUIRE_*: as the CHECK forms, but return from the (void) test function on failure:
 * for steps the rest of the test depends on. */
#define REQUIRE(cond, ...)                 \
    do {                                   \
        if (!CHECK(cond, __VA_ARGS__)) {   \
            return;                        \
        }                                  \
    } while (0)
#define REQUIRE_OK(expr)                   \
    do {                                   \
        if (!CHECK_OK(expr)) {             \
            return;                        \
        }                                  \
    } while (0)

/* Prints an informational line of the running test ("  NAME: ..."), e.g. measured values. */
void test_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs the table and prints the summary; returns the number of failed tests. */
int test_run_all(const struct test_case *tests, size_t n);
