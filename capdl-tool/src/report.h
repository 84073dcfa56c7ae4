/*
 * JSON report back end: objects by type, memory per component, CSlot use per component, the
 * untyped fit (RAM the kernel leaves, RAM the objects take) and the spec's size. Keys are
 * written in a fixed order, so the report is byte-identical for identical inputs.
 */
#ifndef CAPDL_TOOL_REPORT_H
#define CAPDL_TOOL_REPORT_H

#include "alloc_sim.h"
#include "spec_write.h"

void report_json(const model_t *m, const alloc_sim_t *a, const spec_stats_t *st, strbuf_t *out);

#endif
