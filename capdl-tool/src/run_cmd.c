/*
 * Booting an image folder (run_cmd.h).
 */
#include "run_cmd.h"

#include "image_folder.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char **run_argv(const run_opts_t *o)
{
    VEC(char *) v = { 0 };
    bool checked = o->timeout || o->expect || o->end || o->until_match || o->log;
    char *mem = image_memory_arg(o->memory);
    if (checked) {
        VEC_PUSH(v, xstrdup(o->qemu_test));
        if (o->aarch64) { /* the harness's own virt line (cmake/qemu.cmake QEMU_AARCH64_*) */
            VEC_PUSH(v, xstrdup("--arch"));
            VEC_PUSH(v, xstrdup("aarch64"));
        }
        const char *pairs[][2] = {
            { "--name", o->system }, { "--timeout", o->timeout }, { "--expect", o->expect }, { "--end", o->end },
            { "--log", o->log },
        };
        for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
            if (pairs[i][1]) {
                VEC_PUSH(v, xstrdup(pairs[i][0]));
                VEC_PUSH(v, xstrdup(pairs[i][1]));
            }
        }
        if (o->until_match) {
            VEC_PUSH(v, xstrdup("--until-match"));
        }
        if (o->verbose) {
            VEC_PUSH(v, xstrdup("-v"));
        }
        VEC_PUSH(v, xstrdup("--memory"));
        VEC_PUSH(v, xstrdup(mem));
        VEC_PUSH(v, xstrdup("--kernel"));
        VEC_PUSH(v, xasprintf("%s/%s", o->dir, image_kernel_name(o->aarch64)));
        VEC_PUSH(v, xstrdup("--module"));
        VEC_PUSH(v, xasprintf("%s/loader.elf", o->dir));
    } else {
        VEC_PUSH(v, xasprintf("%s/run", o->dir));
        VEC_PUSH(v, xstrdup("--memory"));
        VEC_PUSH(v, xstrdup(mem));
    }
    free(mem);
    if (o->n_extra) {
        VEC_PUSH(v, xstrdup("--"));
        for (int i = 0; i < o->n_extra; i++) {
            VEC_PUSH(v, xstrdup(o->extra[i]));
        }
    }
    VEC_PUSH(v, NULL);
    return v.v;
}

void run_free_argv(char **argv)
{
    for (char **p = argv; *p; p++) {
        free(*p);
    }
    free(argv);
}

int run_image(const run_opts_t *o)
{
    char **argv = run_argv(o);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        execv(argv[0], argv);
        fprintf(stderr, "capdl-tool: error: cannot run '%s': %s\n", argv[0], strerror(errno));
        _exit(2);
    }
    int code = 2;
    if (pid < 0) {
        fprintf(stderr, "capdl-tool: error: cannot start '%s': %s\n", argv[0], strerror(errno));
    } else {
        /* Ctrl-C reaches QEMU and the harness (same process group); wait for them to end. */
        void (*old_int)(int) = signal(SIGINT, SIG_IGN);
        void (*old_term)(int) = signal(SIGTERM, SIG_IGN);
        int st = 0;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
        }
        signal(SIGINT, old_int);
        signal(SIGTERM, old_term);
        code = WIFEXITED(st) ? WEXITSTATUS(st) : 130;
    }
    run_free_argv(argv);
    return code;
}

char *run_make_temp_dir(void)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/capdl-run-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

void run_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        return;
    }
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            char *p = xasprintf("%s/%s", dir, e->d_name);
            if (unlink(p) != 0) {
                run_remove_dir(p); /* a folder (the ISO tree) */
            }
            free(p);
        }
    }
    closedir(d);
    rmdir(dir);
}
