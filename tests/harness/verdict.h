/* The verdict of one run: pass or fail, and the reasons, in plain words with file:line of the
 * expectation concerned. Pure logic on the runner's result and the matcher's result; printing
 * is report.c's job. */
#ifndef HARNESS_VERDICT_H
#define HARNESS_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "expect.h"
#include "runner.h"

#define VERDICT_MAX_REASONS 3

struct verdict_input {
    enum run_end want_end;          /* END_ANY accepts halt, panic and reset */
    bool until_match;               /* the end check passes once all expectations matched */
    const struct run_result *run;
    const struct expect_list *expect;   /* NULL when no expectation file was given */
    const struct expect_result *match;  /* expect_verify's result, when expect is not NULL */
    char *const *lines;             /* the captured output lines, for quoting */
};

struct verdict {
    bool pass;
    size_t count;                   /* number of reasons (0 when pass) */
    char reasons[VERDICT_MAX_REASONS][512];
};

/* Decides pass or fail. The reasons come in this order: the end, a missing expectation, a
 * forbidden line. */
void verdict_judge(const struct verdict_input *in, struct verdict *v);

#endif
