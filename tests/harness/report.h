/* What qemu-test prints at the end of a run: one PASS line, or a FAIL line with its reasons
 * followed by the whole captured output between marker lines. Usage and environment errors are
 * printed by main. */
#ifndef HARNESS_REPORT_H
#define HARNESS_REPORT_H

#include <stdio.h>

#include "capture.h"
#include "runner.h"
#include "verdict.h"

/* Prints "PASS name: END after S.SS s" to f. */
void report_pass(FILE *f, const char *name, const struct run_result *run);

/* Prints "FAIL name: first reason", one "  also: reason" line per further reason, then the
 * captured output between "===== captured output of NAME" and "===== end of captured output"
 * markers, with a final newline added when the output lacks one. */
void report_fail(FILE *f, const char *name, const struct verdict *v, const struct run_result *run,
                 const struct capture *out, size_t line_count);

/* Writes the captured output (normalised, as matched) to the file at path. Returns 0 or -1. */
int report_write_log(const char *path, const struct capture *out);

#endif
