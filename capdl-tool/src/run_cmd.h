/*
 * `capdl-tool run`: boots a built image folder. Without checks it executes the folder's own
 * `run` script (the interactive path: serial console on this terminal, the script's exit
 * status); with a timeout, expectation file, wanted end or --until-match it executes the QEMU
 * test harness qemu-test on the folder's kernel (image_kernel_name) and loader.elf, so pass/fail, timeouts and
 * the shown output are exactly those of the system tests.
 */
#ifndef CAPDL_TOOL_RUN_CMD_H
#define CAPDL_TOOL_RUN_CMD_H

#include <stdbool.h>
#include <stdint.h>

typedef struct run_opts {
    const char *dir, *system;
    uint64_t memory;
    const char *timeout, *expect, *end; /* NULL = not given */
    const char *log;                    /* the harness writes the output there (a checked run) */
    bool until_match, verbose;
    char **extra;                       /* QEMU arguments after "--" */
    int n_extra;
    const char *qemu_test;              /* the harness program */
    bool aarch64;                       /* QEMU virt (qemu-test --arch aarch64, kernel.elf) */
} run_opts_t;

/* The argument vector run_image executes (NULL-terminated, heap; free with run_free_argv). */
char **run_argv(const run_opts_t *o);
void run_free_argv(char **argv);

/* Runs it and returns its exit status (2 when it cannot be started, 130 on a signal). */
int run_image(const run_opts_t *o);

/* A new folder under $TMPDIR (else /tmp), or NULL; and its removal with the files in it. */
char *run_make_temp_dir(void);
void run_remove_dir(const char *dir);

#endif
