/* The QEMU process runner: start QEMU, capture its output until it ends or the deadline passes,
 * and classify how the run ended.
 *
 * QEMU runs in its own process group with stdin from /dev/null and stdout and stderr on pipes;
 * a timeout, an early stop or SIGINT/SIGTERM to the harness kills the whole group. The end
 * classification follows the isa-debug-exit convention (docs/testing.md): the kernel writes V
 * to port 0xf4 and QEMU exits with (V << 1) | 1. The runner knows nothing of expectations: an
 * on_output callback decides about early stops.
 */
#ifndef HARNESS_RUNNER_H
#define HARNESS_RUNNER_H

#include <stdbool.h>
#include <stddef.h>

#include "capture.h"

enum run_end {
    END_HALT,     /* QEMU status 1: V = 0, seL4_DebugHalt */
    END_PANIC,    /* QEMU status 3: V = 1, boot refused or kernel panic */
    END_RESET,    /* QEMU status 0: shutdown or reset (triple fault with -no-reboot) */
    END_ERROR,    /* any other status, a signal, or QEMU reported an error */
    END_TIMEOUT,  /* the deadline passed; the harness killed QEMU */
    END_MATCHED,  /* the harness stopped QEMU because on_output asked (--until-match) */
    END_ANY,      /* only as a wanted end: halt, panic or reset */
};

struct run_request {
    char *const *argv;  /* NULL-terminated QEMU command line; argv[0] is looked up in PATH */
    double timeout_s;
    bool echo;          /* copy output to our stdout as it arrives */
    /* Called after new output was captured; returning true stops QEMU (END_MATCHED). May be NULL. */
    bool (*on_output)(void *ctx, struct capture *out);
    void *ctx;
    const char *cwd;    /* the folder QEMU runs in, NULL = ours */
};

struct run_result {
    enum run_end end;
    int status;         /* QEMU's exit status, or the signal that killed it (see signaled) */
    bool signaled;
    double seconds;     /* wall time from start to end */
    char detail[256];   /* human explanation of the end, e.g. "QEMU exited with status 3" */
};

/* Runs rq->argv, appending all output to out, and fills res. Returns 0 when QEMU ran (whatever
 * the end), or -1 when it could not be started, with the reason in err. Installs SIGINT and
 * SIGTERM handlers for the duration of the run and restores the previous ones. */
int run_qemu(const struct run_request *rq, struct capture *out, struct run_result *res, char *err,
             size_t errlen);

/* Classifies a wait status of QEMU (not killed by the harness). qemu_stderr is everything QEMU
 * wrote to stderr: a status of 1 with an error message there is QEMU failing to start, not a
 * halt. Writes an explanation into detail. */
enum run_end run_classify(int wait_status, const char *qemu_stderr, char *detail, size_t n);

/* The name of an end as used on the command line and in reports ("halt", ...). */
const char *run_end_name(enum run_end end);

#endif
