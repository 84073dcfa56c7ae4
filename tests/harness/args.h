/* Command line of qemu-test: the options structure and its parser.
 *
 * Only syntax is checked here (known options, values present and well formed); whether files
 * exist is checked by main before QEMU starts. The option list is printed by args_usage and
 * documented in docs/testing.md.
 */
#ifndef HARNESS_ARGS_H
#define HARNESS_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "runner.h"

#define ARGS_MAX_MODULES 16 /* Multiboot modules per run (-initrd a,b,...) */

struct harness_options {
    const char *name;         /* test name in PASS/FAIL lines; NULL = derive from files */
    const char *kernel;       /* Multiboot kernel image (required) */
    const char *modules[ARGS_MAX_MODULES];
    size_t module_count;
    const char *expect_file;  /* NULL = no expectations, only the end is checked */
    const char *log_file;     /* NULL = no log */
    const char *qemu;         /* QEMU binary (path or name looked up in PATH) */
    const char *memory;       /* value of -m */
    enum harness_arch { ARCH_X86_64, ARCH_AARCH64 } arch; /* which QEMU machine (--arch) */
    double timeout_s;         /* wall-clock limit for the whole run */
    enum run_end want_end;    /* END_HALT, END_PANIC, END_RESET or END_ANY */
    bool until_match;         /* stop QEMU once every expectation is met */
    bool icount;              /* add -icount shift=0 */
    bool verbose;             /* stream output live */
    bool help;                /* --help given: print usage, do nothing else */
    char **extra;             /* arguments after "--", passed to QEMU as they are */
    size_t extra_count;
};

/* Fills o from argv (argv[0] is the program). Defaults: timeout 60 s, end halt, memory and QEMU
 * binary from the build configuration. Returns 0, or -1 with a one-line reason in err. */
int args_parse(int argc, char **argv, struct harness_options *o, char *err, size_t errlen);

/* Prints the usage text to stream (a FILE *, passed as void * to keep stdio out of this header). */
void args_usage(void *stream);

#endif
