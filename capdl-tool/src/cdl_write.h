/*
 * Textual capDL back end: writes the model in seL4's .cdl syntax for the constructs we support
 * (docs/spec-format.md lists them). cdl_read parses the same text back; writing, reading and
 * writing again gives the same text (the round-trip test).
 */
#ifndef CAPDL_TOOL_CDL_WRITE_H
#define CAPDL_TOOL_CDL_WRITE_H

#include "model.h"

/* Appends the .cdl text of a finalized model to out. */
void cdl_write(const model_t *m, strbuf_t *out);

#endif
