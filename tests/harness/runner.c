/* The QEMU process runner: fork/exec with pipes, a poll loop against a monotonic deadline,
 * killing the process group on timeout, early stop or interruption, and the classification of
 * the end. See runner.h. Linux-specific only in PR_SET_PDEATHSIG (QEMU dies with the harness). */
#include "runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* Set by the SIGINT/SIGTERM handler while a run is in progress. */
static volatile sig_atomic_t interrupted;

/* One running QEMU and the state of its pipes. */
struct child {
    pid_t pid;
    int out_fd;            /* QEMU's stdout (the serial console), -1 once closed */
    int err_fd;            /* QEMU's stderr, -1 once closed */
    struct capture errors; /* stderr alone, for run_classify */
};

const char *run_end_name(enum run_end end)
{
    static const char *const names[] = { "halt",    "panic",   "reset", "error",
                                         "timeout", "matched", "any" };
    return (unsigned)end < sizeof(names) / sizeof(names[0]) ? names[end] : "?";
}

/* Copies into line the first line of text that is not a QEMU warning (so QEMU reported an
 * error) and returns line; returns NULL when there is none. */
static const char *first_error_line(const char *text, char *line, size_t n)
{
    while (*text) {
        size_t len = strcspn(text, "\n");
        snprintf(line, n, "%.*s", (int)len, text);
        if (len > 0 && !strstr(line, "warning:"))
            return line;
        text += len + (text[len] == '\n');
    }
    return NULL;
}

enum run_end run_classify(int wait_status, const char *qemu_stderr, char *detail, size_t n)
{
    char line[160];
    if (WIFSIGNALED(wait_status)) {
        snprintf(detail, n, "QEMU was killed by signal %d", WTERMSIG(wait_status));
        return END_ERROR;
    }
    int status = WEXITSTATUS(wait_status);
    if (status == 1 && first_error_line(qemu_stderr, line, sizeof(line))) {
        snprintf(detail, n, "QEMU failed: %s", line);
        return END_ERROR;
    }
    snprintf(detail, n, "QEMU exited with status %d", status);
    if (status == 0)
        return END_RESET;
    if (status == 1)
        return END_HALT;
    if (status == 3)
        return END_PANIC;
    if (status & 1)
        snprintf(detail, n, "QEMU exited with status %d (isa-debug-exit value %d)", status,
                 status >> 1);
    return END_ERROR;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_signal(int sig)
{
    interrupted = sig;
}

/* Installs (install) or restores (!install) the SIGINT/SIGTERM handlers. No SA_RESTART, so a
 * signal interrupts poll. */
static void handle_signals(bool install, struct sigaction saved[2])
{
    static const int sigs[2] = { SIGINT, SIGTERM };
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 2; i++) {
        if (install)
            sigaction(sigs[i], &sa, &saved[i]);
        else
            sigaction(sigs[i], &saved[i], NULL);
    }
}

/* In the child: wires the pipes and executes QEMU; on failure reports errno on report_fd. */
static void exec_child(char *const *argv, const char *cwd, const int out[2], const int err[2],
                       int report_fd)
{
    setpgid(0, 0);
    if (cwd && chdir(cwd) != 0) {
        int e = errno;
        (void)!write(report_fd, &e, sizeof(e));
        _exit(127);
    }
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0) {
        int e = errno;
        (void)!write(report_fd, &e, sizeof(e));
        _exit(127);
    }
    execvp(argv[0], argv);
    int e = errno;
    (void)!write(report_fd, &e, sizeof(e));
    _exit(127);
}

/* Creates a pipe whose ends are closed on exec. Returns 0 or -1 (errno set). */
static int cloexec_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

