/*
 * Textual capDL back end: writes the model in seL4's capDL syntax, in the form seL4's own
 * parser (parse-capDL) accepts (docs/spec-format.md). cdl_read parses it back: writing, reading
 * and writing again gives the same text, and the same binary spec (the round-trip tests).
 */
#ifndef CAPDL_TOOL_CDL_WRITE_H
#define CAPDL_TOOL_CDL_WRITE_H

#include "model.h"

/* Appends the .cdl text of a finalized model to out. */
void cdl_write(const model_t *m, strbuf_t *out);

#endif
