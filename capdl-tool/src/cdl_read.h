/*
 * Textual capDL front end: parses seL4's capDL grammar (as capDL-tool's parser accepts it, for
 * x86_64; docs/spec-format.md) into the model: sections in any order, arrays and ranges, named
 * and copied caps, irq maps, and seL4's defaults. What the builder cannot make (another
 * architecture, IOMMU, MCS, untyped covers, CDT, domain schedules...) is refused where it is
 * written. Stops at the first error, reported through diag with file:line:col.
 */
#ifndef CAPDL_TOOL_CDL_READ_H
#define CAPDL_TOOL_CDL_READ_H

#include "model.h"

/* Parses text into m (which must be freshly initialised). True on success. */
bool cdl_read(model_t *m, diag_t *d, const char *file, const char *text, size_t len);

#endif