/* Closes every descriptor in fds that is open. */
static void close_all(int *fds, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

/* Waits for the exec report: 0 when exec succeeded, else the child's errno (child reaped). */
static int wait_exec(pid_t pid, int report_fd)
{
    int e = 0;
    ssize_t n;
    do
        n = read(report_fd, &e, sizeof(e));
    while (n < 0 && errno == EINTR);
    if (n != (ssize_t)sizeof(e))
        return 0;
    waitpid(pid, NULL, 0);
    return e ? e : EIO;
}

/* Forks and executes argv. Returns 0 with ch filled, or -1 with err set. */
static int start_child(char *const *argv, const char *cwd, struct child *ch, char *err, size_t errlen)
{
    int fds[6] = { -1, -1, -1, -1, -1, -1 }; /* out pipe, err pipe, exec report pipe */
    if (cloexec_pipe(fds) || cloexec_pipe(fds + 2) || cloexec_pipe(fds + 4)) {
        snprintf(err, errlen, "cannot create pipes: %s", strerror(errno));
        close_all(fds, 6);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0)
        exec_child(argv, cwd, fds, fds + 2, fds[5]);
    int e = errno;
    close_all((int[]){ fds[1], fds[3], fds[5] }, 3); /* the child's ends */
    if (pid > 0) {
        setpgid(pid, pid); /* also done by the child; whichever runs first wins the race */
        e = wait_exec(pid, fds[4]);
    }
    close(fds[4]);
    if (e != 0) {
        snprintf(err, errlen, "cannot run QEMU '%s': %s", argv[0], strerror(e));
        close_all((int[]){ fds[0], fds[2] }, 2);
        return -1;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    fcntl(fds[2], F_SETFL, O_NONBLOCK);
    *ch = (struct child){ .pid = pid, .out_fd = fds[0], .err_fd = fds[2] };
    return 0;
}

/* Reads what is available on *fd into out (and err_copy, when not NULL), echoing the
 * normalised text when asked.
 * Closes *fd and sets it to -1 at end of file. Returns true when something was read. */
static bool drain_fd(int *fd, struct capture *out, struct capture *err_copy, bool echo)
{
    char buf[4096];
    bool got = false;
    while (*fd >= 0) {
        ssize_t n = read(*fd, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0 || errno != EAGAIN) {
                close(*fd);
                *fd = -1;
            }
            break;
        }
        got = true;
        size_t old_len = out->len;
        capture_append(out, buf, (size_t)n);
        if (err_copy)
            capture_append(err_copy, buf, (size_t)n);
        if (echo && out->len > old_len) { /* the normalised text, as it will be matched */
            (void)!fwrite(out->buf + old_len, 1, out->len - old_len, stdout);
            fflush(stdout);
        }
    }
    return got;
}

/* Kills QEMU's process group and reaps QEMU. */
static void kill_child(struct child *ch)
{
    kill(-ch->pid, SIGKILL);
    kill(ch->pid, SIGKILL);
    while (waitpid(ch->pid, NULL, 0) < 0 && errno == EINTR)
        ;
}

/* Waits up to ms milliseconds for output. Returns true when output was captured. */
static bool poll_output(struct child *ch, int ms, const struct run_request *rq, struct capture *out)
{
    struct pollfd p[2] = { { .fd = ch->out_fd, .events = POLLIN },
                           { .fd = ch->err_fd, .events = POLLIN } };
    if (poll(p, 2, ms) <= 0)
        return false;
    bool got = drain_fd(&ch->out_fd, out, NULL, rq->echo);
    return drain_fd(&ch->err_fd, out, &ch->errors, rq->echo) || got;
}

/* Kills QEMU because the harness ends the run early; records why in res. */
static void end_early(struct child *ch, const struct run_request *rq, struct run_result *res)
{
    kill_child(ch);
    if (interrupted) {
        res->end = END_ERROR;
        snprintf(res->detail, sizeof(res->detail), "interrupted by signal %d", (int)interrupted);
    } else if (res->end == END_MATCHED) {
        snprintf(res->detail, sizeof(res->detail), "stopped by the harness: every expectation met");
    } else {
        res->end = END_TIMEOUT;
        snprintf(res->detail, sizeof(res->detail), "QEMU did not end within %g s and was killed",
                 rq->timeout_s);
    }
}

/* Collects the last output of an exited QEMU and classifies its wait status into res. */
static void finish(struct child *ch, const struct run_request *rq, struct capture *out, int st,
                   struct run_result *res)
{
    drain_fd(&ch->out_fd, out, NULL, rq->echo);
    drain_fd(&ch->err_fd, out, &ch->errors, rq->echo);
    res->signaled = WIFSIGNALED(st);
    res->status = res->signaled ? WTERMSIG(st) : WEXITSTATUS(st);
    res->end = run_classify(st, ch->errors.buf ? ch->errors.buf : "", res->detail,
                            sizeof(res->detail));
}

/* True once QEMU has exited; it stays unreaped (a zombie) until waitpid. */
static bool exited(const struct child *ch)
{
    siginfo_t si;
    memset(&si, 0, sizeof(si));
    return waitid(P_PID, (id_t)ch->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           si.si_pid == ch->pid;
}

/* The poll loop: returns once QEMU exited (classified into res) or was killed. */
static void supervise(struct child *ch, const struct run_request *rq, struct capture *out,
                      struct run_result *res, double deadline)
{
    for (;;) {
        double left = deadline - now();
        if (interrupted || left <= 0) {
            end_early(ch, rq, res);
            return;
        }
        /* Short ticks once the pipes are closed: only the exit is left to notice. */
        int tick = (ch->out_fd < 0 && ch->err_fd < 0) ? 10 : 100;
        int ms = left * 1000 < tick ? (int)(left * 1000) + 1 : tick;
        if (poll_output(ch, ms, rq, out) && rq->on_output && rq->on_output(rq->ctx, out)) {
            res->end = END_MATCHED;
            end_early(ch, rq, res);
            return;
        }
        if (exited(ch)) {
            int st;
            kill(-ch->pid, SIGKILL); /* stragglers; the unreaped QEMU keeps the group id ours */
            while (waitpid(ch->pid, &st, 0) < 0 && errno == EINTR)
                ;
            finish(ch, rq, out, st, res);
            return;
        }
    }
}

int run_qemu(const struct run_request *rq, struct capture *out, struct run_result *res, char *err,
             size_t errlen)
{
    struct sigaction saved[2];
    struct child ch;
    memset(res, 0, sizeof(*res));
    interrupted = 0;
    double start = now();
    handle_signals(true, saved);
    int rc = start_child(rq->argv, rq->cwd, &ch, err, errlen);
    if (rc == 0) {
        capture_init(&ch.errors);
        supervise(&ch, rq, out, res, start + rq->timeout_s);
        close_all((int[]){ ch.out_fd, ch.err_fd }, 2);
        capture_free(&ch.errors);
    }
    handle_signals(false, saved);
    res->seconds = now() - start;
    return rc;
}
