/* The verdict of one run: the end check and the wording of every failure reason. See
 * verdict.h. */
#include "verdict.h"

#include <stdio.h>
#include <string.h>

/* Returns the next free reason buffer of v (the last one when full). */
static char *next_reason(struct verdict *v)
{
    if (v->count < VERDICT_MAX_REASONS)
        v->count++;
    return v->reasons[v->count - 1];
}

/* True when the run ended as wanted. */
static bool end_ok(const struct verdict_input *in)
{
    enum run_end end = in->run->end;
    bool all_met = in->expect && !in->match->missing;
    if (end == END_MATCHED || (in->until_match && all_met))
        return true;
    if (in->want_end == END_ANY)
        return end == END_HALT || end == END_PANIC || end == END_RESET;
    return end == in->want_end;
}

/* Describes a wrong end. */
static void explain_end(const struct verdict_input *in, struct verdict *v)
{
    const char *want = run_end_name(in->want_end);
    if (in->run->end == END_TIMEOUT)
        snprintf(next_reason(v), sizeof(v->reasons[0]), "timeout: %s (expected %s)",
                 in->run->detail, want);
    else
        snprintf(next_reason(v), sizeof(v->reasons[0]), "unexpected end: %s (%s), expected %s",
                 run_end_name(in->run->end), in->run->detail, want);
}

/* Describes the first positive expectation that did not match in order. */
static void explain_missing(const struct verdict_input *in, struct verdict *v)
{
    const struct expect_result *m = in->match;
    const char *file = in->expect->file;
    char *r = next_reason(v);
    size_t n = sizeof(v->reasons[0]);
    if (m->found_earlier)
        snprintf(r, n, "expectation out of order: %s:%u: '%s' matches only output line %zu, "
                 "not after output line %zu where the previous expectation matched",
                 file, m->missing->line, m->missing->raw, m->found_earlier, m->searched_after);
    else if (m->searched_after)
        snprintf(r, n, "expectation not found: %s:%u: '%s' (searched after output line %zu)",
                 file, m->missing->line, m->missing->raw, m->searched_after);
    else
        snprintf(r, n, "expectation not found: %s:%u: '%s'", file, m->missing->line,
                 m->missing->raw);
}

/* Describes the first negative expectation that matched. */
static void explain_forbidden(const struct verdict_input *in, struct verdict *v)
{
    const struct expect_result *m = in->match;
    snprintf(next_reason(v), sizeof(v->reasons[0]),
             "forbidden output: %s:%u: '%s' matches output line %zu: '%.200s'", in->expect->file,
             m->forbidden->line, m->forbidden->raw, m->forbidden_at,
             in->lines[m->forbidden_at - 1]);
}

void verdict_judge(const struct verdict_input *in, struct verdict *v)
{
    memset(v, 0, sizeof(*v));
    if (!end_ok(in))
        explain_end(in, v);
    /* a forbidden line first: with --until-match it is what stopped the run */
    if (in->expect && in->match->forbidden)
        explain_forbidden(in, v);
    if (in->expect && in->match->missing)
        explain_missing(in, v);
    v->pass = v->count == 0;
}
