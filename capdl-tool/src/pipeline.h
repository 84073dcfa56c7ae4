/*
 * The stages of the tool in order, for main.c, the tests and the fuzzers: front end (YAML or
 * .cdl) -> passes (CSpace layout, thread placement, ELF ingestion, VSpace layout, finalize) ->
 * binary spec and allocation simulation. Each returns false when the input is wrong (errors in
 * run->d); environment problems (unreadable files) are flagged in run->env_error.
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
} tool_run_t;

void pipeline_init(tool_run_t *r);
void pipeline_free(tool_run_t *r);

/* YAML text -> model with layouts; ELF ingestion only when with_elf. */
bool pipeline_front(tool_run_t *r, const char *file, const char *text, size_t len, bool with_elf);

/* Reads path, then pipeline_front (ELF paths relative to path's directory). */
bool pipeline_load_yaml(tool_run_t *r, const char *path, bool with_elf);

/* Binary spec and allocation simulation; memory 0 keeps the description's value. */
bool pipeline_back(tool_run_t *r, uint64_t memory, uint64_t reserved);

#endif
