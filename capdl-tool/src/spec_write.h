/*
 * Binary spec back end: serialises a finalized model into the format of capdl/spec.h
 * (little endian, 8-byte aligned tables, CRC-32), then validates the result with the shared
 * validator. Names are kept for objects the user named and for each component's TCBs, CNode and
 * VSpace; frames and paging tables the passes made are unnamed (decode prints their index).
 */
#ifndef CAPDL_TOOL_SPEC_WRITE_H
#define CAPDL_TOOL_SPEC_WRITE_H

#include "model.h"

typedef struct spec_stats {
    size_t total, objects_bytes, caps_bytes, n_objects, n_caps;
} spec_stats_t;

/* Builds the spec into a new 8-byte aligned buffer (*out, free()) of *len bytes. */
void spec_write(const model_t *m, uint8_t **out, size_t *len, spec_stats_t *stats);

#endif
