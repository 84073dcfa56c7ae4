/*
 * Textual capDL front end: parses the .cdl subset cdl_write produces (arch, objects block with
 * parameters, caps block with rights/badge/guard) into the model. Stops at the first error,
 * reported through diag with file:line:col.
 */
#ifndef CAPDL_TOOL_CDL_READ_H
#define CAPDL_TOOL_CDL_READ_H

#include "model.h"

/* Parses text into m (which must be freshly initialised). True on success. */
bool cdl_read(model_t *m, diag_t *d, const char *file, const char *text, size_t len);

#endif
