/* qemu-test: boots a kernel (and modules) in QEMU, captures the serial output, and checks how
 * the run ended and that the output meets an expectation file. The thin driver: parse the
 * arguments, check the inputs, run, match, report, and map the outcome to the exit status in
 * one place: 0 pass, 1 fail, 2 usage or environment error. docs/testing.md is the user guide. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "capture.h"
#include "expect.h"
#include "qemu_cmd.h"
#include "report.h"
#include "runner.h"
#include "verdict.h"

enum { EXIT_PASS = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Everything one invocation works with. */
struct session {
    struct harness_options opt;
    char name[256];
    struct expect_list expect;
    bool have_expect;
    struct expect_progress progress;  /* --until-match: positives met so far */
    struct capture out;
    struct run_result run;
};

/* Prints a usage or environment error and returns EXIT_USAGE. */
static int fail_usage(const char *msg)
{
    fprintf(stderr, "qemu-test: error: %s\n", msg);
    return EXIT_USAGE;
}

/* Writes into s->name the --name value or the base name of the expectation file (without its
 * extension) or of the kernel. */
static void derive_name(struct session *s)
{
    const char *src = s->opt.name ? s->opt.name : s->opt.expect_file ? s->opt.expect_file
                                                                      : s->opt.kernel;
    const char *slash = strrchr(src, '/');
    snprintf(s->name, sizeof(s->name), "%s", s->opt.name || !slash ? src : slash + 1);
    char *dot = strrchr(s->name, '.');
    if (!s->opt.name && dot && dot != s->name)
        *dot = '\0';
}

/* Checks that path names a readable file; writes the reason into err otherwise. */
static int check_readable(const char *what, const char *path, char *err, size_t n)
{
    if (access(path, R_OK) == 0)
        return 0;
    snprintf(err, n, "%s %s: %s", what, path, strerror(errno));
    return -1;
}

/* Validates the inputs before QEMU starts. Returns 0, or -1 with the reason in err. */
static int prepare(struct session *s, char *err, size_t n)
{
    if (check_readable("kernel", s->opt.kernel, err, n) != 0)
        return -1;
    for (size_t i = 0; i < s->opt.module_count; i++)
        if (check_readable("module", s->opt.modules[i], err, n) != 0)
            return -1;
    if (s->opt.expect_file) {
        if (expect_load(s->opt.expect_file, &s->expect, err, n) != 0)
            return -1;
        s->have_expect = true;
    }
    if (s->opt.until_match && (!s->have_expect || s->expect.positives == 0)) {
        snprintf(err, n, "--until-match needs an expectation file with a positive expectation");
        return -1;
    }
    return 0;
}

/* on_output callback for --until-match: true once every positive expectation is met. */
static bool all_met(void *ctx, struct capture *out)
{
    struct session *s = ctx;
    const char *line;
    while ((line = capture_next_line(out)))
        expect_feed(&s->expect, &s->progress, line);
    /* a forbidden line fails the run whatever follows: stop at once instead of waiting */
    return s->progress.forbidden || expect_met(&s->expect, &s->progress, capture_partial_line(out));
}

/* Runs QEMU. Returns 0, or -1 with the reason in err when QEMU could not be started. */
static int execute(struct session *s, char *err, size_t n)
{
    struct qemu_cmd cmd;
    if (qemu_cmd_build(&s->opt, &cmd) != 0) {
        snprintf(err, n, "out of memory");
        return -1;
    }
    struct run_request rq = { .argv = cmd.argv, .timeout_s = s->opt.timeout_s,
                              .echo = s->opt.verbose, .ctx = s,
                              .on_output = s->opt.until_match ? all_met : NULL, .cwd = cmd.cwd };
    int rc = run_qemu(&rq, &s->out, &s->run, err, n);
    if (rc != 0 && strstr(err, "cannot run QEMU") && strstr(err, strerror(ENOENT)))
        snprintf(err + strlen(err), n - strlen(err), " (apt-get install %s)",
                 s->opt.arch == ARCH_AARCH64 ? "qemu-system-arm" : "qemu-system-x86");
    qemu_cmd_free(&cmd);
    return rc;
}

/* Matches the output, prints the verdict and returns the exit status. */
static int conclude(struct session *s)
{
    struct line_list lines;
    struct expect_result match;
    struct verdict v;
    if (capture_split(&s->out, &lines) != 0)
        return fail_usage("out of memory");
    if (s->have_expect)
        expect_verify(&s->expect, lines.lines, lines.count, &match);
    struct verdict_input in = { .want_end = s->opt.want_end, .until_match = s->opt.until_match,
                                .run = &s->run, .expect = s->have_expect ? &s->expect : NULL,
                                .match = &match, .lines = lines.lines };
    verdict_judge(&in, &v);
    /* The streamed console may have stopped mid-line: end it before the verdict's line. */
    if (s->opt.verbose && s->out.len > 0 && s->out.buf[s->out.len - 1] != '\n')
        fputc('\n', stdout);
    if (v.pass)
        report_pass(stdout, s->name, &s->run);
    else
        report_fail(stdout, s->name, &v, &s->run, &s->out, lines.count);
    line_list_free(&lines);
    return v.pass ? EXIT_PASS : EXIT_FAIL;
}

/* Parses, prepares, runs and concludes; the single place that picks the exit status. */
static int run_session(struct session *s, int argc, char **argv)
{
    char err[512];
    if (args_parse(argc, argv, &s->opt, err, sizeof(err)) != 0) {
        fprintf(stderr, "qemu-test: error: %s\n(see qemu-test --help)\n", err);
        return EXIT_USAGE;
    }
    if (s->opt.help) {
        args_usage(stdout);
        return EXIT_PASS;
    }
    derive_name(s);
    if (prepare(s, err, sizeof(err)) != 0 || execute(s, err, sizeof(err)) != 0)
        return fail_usage(err);
    if (s->opt.log_file && report_write_log(s->opt.log_file, &s->out) != 0) {
        snprintf(err, sizeof(err), "cannot write log %s: %s", s->opt.log_file, strerror(errno));
        return fail_usage(err);
    }
    return conclude(s);
}

int main(int argc, char **argv)
{
    static struct session s;
    capture_init(&s.out);
    int status = run_session(&s, argc, argv);
    fflush(stdout);
    if (s.have_expect)
        expect_free(&s.expect);
    capture_free(&s.out);
    return status;
}
