/*
 * The framework of kernel_objects_test (see test.h): runs the test table one test at a time
 * with a fresh child untyped each, records the first failed check of a test with file:line,
 * prints one result line per test and the summary, and releases each test's resources.
 */
#include "test.h"
#include "helpers.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

seL4_BootInfo *test_bi;
seL4_CPtr test_untyped;
seL4_Word test_last_mr[5];

static const char *current_name;
static int current_failures;
static char first_failure[512];

static const char *const error_names[] = {
    "seL4_NoError", "seL4_InvalidArgument", "seL4_InvalidCapability", "seL4_IllegalOperation",
    "seL4_RangeError", "seL4_AlignmentError", "seL4_FailedLookup", "seL4_TruncatedMessage",
    "seL4_DeleteFirst", "seL4_RevokeFirst", "seL4_NotEnoughMemory",
};

const char *test_error_name(seL4_Word err)
{
    static char buf[32];
    if (err < sizeof(error_names) / sizeof(error_names[0])) {
        return error_names[err];
    }
    snprintf(buf, sizeof(buf), "seL4_Error(%lu)", err);
    return buf;
}

bool test_fail_at(const char *file, int line, const char *fmt, ...)
{
    if (current_failures++ == 0) {
        const char *base = strrchr(file, '/');
        int n = snprintf(first_failure, sizeof(first_failure), "%s:%d: ", base ? base + 1 : file, line);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(first_failure + n, sizeof(first_failure) - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

void test_info(const char *fmt, ...)
{
    va_list ap;
    printf("  %s: ", current_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

/* Formats " [MR0=a MR1=b ...]" of the n words into buf. */
static void format_mrs(char *buf, size_t size, const seL4_Word *mrs, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        used += (size_t)snprintf(buf + used, size - used, "%sMR%d=%lu", i == 0 ? " [" : " ", i, mrs[i]);
    }
    if (n > 0 && used < size) {
        snprintf(buf + used, size - used, "]");
    }
}

int test_error_mr_count(seL4_Word err, const seL4_Word *mrs)
{
    switch (err) {
    case seL4_InvalidArgument:
    case seL4_InvalidCapability:
    case seL4_NotEnoughMemory:
        return 1;
    case seL4_RangeError:
        return 2;
    case seL4_FailedLookup:
        /* MR0 source?, MR1 lookup failure type, then its details (sel4-facts 1.8) */
        switch (mrs[1]) {
        case seL4_MissingCapability:
            return 3;
        case seL4_DepthMismatch:
            return 4;
        case seL4_GuardMismatch:
            return 5;
        default:
            return 2;
        }
    default:
        return 0;
    }
}

bool test_check_error(seL4_Word got, seL4_Word want, const seL4_Word *mrs, int n_mrs, const char *expr,
                      const char *file, int line)
{
    for (int i = 0; i < 5; i++) {
        test_last_mr[i] = seL4_GetMR(i);
    }
    bool ok = got == want;
    for (int i = 0; ok && i < n_mrs; i++) {
        ok = test_last_mr[i] == mrs[i];
    }
    if (ok) {
        return true;
    }
    char want_mrs[96], got_mrs[96];
    format_mrs(want_mrs, sizeof(want_mrs), mrs, n_mrs);
    /* show the detail words the reply's error carries */
    format_mrs(got_mrs, sizeof(got_mrs), test_last_mr, test_error_mr_count(got, test_last_mr));
    return test_fail_at(file, line, "%s: expected %s%s, got %s%s", expr, test_error_name(want), want_mrs,
                        test_error_name(got), got_mrs);
}

__attribute__((weak)) bool test_suite_prepare(void)
{
    return true;
}

/* Carves this test's child untyped out of the big boot untyped. */
static bool make_test_untyped(void)
{
    test_untyped = helpers_untyped_slot();
    seL4_Error err = seL4_Untyped_Retype(helpers_big_untyped(), seL4_UntypedObject, TEST_UNTYPED_BITS, ROOT_CNODE, 0, 0,
                                         test_untyped, 1);
    char what[96];
    snprintf(what, sizeof(what), "setup: Untyped_Retype of the %u-bit test untyped from boot untyped slot %lu",
             TEST_UNTYPED_BITS, helpers_big_untyped());
    return test_check_error(err, seL4_NoError, NULL, 0, what, __FILE__, __LINE__);
}

/* Releases the test's resources: threads, priority, the child untyped and its objects, and
 * every slot it allocated (which must then be empty). */
static void release_test_resources(void)
{
    helpers_cleanup();
    seL4_Error err = seL4_CNode_Revoke(ROOT_CNODE, test_untyped, ROOT_DEPTH);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "cleanup: Revoke of the test untyped: %s", test_error_name(err));
    }
    err = seL4_CNode_Delete(ROOT_CNODE, test_untyped, ROOT_DEPTH);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "cleanup: Delete of the test untyped: %s", test_error_name(err));
    }
    helpers_check_slots_clear();
}

/* Which kernel runs the suite. Our kernel takes IRQControl_Get for an ISA IRQ through the IOAPIC,
 * a named extension (docs/deviations.md); seL4 16.0.0 with its IOAPIC answers IllegalOperation
 * to every IRQControl_Get. ISA IRQ 15 is wired to nothing the suites use; the handler cap ours
 * hands out is deleted again at once, which frees the IRQ. */
static int kernel_is_sel4 = -1;

bool test_on_sel4(void)
{
    if (kernel_is_sel4 < 0) {
        seL4_CPtr slot = helpers_first_test_slot();
        seL4_Error err = seL4_IRQControl_Get(seL4_CapIRQControl, 15, ROOT_CNODE, slot, ROOT_DEPTH);
        if (err == seL4_NoError) {
            seL4_CNode_Delete(ROOT_CNODE, slot, ROOT_DEPTH);
        }
        kernel_is_sel4 = err == seL4_IllegalOperation;
        printf("test framework: running on %s\n", kernel_is_sel4 ? "seL4 (project-only tests are skipped)"
                                                                 : "our kernel (every test runs)");
    }
    return kernel_is_sel4;
}

int test_run_all(const struct test_case *tests, size_t n)
{
    int passed = 0, failed = 0, skipped = 0;
    bool sel4 = test_on_sel4();
    for (size_t i = 0; i < n; i++) {
        current_name = tests[i].name;
        current_failures = 0;
        first_failure[0] = '\0';
        printf("Starting test %zu: %s\n", i, tests[i].name);
        if (sel4 && tests[i].project_only) {
            printf("SKIP %s: project-only: %s\n", tests[i].name, tests[i].project_only);
            skipped++;
            continue;
        }
        helpers_reset();
        if (make_test_untyped() && test_suite_prepare()) {
            tests[i].fn();
        }
        release_test_resources();
        if (current_failures == 0) {
            printf("OK %s\n", tests[i].name);
            passed++;
        } else if (current_failures == 1) {
            printf("FAILED %s: %s\n", tests[i].name, first_failure);
            failed++;
        } else {
            printf("FAILED %s: %s (and %d more failed checks)\n", tests[i].name, first_failure,
                   current_failures - 1);
            failed++;
        }
    }
    if (skipped) {
        printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    } else {
        printf("%d passed, %d failed\n", passed, failed);
    }
    return failed;
}
