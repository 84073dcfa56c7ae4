/*
 * The tool's commands, each run on options the driver (main.c) has parsed and checked: they
 * return the exit status (TOOL_EXIT_*, pipeline.h). Every front-end step goes through
 * pipeline.h, so a YAML and a .cdl system take the same path.
 */
#ifndef CAPDL_TOOL_COMMANDS_H
#define CAPDL_TOOL_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tool_args {
    const char *pos[4]; /* positional arguments */
    int npos;
    const char *out;    /* -o */
    uint64_t memory, reserved;
    bool no_elf, no_image, no_mem_check, no_kernel_check, iso, until_match, verbose, dump_caps;
    const char *kernel, *loader, *timeout, *expect, *end;
    const char *dump_file;           /* run --dump-caps FILE */
    const char *log;                 /* run --log FILE */
    const char *const *elf_opts;     /* --elf KEY=FILE, in order */
    size_t n_elf;
    char **extra;                    /* run: after "--", for QEMU */
    int n_extra;
    const char *policy, *format, *against; /* verify, graph */
    const char *arch;                /* --arch x86_64|aarch64, or NULL (the ELFs' or the .cdl's) */
    bool strict, authority, svg;
} tool_args_t;

int cmd_check(const tool_args_t *a);
int cmd_build(const tool_args_t *a);
int cmd_run(const tool_args_t *a);
int cmd_gen_source(const tool_args_t *a);
int cmd_patch(const tool_args_t *a);
int cmd_decode(const tool_args_t *a);
int cmd_read_cdl(const tool_args_t *a);
int cmd_verify(const tool_args_t *a);
int cmd_graph(const tool_args_t *a);

#endif
