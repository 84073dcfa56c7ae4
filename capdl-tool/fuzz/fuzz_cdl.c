/*
 * libFuzzer harness for the .cdl reader: the input is capDL text (seL4's grammar). Runs what the
 * .cdl front end runs (parse, finalize, derive the components) and `read-cdl` (write the text
 * back), renders the diagnostics, and checks that the text written reads back. Checks crashes,
 * leaks and UB (the sanitizers).
 */
#include "cdl_components.h"
#include "cdl_read.h"
#include "cdl_write.h"
#include "pipeline.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tool_run_t r;
    pipeline_init(&r);
    r.text = xstrndup((const char *)data, size);
    if (cdl_read(&r.m, &r.d, "fuzz.cdl", r.text, size)) {
        cdl_derive_components(&r.m);
        strbuf_t out = { 0 };
        cdl_write(&r.m, &out);
        tool_run_t back;
        pipeline_init(&back);
        if (!cdl_read(&back.m, &back.d, "back.cdl", out.s, out.len)) {
            diag_print(&back.d, stderr);
            abort(); /* what we write must read back */
        }
        pipeline_free(&back);
        sb_free(&out);
    }
    free(diag_render(&r.d));
    pipeline_free(&r);
    return 0;
}
