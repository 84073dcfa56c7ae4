/*
 * `capdl-tool run --dump-caps FILE`: the capability dump the loader prints when the spec asks
 * for it (CDL_SPEC_F_DUMP_CAPS, docs/verification.md), taken from the run's console output and
 * written to FILE for `capdl-tool verify --against FILE`.
 */
#ifndef CAPDL_TOOL_RUN_DUMP_H
#define CAPDL_TOOL_RUN_DUMP_H

#include "run_cmd.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* Appends the dump's lines of text (from the line CDL_DUMP_FIRST_LINE to the line
 * CDL_DUMP_LAST_LINE, both kept; carriage returns dropped) to out. False when text holds no
 * complete dump. */
bool dump_extract(const char *text, size_t len, strbuf_t *out);

/* Boots o->dir as run_image does, always through the harness with the output logged in
 * o->dir; a run without checks stops as soon as the dump is complete. Writes the dump to file.
 * Returns the run's exit status, or 1 when it passed without a complete dump, 2 when the log
 * or file cannot be read or written. */
int run_with_dump(run_opts_t *o, const char *file);

#endif
