/*
 * CSpace layout pass: gives every named cap of a component a slot in its single-level CSpace
 * (slot 0 stays null; caps take slots 1, 2, ... in the order the YAML lists them, then one slot
 * per thread fault endpoint, then the exit notification's: sys_comp_t), picks the CNode radix (cnode_bits or the smallest that fits) and
 * a guard that makes the CNode resolve a full 64-bit CPtr, then emits the CNode's caps and the
 * TCB slots (cspace, vspace, IPC buffer). Deterministic: depends only on the description.
 */
#ifndef CAPDL_TOOL_CSPACE_LAYOUT_H
#define CAPDL_TOOL_CSPACE_LAYOUT_H

#include "model.h"

/* Runs the pass over every component. Returns false (errors in d) when a CSpace is too small. */
bool cspace_layout(model_t *m, diag_t *d);

#endif
