/* Builds QEMU's argv from the harness options; see qemu_cmd.h. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "qemu_cmd.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_config.h"

static const char *const base_args[] = { QEMU_BASE_ARGS };
static const char *const icount_args[] = { QEMU_ICOUNT_ARGS };
static const char *const aarch64_base_args[] = { QEMU_AARCH64_BASE_ARGS };
static const char *const aarch64_icount_args[] = { QEMU_AARCH64_ICOUNT_ARGS };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The absolute form of path, or a copy of it as given when it cannot be resolved. */
static char *absolute(const char *path)
{
    char *r = realpath(path, NULL);
    return r ? r : strdup(path);
}

/* Joins the module paths with ',' (QEMU's Multiboot module separator): the first by its file
 * name when cwd is its folder, the others absolute. NULL when out of memory. */
static char *join_modules(const struct harness_options *o, const char *cwd)
{
    size_t len = 1;
    char **parts = calloc(o->module_count, sizeof(char *));
    for (size_t i = 0; parts && i < o->module_count; i++) {
        const char *slash = strrchr(o->modules[i], '/');
        parts[i] = i == 0 && cwd ? strdup(slash ? slash + 1 : o->modules[i]) : cwd ? absolute(o->modules[i])
                                                                                : strdup(o->modules[i]);
        len += parts[i] ? strlen(parts[i]) + 1 : 0;
    }
    char *s = parts ? malloc(len) : NULL;
    if (s)
        s[0] = '\0';
    for (size_t i = 0; parts && i < o->module_count; i++) {
        if (s && parts[i]) {
            strcat(s, i ? "," : "");
            strcat(s, parts[i]);
        } else if (!parts[i]) {
            free(s);
            s = NULL;
        }
        free(parts[i]);
    }
    free(parts);
    return s;
}

/* The folder of the first module, absolute, or NULL (no module, or it cannot be resolved). */
static char *module_folder(const struct harness_options *o)
{
    char *r = o->module_count ? realpath(o->modules[0], NULL) : NULL;
    char *slash = r ? strrchr(r, '/') : NULL;
    if (slash)
        *(slash == r ? slash + 1 : slash) = '\0';
    return r;
}

/* The AArch64 root task goes in by QEMU's generic loader device, byte for byte at the address
 * the kernel looks at (kernel/include/plat/qemu-arm-virt/plat/machine.h). NULL when out of
 * memory. */
static char *loader_device(const char *module)
{
    static const char prefix[] = "loader,file=", suffix[] = ",addr=" QEMU_AARCH64_ROOTTASK_ADDR ",force-raw=on";
    char *path = absolute(module);
    char *s = path ? malloc(sizeof(prefix) + strlen(path) + sizeof(suffix)) : NULL;
    if (s) {
        strcpy(s, prefix);
        strcat(s, path);
        strcat(s, suffix);
    }
    free(path);
    return s;
}

/* Appends one argument; the array was sized by qemu_cmd_build. */
static void add(struct qemu_cmd *cmd, const char *arg)
{
    cmd->argv[cmd->argc++] = (char *)arg;
}

int qemu_cmd_build(const struct harness_options *o, struct qemu_cmd *cmd)
{
    bool arm = o->arch == ARCH_AARCH64;
    const char *const *base = arm ? aarch64_base_args : base_args;
    const char *const *icount = arm ? aarch64_icount_args : icount_args;
    size_t n_base = arm ? COUNT(aarch64_base_args) : COUNT(base_args);
    size_t n_icount = arm ? COUNT(aarch64_icount_args) : COUNT(icount_args);
    memset(cmd, 0, sizeof(*cmd));
    size_t max = 1 + n_base + 2 + n_icount + 4 + o->extra_count + 1;
    cmd->argv = malloc(max * sizeof(char *));
    cmd->cwd = module_folder(o);
    if (o->module_count)
        cmd->initrd = arm ? loader_device(o->modules[0]) : join_modules(o, cmd->cwd);
    cmd->kernel = cmd->cwd ? absolute(o->kernel) : NULL;
    cmd->qemu = cmd->cwd && strchr(o->qemu, '/') ? absolute(o->qemu) : NULL;
    if (!cmd->argv || (o->module_count && !cmd->initrd)) {
        qemu_cmd_free(cmd);
        return -1;
    }
    add(cmd, cmd->qemu ? cmd->qemu : o->qemu);
    for (size_t i = 0; i < n_base; i++)
        add(cmd, base[i]);
    add(cmd, "-m");
    add(cmd, o->memory);
    for (size_t i = 0; o->icount && i < n_icount; i++)
        add(cmd, icount[i]);
    add(cmd, "-kernel");
    add(cmd, cmd->kernel ? cmd->kernel : o->kernel);
    if (cmd->initrd) {
        add(cmd, arm ? "-device" : "-initrd");
        add(cmd, cmd->initrd);
    }
    for (size_t i = 0; i < o->extra_count; i++)
        add(cmd, o->extra[i]);
    cmd->argv[cmd->argc] = NULL;
    return 0;
}

void qemu_cmd_free(struct qemu_cmd *cmd)
{
    free(cmd->argv);
    free(cmd->initrd);
    free(cmd->cwd);
    free(cmd->kernel);
    free(cmd->qemu);
    memset(cmd, 0, sizeof(*cmd));
}
