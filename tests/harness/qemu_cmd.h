/* Builds QEMU's argv from the harness options: the binary, the base arguments of
 * cmake/qemu.cmake (via the generated qemu_config.h), -m, optional -icount, -kernel, -initrd
 * with the modules joined by ',', then the extra arguments. Starting QEMU is runner.c's job. */
#ifndef HARNESS_QEMU_CMD_H
#define HARNESS_QEMU_CMD_H

#include <stddef.h>

#include "args.h"

struct qemu_cmd {
    char **argv;   /* NULL-terminated; strings point into the options, the table or initrd */
    size_t argc;
    char *initrd;  /* the joined module list, owned */
};

/* Fills cmd from o. Returns 0, or -1 when out of memory. Free with qemu_cmd_free. */
int qemu_cmd_build(const struct harness_options *o, struct qemu_cmd *cmd);

/* Frees what qemu_cmd_build allocated. */
void qemu_cmd_free(struct qemu_cmd *cmd);

#endif
