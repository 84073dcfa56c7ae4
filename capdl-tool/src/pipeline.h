/*
 * The stages of the tool in order, for the commands, the tests and the fuzzers: front end (YAML
 * or .cdl, chosen by pipeline_load) -> passes (YAML only: CSpace layout, thread placement, ELF
 * ingestion, VSpace layout) -> finalize -> binary spec and allocation simulation. Each returns
 * false when the input is wrong (errors in run->d); environment and usage problems (unreadable
 * files, an --elf nobody uses) are flagged in run->env_error. pipeline_exit_code is the one
 * mapping of an outcome to the tool's exit status.
 */
#ifndef CAPDL_TOOL_PIPELINE_H
#define CAPDL_TOOL_PIPELINE_H

#include "alloc_sim.h"
#include "model.h"
#include "spec_write.h"

typedef struct tool_run {
    model_t m;
    diag_t d;
    char *text;        /* the input file's text (diag borrows it) */
    char *base_dir;
    uint8_t *spec;
    size_t spec_len;
    spec_stats_t stats;
    alloc_sim_t sim;
    bool env_error;
    /* --elf KEY=FILE: a component called KEY, or whose `elf:` is written KEY, uses FILE (set by
     * the caller before pipeline_front; borrowed). */
    const char *const *elf_overrides;
    size_t n_elf_overrides;
    uint64_t elf_overrides_used; /* bit i: elf_overrides[i] was used (at most 64 options) */
    /* --arch: the architecture the caller names (NULL: the ELFs' or the .cdl's); the ELFs and
     * the .cdl must agree with it, and without ELFs it decides (set before pipeline_front). */
    const char *arch;
} tool_run_t;

/* The tool's exit statuses (every command): 0 ok, 1 the input is wrong, 2 usage or environment. */
enum { TOOL_EXIT_OK = 0, TOOL_EXIT_INPUT = 1, TOOL_EXIT_USAGE = 2 };

/* The exit status of a run whose stages returned ok. */
int pipeline_exit_code(const tool_run_t *r, bool ok);

void pipeline_init(tool_run_t *r);
void pipeline_free(tool_run_t *r);

/* YAML text -> model with layouts; ELF ingestion only when with_elf. */
bool pipeline_front(tool_run_t *r, const char *file, const char *text, size_t len, bool with_elf);

/* Reads path, then pipeline_front (ELF paths relative to path's directory). */
bool pipeline_load_yaml(tool_run_t *r, const char *path, bool with_elf);

/* True if path names a textual capDL file (".cdl"). */
bool pipeline_is_cdl(const char *path);

/* Reads a .cdl into the model (cdl_read), the system named after the file. */
bool pipeline_load_cdl(tool_run_t *r, const char *path);

/* The front end path's extension calls for: pipeline_load_cdl or pipeline_load_yaml. */
bool pipeline_load(tool_run_t *r, const char *path, bool with_elf);

/* The FILE of the --elf KEY=FILE given for key (a relative FILE is taken from the current
 * directory), as a new string; NULL if none was given. Marks that option used. */
char *pipeline_elf_override(tool_run_t *r, const char *key);

/* An error (usage) for each --elf option nothing used; false if there was one. */
bool pipeline_elf_overrides_used(tool_run_t *r);

/* Binary spec and allocation simulation; memory 0 keeps the description's value. */
bool pipeline_back(tool_run_t *r, uint64_t memory, uint64_t reserved);

#endif
