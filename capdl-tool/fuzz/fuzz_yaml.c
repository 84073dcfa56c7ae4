/*
 * libFuzzer harness for the YAML front end: the input is a system description. Runs what
 * `capdl-tool check --no-elf` and `build` run without ELFs (front end, CSpace and VSpace
 * layout, finalize, binary spec, allocation simulation) and the back ends (.cdl text, report,
 * generated sources, decode), then `verify`'s analysis, lint and outputs, and renders the
 * diagnostics. Checks crashes, leaks and UB (the
 * sanitizers), plus two properties of every accepted system: the spec it writes validates, and
 * the .cdl text it writes reads back.
 */
#include "cdl_read.h"
#include "cdl_write.h"
#include "gen_source.h"
#include "pipeline.h"
#include "report.h"
#include "spec_decode.h"
#include "verify.h"

#include <stdlib.h>
#include <string.h>

/* The .cdl written for an accepted system must parse again. */
static void check_cdl_round_trip(const model_t *m)
{
    strbuf_t text = { 0 };
    cdl_write(m, &text);
    tool_run_t back;
    pipeline_init(&back);
    if (!cdl_read(&back.m, &back.d, "out.cdl", text.s, text.len)) {
        diag_print(&back.d, stderr);
        abort();
    }
    pipeline_free(&back);
    sb_free(&text);
}

static void back_ends(tool_run_t *r)
{
    strbuf_t out = { 0 };
    if (spec_decode(r->spec, r->spec_len, &out).status != CDL_OK) {
        fputs(out.s, stderr);
        abort();
    }
    report_json(&r->m, &r->sim, &r->stats, &out);
    for (uint32_t ci = 0; ci < r->m.comps.n; ci++) {
        gen_source(&r->m, ci, &out);
    }
    sb_free(&out);
    check_cdl_round_trip(&r->m);
}

/* What `verify` runs on an accepted system: the closure and flows (one thread or two, all of a
 * flow's objects or the first few, chosen by the input's size so that both ways are reached),
 * the lint and the three outputs. */
static void analysis(tool_run_t *r, size_t size)
{
    va_t a;
    va_run(&a, &r->m, (va_options_t){ .all_via = size & 1, .threads = 1 + (size >> 1 & 1) });
    vresult_t res = { .m = &r->m, .a = &a, .authority = true };
    vl_lint(&r->m, &a, &res.f);
    vl_silence(&r->m.lint_allow, &res.f);
    vf_sort(&res.f);
    strbuf_t out = { 0 };
    vo_text(&res, &out);
    vo_dot(&res, &out);
    if (a.all_via) {
        vo_json(&res, &out);
    }
    sb_free(&out);
    vf_free(&res.f);
    va_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tool_run_t r;
    pipeline_init(&r);
    r.text = xstrndup((const char *)data, size); /* the YAML text, as read_file returns it */
    if (pipeline_front(&r, "fuzz.yaml", r.text, size, false) && pipeline_back(&r, 0, 32ull << 20)) {
        back_ends(&r);
        analysis(&r, size);
    }
    free(diag_render(&r.d));
    pipeline_free(&r);
    return 0;
}
