/*
 * `decode`: validates a binary spec with the shared validator and prints it as text, one line
 * per object with its caps indented below (and TCB, fill and IRQ details). Unnamed objects
 * print as obj_<index>.
 */
#ifndef CAPDL_TOOL_SPEC_DECODE_H
#define CAPDL_TOOL_SPEC_DECODE_H

#include "util.h"

#include <capdl/spec.h>

/* Decodes buf (len bytes) into out; returns the validation result. On failure out holds one
 * line naming the problem. */
cdl_result_t spec_decode(const void *buf, size_t len, strbuf_t *out);

#endif
