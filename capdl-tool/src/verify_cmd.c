/*
 * The `verify` and `graph` subcommands (verify.h, docs/verification.md): the pipeline (the same
 * checks as `check`, on a YAML or .cdl system), the analysis, the policy and the outputs; the
 * options are parsed by the driver (main.c). Exit status:
 * 0 clean (warnings allowed unless --strict), 1 the input is wrong, a policy is violated or the
 * dump differs, 2 usage or environment.
 */
#define _POSIX_C_SOURCE 200809L /* popen, pthreads */
#include "verify.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tool's exit statuses (pipeline.h). */
enum { V_OK = TOOL_EXIT_OK, V_FAIL = TOOL_EXIT_INPUT, V_USAGE = TOOL_EXIT_USAGE };

typedef verify_args_t vargs_t;

/* The lint, on its own thread while the flows are found (it reads the closure, not the flows). */
typedef struct lint_job {
    const model_t *m;
    const va_t *a;
    vfindings_t *f;
} lint_job_t;

static void *lint_thread(void *p)
{
    lint_job_t *j = p;
    vl_lint(j->m, j->a, j->f);
    return NULL;
}

/* The closure, then the flows and the lint side by side (the lint inline if no thread starts). */
static void analyse(const model_t *m, va_t *an, va_options_t opts, vfindings_t *f)
{
    va_close(an, m, opts);
    lint_job_t job = { m, an, f };
    pthread_t t;
    bool threaded = pthread_create(&t, NULL, lint_thread, &job) == 0;
    va_flows(an);
    if (threaded) {
        pthread_join(t, NULL);
    } else {
        lint_thread(&job);
    }
}

/* Writes the output to -o FILE, else stdout; with svg through Graphviz. */
static int emit(const vargs_t *a, const strbuf_t *b)
{
    if (a->svg) {
        if (system("command -v dot >/dev/null 2>&1") != 0) {
            fputs("capdl-tool: error: --svg needs Graphviz's 'dot' (apt-get install graphviz)\n", stderr);
            return V_USAGE;
        }
        if (a->out && strchr(a->out, '\'')) {
            fputs("capdl-tool: error: the output name may not contain a quote\n", stderr);
            return V_USAGE;
        }
        char *cmd = a->out ? xasprintf("dot -Tsvg -o '%s'", a->out) : xstrdup("dot -Tsvg");
        FILE *p = popen(cmd, "w");
        free(cmd);
        bool ok = p && fwrite(b->s, 1, b->len, p) == b->len;
        ok = p && pclose(p) == 0 && ok;
        if (!ok) {
            fputs("capdl-tool: error: 'dot -Tsvg' failed\n", stderr);
            return V_USAGE;
        }
        return V_OK;
    }
    if (a->out) {
        if (!write_file(a->out, b->s, b->len)) {
            fprintf(stderr, "capdl-tool: error: cannot write '%s': %s\n", a->out, strerror(errno));
            return V_USAGE;
        }
        return V_OK;
    }
    fwrite(b->s, 1, b->len, stdout);
    return V_OK;
}

static int against(tool_run_t *r, const vargs_t *a)
{
    size_t len;
    char *text = read_file(a->against, &len);
    if (!text) {
        fprintf(stderr, "capdl-tool: error: cannot read '%s': %s\n", a->against, strerror(errno));
        return V_USAGE;
    }
    strbuf_t b = { 0 };
    long n = vd_compare(&r->m, &r->d, a->against, text, len, &b);
    diag_print(&r->d, stderr);
    if (n >= 0) {
        sb_printf(&b, "%s: %ld difference%s between the spec and %s\n", r->m.system, n, n == 1 ? "" : "s", a->against);
        fwrite(b.s, 1, b.len, stdout);
    }
    sb_free(&b);
    free(text);
    return n == 0 ? V_OK : V_FAIL;
}

int verify_run(const verify_args_t *args, bool graph)
{
    vargs_t a = *args;
    tool_run_t r;
    pipeline_init(&r);
    r.elf_overrides = a.elf_overrides;
    r.n_elf_overrides = a.n_elf_overrides;
    int code = V_OK;
    char *ptext = NULL;
    vpolicy_t pol = { 0 };
    va_t an = { 0 };
    vresult_t res = { 0 };
    bool ok = pipeline_load(&r, a.system, !a.no_elf) && pipeline_back(&r, a.memory, a.reserved);
    if (!ok) {
        code = r.env_error ? V_USAGE : V_FAIL;
        goto out;
    }
    if (a.against) {
        code = against(&r, &a);
        pipeline_free(&r);
        return code;
    }
    size_t plen = 0;
    if (a.policy && !(ptext = read_file(a.policy, &plen))) {
        fprintf(stderr, "capdl-tool: error: cannot read '%s': %s\n", a.policy, strerror(errno));
        code = V_USAGE;
        goto out;
    }
    if (a.policy && !vp_load(&pol, &r.m, &r.d, a.policy, ptext, plen)) {
        code = V_FAIL;
        goto out;
    }
    /* JSON lists every flow's objects and a policy's flow rules check each; the text and DOT
     * outputs name a few, and keeping them all is the analysis's largest array */
    res = (vresult_t){ .m = &r.m, .a = &an, .policy_file = a.policy, .policy_rules = pol.rules,
                       .authority = a.authority };
    analyse(&r.m, &an, (va_options_t){ .all_via = strcmp(a.format, "json") == 0 || (a.policy && vp_needs_all_via(&pol)) },
            &res.f);
    vl_silence(&r.m.lint_allow, &res.f);
    if (a.policy) {
        vp_check(&pol, &an, &res.f);
        vl_silence(&pol.allow, &res.f);
    }
    vf_sort(&res.f);
    strbuf_t b = { 0 };
    if (strcmp(a.format, "json") == 0) {
        vo_json(&res, &b);
    } else if (strcmp(a.format, "dot") == 0) {
        vo_dot(&res, &b);
    } else {
        vo_text(&res, &b);
    }
    code = emit(&a, &b);
    sb_free(&b);
    for (size_t i = 0; code == V_OK && i < res.f.n; i++) {
        if (!res.f.v[i].reason && (res.f.v[i].policy || a.strict) && !graph) {
            code = V_FAIL;
        }
    }
out:
    diag_print(&r.d, stderr);
    vf_free(&res.f);
    va_free(&an);
    vp_free(&pol);
    free(ptext);
    pipeline_free(&r);
    return code;
}
