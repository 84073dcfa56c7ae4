/*
 * libFuzzer harness for the YAML front end: the input is a system description. Runs what
 * `capdl-tool check --no-elf` and `build` run without ELFs (front end, CSpace and VSpace
 * layout, finalize, binary spec, allocation simulation) and the back ends (.cdl text, report,
 * generated sources, decode), and renders the diagnostics. Checks crashes, leaks and UB (the
 * sanitizers), plus two properties of every accepted system: the spec it writes validates, and
 * the .cdl text it writes reads back.
 */
#include "cdl_read.h"
#include "cdl_write.h"
#include "gen_source.h"
#include "pipeline.h"
#include "report.h"
#include "spec_decode.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tool_run_t r;
    pipeline_init(&r);
    r.text = xstrndup((const char *)data, size); /* the YAML text, as read_file returns it */
    if (pipeline_front(&r, "fuzz.yaml", r.text, size, false) && pipeline_back(&r, 0, 32ull << 20)) {
        back_ends(&r);
    }
    free(diag_render(&r.d));
    pipeline_free(&r);
    return 0;
}
