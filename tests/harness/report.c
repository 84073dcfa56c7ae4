/* What qemu-test prints at the end of a run; see report.h for the exact format, which the
 * harness tests pin. */
#include "report.h"

void report_pass(FILE *f, const char *name, const struct run_result *run)
{
    fprintf(f, "PASS %s: %s after %.2f s\n", name, run_end_name(run->end), run->seconds);
}

/* Writes the captured text, adding the final newline it may lack. */
static void write_output(FILE *f, const struct capture *out)
{
    if (out->len == 0)
        return;
    fwrite(out->buf, 1, out->len, f);
    if (out->buf[out->len - 1] != '\n')
        fputc('\n', f);
}

void report_fail(FILE *f, const char *name, const struct verdict *v, const struct run_result *run,
                 const struct capture *out, size_t line_count)
{
    fprintf(f, "FAIL %s: %s\n", name, v->count ? v->reasons[0] : "unknown reason");
    for (size_t i = 1; i < v->count; i++)
        fprintf(f, "  also: %s\n", v->reasons[i]);
    fprintf(f, "===== captured output of %s: %zu line%s, %s after %.2f s =====\n", name,
            line_count, line_count == 1 ? "" : "s", run_end_name(run->end), run->seconds);
    write_output(f, out);
    fprintf(f, "===== end of captured output of %s =====\n", name);
}

int report_write_log(const char *path, const struct capture *out)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    write_output(f, out);
    return fclose(f) == 0 ? 0 : -1;
}
