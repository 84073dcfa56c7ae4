/* Unit tests of runner.c: the classification of QEMU's wait status (real statuses produced by
 * forked children), and run_qemu on /bin/sh for capture, timeout, early stop and exec failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

/* A genuine wait status: of a child exiting with code, or killed by sig when sig != 0. */
static int wait_status(int code, int sig)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (sig)
            kill(getpid(), sig);
        _exit(code);
    }
    int st;
    waitpid(pid, &st, 0);
    return st;
}

static void test_classify(void **state)
{
    (void)state;
    char d[256];
    assert_int_equal(run_classify(wait_status(1, 0), "", d, sizeof(d)), END_HALT);
    assert_string_equal(d, "QEMU exited with status 1");
    assert_int_equal(run_classify(wait_status(3, 0), "", d, sizeof(d)), END_PANIC);
    assert_int_equal(run_classify(wait_status(0, 0), "", d, sizeof(d)), END_RESET);
    assert_int_equal(run_classify(wait_status(7, 0), "", d, sizeof(d)), END_ERROR);
    assert_string_equal(d, "QEMU exited with status 7 (isa-debug-exit value 3)");
    assert_int_equal(run_classify(wait_status(2, 0), "", d, sizeof(d)), END_ERROR);
    assert_string_equal(d, "QEMU exited with status 2");
    assert_int_equal(run_classify(wait_status(0, SIGKILL), "", d, sizeof(d)), END_ERROR);
    assert_string_equal(d, "QEMU was killed by signal 9");
}

static void test_classify_qemu_errors(void **state)
{
    (void)state;
    char d[256];
    int one = wait_status(1, 0);
    assert_int_equal(run_classify(one, "qemu-system-x86_64: warning: x\n", d, sizeof(d)), END_HALT);
    assert_int_equal(run_classify(one, "qemu: could not open kernel file 'k'\n", d, sizeof(d)),
                     END_ERROR);
    assert_string_equal(d, "QEMU failed: qemu: could not open kernel file 'k'");
}

/* Runs "sh -c script" through run_qemu. */
static int run_sh(const char *script, double timeout, struct capture *out, struct run_result *res,
                  bool (*on_output)(void *, struct capture *))
{
    char *argv[] = { "sh", "-c", (char *)script, NULL };
    struct run_request rq = { .argv = argv, .timeout_s = timeout, .on_output = on_output };
    char err[256];
    capture_init(out);
    return run_qemu(&rq, out, res, err, sizeof(err));
}

static void test_run_captures_both_streams(void **state)
{
    (void)state;
    struct capture out;
    struct run_result res;
    assert_int_equal(run_sh("echo out; echo err >&2; exit 3", 10, &out, &res, NULL), 0);
    assert_int_equal(res.end, END_PANIC);
    assert_int_equal(res.status, 3);
    assert_non_null(strstr(out.buf, "out\n"));
    assert_non_null(strstr(out.buf, "err\n"));
    capture_free(&out);
}

static void test_run_timeout_kills_the_group(void **state)
{
    (void)state;
    struct capture out;
    struct run_result res;
    assert_int_equal(run_sh("echo started; sleep 30; echo late", 0.3, &out, &res, NULL), 0);
    assert_int_equal(res.end, END_TIMEOUT);
    assert_true(res.seconds < 5);
    assert_string_equal(out.buf, "started\n");
    capture_free(&out);
}

/* Stops as soon as "ready" was printed. */
static bool seen_ready(void *ctx, struct capture *out)
{
    (void)ctx;
    return strstr(out->buf, "ready") != NULL;
}

static void test_run_stops_early(void **state)
{
    (void)state;
    struct capture out;
    struct run_result res;
    assert_int_equal(run_sh("echo ready; sleep 30", 20, &out, &res, seen_ready), 0);
    assert_int_equal(res.end, END_MATCHED);
    assert_true(res.seconds < 5);
    capture_free(&out);
}

static void test_exec_failure(void **state)
{
    (void)state;
    char *argv[] = { "/nonexistent/qemu", NULL };
    struct run_request rq = { .argv = argv, .timeout_s = 5 };
    struct capture out;
    struct run_result res;
    char err[256];
    capture_init(&out);
    assert_int_equal(run_qemu(&rq, &out, &res, err, sizeof(err)), -1);
    assert_string_equal(err, "cannot run QEMU '/nonexistent/qemu': No such file or directory");
    capture_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_classify_qemu_errors),
        cmocka_unit_test(test_run_captures_both_streams),
        cmocka_unit_test(test_run_timeout_kills_the_group),
        cmocka_unit_test(test_run_stops_early),
        cmocka_unit_test(test_exec_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
