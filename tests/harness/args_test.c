/* Unit tests of args.c: defaults, both value forms, repeatable modules, the arguments after
 * "--", and the exact usage error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "args.h"
#include "qemu_config.h"

#define ARGC(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void test_defaults(void **state)
{
    (void)state;
    char *argv[] = { "qemu-test", "--kernel", "k.elf" };
    struct harness_options o;
    char err[256];
    assert_int_equal(args_parse(ARGC(argv), argv, &o, err, sizeof(err)), 0);
    assert_string_equal(o.kernel, "k.elf");
    assert_string_equal(o.qemu, QEMU_DEFAULT_BINARY);
    assert_string_equal(o.memory, QEMU_DEFAULT_MEMORY);
    assert_true(o.timeout_s == 60);
    assert_int_equal(o.want_end, END_HALT);
    assert_int_equal(o.module_count, 0);
    assert_null(o.expect_file);
    assert_false(o.until_match || o.icount || o.verbose || o.help);
}

static void test_everything(void **state)
{
    (void)state;
    char *argv[] = { "qemu-test", "--timeout=1.5", "--expect", "e", "--end", "any",
                     "--until-match", "--icount", "--memory=64M", "--qemu", "/q", "--log", "l",
                     "--kernel=k", "--module", "a", "--module=b", "-v", "--name", "n", "--",
                     "-S", "--kernel" };
    struct harness_options o;
    char err[256];
    assert_int_equal(args_parse(ARGC(argv), argv, &o, err, sizeof(err)), 0);
    assert_true(o.timeout_s == 1.5);
    assert_string_equal(o.expect_file, "e");
    assert_int_equal(o.want_end, END_ANY);
    assert_true(o.until_match && o.icount && o.verbose);
    assert_string_equal(o.memory, "64M");
    assert_string_equal(o.qemu, "/q");
    assert_string_equal(o.log_file, "l");
    assert_string_equal(o.kernel, "k");
    assert_int_equal(o.module_count, 2);
    assert_string_equal(o.modules[1], "b");
    assert_string_equal(o.name, "n");
    assert_int_equal(o.extra_count, 2);
    assert_string_equal(o.extra[1], "--kernel");
}

/* Asserts that parsing argv fails with exactly message. */
static void assert_usage_error(int argc, char **argv, const char *message)
{
    struct harness_options o;
    char err[256];
    assert_int_equal(args_parse(argc, argv, &o, err, sizeof(err)), -1);
    assert_string_equal(err, message);
}

static void test_errors(void **state)
{
    (void)state;
    char *a1[] = { "qemu-test" };
    assert_usage_error(ARGC(a1), a1, "--kernel is required");
    char *a2[] = { "qemu-test", "--kernel" };
    assert_usage_error(ARGC(a2), a2, "--kernel: missing value");
    char *a3[] = { "qemu-test", "--kernel", "k", "-S" };
    assert_usage_error(ARGC(a3), a3, "unknown argument '-S' (QEMU arguments go after --)");
    char *a4[] = { "qemu-test", "--kernel", "k", "--end", "crash" };
    assert_usage_error(ARGC(a4), a4, "--end crash: expected halt, panic, reset or any");
    char *a5[] = { "qemu-test", "--kernel", "k", "--timeout", "0" };
    assert_usage_error(ARGC(a5), a5, "--timeout 0: expected a positive number of seconds");
    char *a6[] = { "qemu-test", "--kernel", "k", "--module", "a,b" };
    assert_usage_error(ARGC(a6), a6, "--module a,b: a module path cannot contain ','");
    char *a7[] = { "qemu-test", "--kernel", "k", "--end=" };
    assert_usage_error(ARGC(a7), a7, "--end=: missing value");
    char *a8[] = { "qemu-test", "--kernel", "k", "--end", "timeout" };
    assert_usage_error(ARGC(a8), a8, "--end timeout: expected halt, panic, reset or any");
}

/* --arch aarch64 switches the binary and memory defaults; explicit values win in either order. */
static void test_arch(void **state)
{
    (void)state;
    struct harness_options o;
    char err[256];
    char *a1[] = { "qemu-test", "--kernel", "k", "--arch", "aarch64" };
    assert_int_equal(args_parse(ARGC(a1), a1, &o, err, sizeof(err)), 0);
    assert_int_equal(o.arch, ARCH_AARCH64);
    assert_string_equal(o.qemu, QEMU_AARCH64_DEFAULT_BINARY);
    assert_string_equal(o.memory, QEMU_AARCH64_DEFAULT_MEMORY);
    char *a2[] = { "qemu-test", "--kernel", "k", "--memory", "2G", "--arch=aarch64", "--qemu", "q" };
    assert_int_equal(args_parse(ARGC(a2), a2, &o, err, sizeof(err)), 0);
    assert_string_equal(o.memory, "2G");
    assert_string_equal(o.qemu, "q");
    char *a3[] = { "qemu-test", "--kernel", "k", "--arch", "riscv64" };
    assert_usage_error(ARGC(a3), a3, "--arch riscv64: expected x86_64 or aarch64");
    char *a4[] = { "qemu-test", "--kernel", "k", "--arch", "aarch64", "--module", "a", "--module", "b" };
    assert_usage_error(ARGC(a4), a4, "--arch aarch64 takes one module (the root task)");
}

static void test_help_needs_no_kernel(void **state)
{
    (void)state;
    char *argv[] = { "qemu-test", "--help" };
    struct harness_options o;
    char err[256];
    assert_int_equal(args_parse(ARGC(argv), argv, &o, err, sizeof(err)), 0);
    assert_true(o.help);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_everything),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_help_needs_no_kernel),
        cmocka_unit_test(test_arch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
