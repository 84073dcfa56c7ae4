/*
 * VSpace layout pass: from each component's mappings (ELF pages, shared frames, stacks, IPC
 * buffers) creates the paging structures x86_64 needs (PDPT, PD, PT below the PML4) and the
 * caps that express the mappings (capDL: a table's slot i holds the next level or the frame).
 * Errors: two mappings at one address, misaligned large frames.
 */
#ifndef CAPDL_TOOL_VSPACE_LAYOUT_H
#define CAPDL_TOOL_VSPACE_LAYOUT_H

#include "model.h"

bool vspace_layout(model_t *m, diag_t *d);

#endif
