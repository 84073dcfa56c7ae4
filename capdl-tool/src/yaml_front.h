/*
 * The YAML front end (libyaml): reads a system description (docs/yaml-reference.md) into the
 * model. Phase one builds each element with a per-kind function that rejects unknown keys and
 * reports missing ones; phase two resolves names and applies the whole-system rules. Every
 * error goes to the diag module with file:line:col and the key path; all errors of a file are
 * reported. CSpace slots, frames for ELF segments and paging structures come later (passes).
 */
#ifndef CAPDL_TOOL_YAML_FRONT_H
#define CAPDL_TOOL_YAML_FRONT_H

#include "kernel_target.h"
#include "model.h"

/* Limits of the description (checked with an error, not enforced silently). */
#define YAML_MAX_PRIO KERNEL_TARGET_MAX_PRIO
#define YAML_DEFAULT_PRIO 100
/* MCS: a thread without budget and period gets a full-period SC of this many µs (Microkit's
 * default budget and period are 1 ms as well). */
#define YAML_DEFAULT_PERIOD_US 1000u
#define YAML_DEFAULT_STACK (16u << 10)
#define YAML_MAX_STACK (1u << 20)

/*
 * Parses text (len bytes, named file in messages) into m. Registers text with d (borrowed: keep
 * it alive until d is rendered). Returns true when no error was added.
 */
bool yaml_load_string(model_t *m, diag_t *d, const char *file, const char *text, size_t len);

#endif
