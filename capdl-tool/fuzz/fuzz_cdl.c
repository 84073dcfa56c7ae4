/*
 * libFuzzer harness for the .cdl reader: the input is capDL text. Runs what `capdl-tool
 * read-cdl` runs (parse, finalize, write the text back) and renders the diagnostics. Checks
 * crashes, leaks and UB (the sanitizers).
 */
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
        strbuf_t out = { 0 };
        cdl_write(&r.m, &out);
        sb_free(&out);
    }
    free(diag_render(&r.d));
    pipeline_free(&r);
    return 0;
}
