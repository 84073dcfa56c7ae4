/*
 * The system view (components) of a model read from a .cdl, derived from its threads: see
 * cdl_components.c. Called after cdl_read (the model is finalized); changes no capDL object or
 * cap, so the spec is the same with or without it.
 */
#ifndef CAPDL_TOOL_CDL_COMPONENTS_H
#define CAPDL_TOOL_CDL_COMPONENTS_H

#include "model.h"

/* Adds one component per (CSpace, VSpace) pair of the TCBs, in object order. */
void cdl_derive_components(model_t *m);

#endif
