/* Unit tests of qemu_cmd.c: the order and content of QEMU's argv, with and without modules,
 * -icount and extra arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "qemu_cmd.h"
#include "qemu_config.h"

static const char *const base[] = { QEMU_BASE_ARGS };
#define NBASE (sizeof(base) / sizeof(base[0]))

/* Options with the given kernel and defaults otherwise. */
static struct harness_options options(const char *kernel)
{
    struct harness_options o;
    memset(&o, 0, sizeof(o));
    o.qemu = "qemu";
    o.memory = "512M";
    o.kernel = kernel;
    return o;
}

/* Asserts that argv from index from on is exactly the NULL-terminated list want. */
static void assert_tail(char **argv, size_t from, const char *const *want)
{
    size_t i = 0;
    for (; want[i]; i++)
        assert_string_equal(argv[from + i], want[i]);
    assert_null(argv[from + i]);
}

static void test_minimal(void **state)
{
    (void)state;
    struct harness_options o = options("k.elf");
    struct qemu_cmd cmd;
    assert_int_equal(qemu_cmd_build(&o, &cmd), 0);
    assert_string_equal(cmd.argv[0], "qemu");
    for (size_t i = 0; i < NBASE; i++)
        assert_string_equal(cmd.argv[1 + i], base[i]);
    assert_tail(cmd.argv, 1 + NBASE, (const char *const[]){ "-m", "512M", "-kernel", "k.elf", NULL });
    assert_int_equal(cmd.argc, 1 + NBASE + 4);
    qemu_cmd_free(&cmd);
}

static void test_full(void **state)
{
    (void)state;
    char *extra[] = { "-S", "-d", "int" };
    struct harness_options o = options("k");
    o.modules[0] = "root.elf";
    o.modules[1] = "data.bin";
    o.module_count = 2;
    o.icount = true;
    o.extra = extra;
    o.extra_count = 3;
    struct qemu_cmd cmd;
    assert_int_equal(qemu_cmd_build(&o, &cmd), 0);
    assert_tail(cmd.argv, 1 + NBASE,
                (const char *const[]){ "-m", "512M", "-icount", "shift=0", "-kernel", "k",
                                       "-initrd", "root.elf,data.bin", "-S", "-d", "int", NULL });
    qemu_cmd_free(&cmd);
}

/* A module that exists: QEMU runs in its folder and gets its file name alone (the kernel prints
 * the module's command line, which must not carry a build path); the kernel becomes absolute. */
static void test_module_folder(void **state)
{
    (void)state;
    struct harness_options o = options("k.elf");
    o.modules[0] = "/usr/bin/env";
    o.module_count = 1;
    struct qemu_cmd cmd;
    assert_int_equal(qemu_cmd_build(&o, &cmd), 0);
    assert_string_equal(cmd.cwd, "/usr/bin");
    assert_string_equal(cmd.initrd, "env");
    assert_string_equal(cmd.argv[cmd.argc - 1], "env");
    assert_true(cmd.argv[cmd.argc - 3][0] == '/' || strcmp(cmd.argv[cmd.argc - 3], "k.elf") == 0);
    qemu_cmd_free(&cmd);
}

/* aarch64: the virt machine's base arguments, -icount with sleep=off, and the root task by
 * QEMU's generic loader device at the kernel's fixed address, by its absolute path. */
static void test_aarch64(void **state)
{
    (void)state;
    static const char *const arm_base[] = { QEMU_AARCH64_BASE_ARGS };
    struct harness_options o = options("k.elf");
    o.arch = ARCH_AARCH64;
    o.modules[0] = "/usr/bin/env";
    o.module_count = 1;
    o.icount = true;
    struct qemu_cmd cmd;
    assert_int_equal(qemu_cmd_build(&o, &cmd), 0);
    size_t n = sizeof(arm_base) / sizeof(arm_base[0]);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(cmd.argv[1 + i], arm_base[i]);
    assert_string_equal(cmd.argv[1 + n + 2], "-icount");
    assert_string_equal(cmd.argv[1 + n + 3], "shift=0,sleep=off");
    assert_string_equal(cmd.argv[cmd.argc - 2], "-device");
    assert_string_equal(cmd.argv[cmd.argc - 1], "loader,file=/usr/bin/env,addr=0x48000000,force-raw=on");
    bool semihosting = false;
    for (size_t i = 0; i < n; i++)
        semihosting |= strcmp(arm_base[i], "-semihosting") == 0;
    assert_true(semihosting);
    qemu_cmd_free(&cmd);
}

static void test_base_has_the_conventions(void **state)
{
    (void)state;
    bool exit_device = false, no_reboot = false;
    for (size_t i = 0; i < NBASE; i++) {
        exit_device |= strcmp(base[i], "isa-debug-exit,iobase=0xf4,iosize=0x04") == 0;
        no_reboot |= strcmp(base[i], "-no-reboot") == 0;
    }
    assert_true(exit_device && no_reboot);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_minimal),
        cmocka_unit_test(test_full),
        cmocka_unit_test(test_module_folder),
        cmocka_unit_test(test_base_has_the_conventions),
        cmocka_unit_test(test_aarch64),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
