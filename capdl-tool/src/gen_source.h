/*
 * Per-component definitions back end: what a component's code declares `extern` gets its value
 * from the description, never by hand.
 *  - gen_source: a C file to link into the component: `seL4_CPtr endpoint = 3;` per cap,
 *    page-aligned arrays for shared frames (the ELF pass then maps the shared frame there), and
 *    the addresses of each thread's IPC buffer and stack.
 *  - gen_patch: writes the slot numbers into the existing 8-byte seL4_CPtr symbols of a
 *    prebuilt ELF (a copy), for components that are not rebuilt.
 * Both depend on the description only (CSpace layout, thread region), not on the ELF.
 */
#ifndef CAPDL_TOOL_GEN_SOURCE_H
#define CAPDL_TOOL_GEN_SOURCE_H

#include "model.h"

/* Index of the component called name, or -1 with an error. */
int gen_find_component(const model_t *m, const char *name, diag_t *d);

void gen_source(const model_t *m, uint32_t ci, strbuf_t *out);

/* Copies in_path to out_path with every cap symbol patched. False (errors in d) if a cap's
 * symbol is missing or not an 8-byte initialised object. */
bool gen_patch(const model_t *m, uint32_t ci, const char *in_path, const char *out_path, diag_t *d);

#endif
