/* Builds QEMU's argv from the harness options: the binary, the base arguments of
 * cmake/qemu.cmake (via the generated qemu_config.h), -m, optional -icount, -kernel, -initrd
 * with the modules joined by ',', then the extra arguments. Starting QEMU is runner.c's job.
 * QEMU runs in the first module's folder and gets that module by its file name alone: QEMU
 * passes the -initrd text to the kernel as the module's command line, which the kernel prints,
 * so a build folder's path (a temporary one for `capdl-tool run`) stays out of the log. The
 * kernel, the other modules and a QEMU path with a '/' are made absolute for that.
 * With --arch aarch64 the machine is QEMU virt (its own base arguments) and the one module
 * goes in by `-device loader,file=ABS,addr=...,force-raw=on` (kept in `initrd`). */
#ifndef HARNESS_QEMU_CMD_H
#define HARNESS_QEMU_CMD_H

#include <stddef.h>

#include "args.h"

struct qemu_cmd {
    char **argv;   /* NULL-terminated; strings point into the options, the table or initrd */
    size_t argc;
    char *initrd;  /* the joined module list, owned */
    char *cwd;     /* the folder QEMU runs in (the first module's), owned; NULL = ours */
    char *kernel, *qemu; /* absolute forms, owned (NULL when not needed) */
};

/* Fills cmd from o. Returns 0, or -1 when out of memory. Free with qemu_cmd_free. */
int qemu_cmd_build(const struct harness_options *o, struct qemu_cmd *cmd);

/* Frees what qemu_cmd_build allocated. */
void qemu_cmd_free(struct qemu_cmd *cmd);

#endif
