/* Builds QEMU's argv from the harness options; see qemu_cmd.h. */
#include "qemu_cmd.h"

#include <stdlib.h>
#include <string.h>

#include "qemu_config.h"

static const char *const base_args[] = { QEMU_BASE_ARGS };
static const char *const icount_args[] = { QEMU_ICOUNT_ARGS };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Joins the module paths with ',' (QEMU's Multiboot module separator). NULL when out of memory. */
static char *join_modules(const struct harness_options *o)
{
    size_t len = 1;
    for (size_t i = 0; i < o->module_count; i++)
        len += strlen(o->modules[i]) + 1;
    char *s = malloc(len);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < o->module_count; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, o->modules[i]);
    }
    return s;
}

/* Appends one argument; the array was sized by qemu_cmd_build. */
static void add(struct qemu_cmd *cmd, const char *arg)
{
    cmd->argv[cmd->argc++] = (char *)arg;
}

int qemu_cmd_build(const struct harness_options *o, struct qemu_cmd *cmd)
{
    memset(cmd, 0, sizeof(*cmd));
    size_t max = 1 + COUNT(base_args) + 2 + COUNT(icount_args) + 4 + o->extra_count + 1;
    cmd->argv = malloc(max * sizeof(char *));
    cmd->initrd = o->module_count ? join_modules(o) : NULL;
    if (!cmd->argv || (o->module_count && !cmd->initrd)) {
        qemu_cmd_free(cmd);
        return -1;
    }
    add(cmd, o->qemu);
    for (size_t i = 0; i < COUNT(base_args); i++)
        add(cmd, base_args[i]);
    add(cmd, "-m");
    add(cmd, o->memory);
    for (size_t i = 0; o->icount && i < COUNT(icount_args); i++)
        add(cmd, icount_args[i]);
    add(cmd, "-kernel");
    add(cmd, o->kernel);
    if (cmd->initrd) {
        add(cmd, "-initrd");
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
    memset(cmd, 0, sizeof(*cmd));
}
