/*
 * Dumps everything the authority closure and the flow graph (verify_auth.h) can give a report:
 * every component's facts (object, rights, held) with the explanation path of each step a
 * report can ask for (va_step_for with no right and with each single right), and every flow with
 * its objects. Reports (lint, policy, the text/JSON/DOT outputs) only read these, so two
 * closures with the same dump print the same reports: the golden dumps of closure_golden.sh
 * keep an optimisation of the closure from changing what it derives or how it explains it.
 * Usage: closure_dump SYSTEM.yaml|.cdl
 */
#include "pipeline.h"
#include "verify_auth.h"

#include <stdio.h>
#include <string.h>

/* The explanation of the step va_step_for picks for want, after a label. */
static void dump_why(const va_t *a, const va_fact_t *f, uint8_t want, const char *label, strbuf_t *b)
{
    sb_printf(b, "    why%s:\n", label);
    va_explain(a, va_step_for(a, f, want), "      ", b);
}

/* One fact, with a path per right it has; a right whose step is the first one is not repeated. */
static void dump_fact(const va_t *a, const va_fact_t *f, strbuf_t *b)
{
    static const uint8_t bits[4] = { CDL_RIGHT_READ, CDL_RIGHT_WRITE, CDL_RIGHT_GRANT, CDL_RIGHT_GRANT_REPLY };
    static const char *const names[4] = { " read", " write", " grant", " grant_reply" };
    const model_obj_t *o = &a->m->objs.v[f->obj];
    char rs[64];
    sb_printf(b, "  %s %s [%s]%s\n", o->name, va_type_name(o->type), va_rights_str(f->rights, o->type, rs),
              f->held ? "" : " mapped only");
    uint32_t first = va_step_for(a, f, 0);
    dump_why(a, f, 0, "", b);
    for (int i = 0; i < 4; i++) {
        if ((f->rights & bits[i]) && va_step_for(a, f, bits[i]) != first) {
            dump_why(a, f, bits[i], names[i], b);
        }
    }
}

static void dump(const va_t *a, strbuf_t *b)
{
    const model_t *m = a->m;
    for (uint32_t c = 0; c < m->comps.n; c++) {
        sb_printf(b, "component %s: %zu facts\n", m->comps.v[c].name, a->facts[c].n);
        for (size_t i = 0; i < a->facts[c].n; i++) {
            dump_fact(a, &a->facts[c].v[i], b);
        }
    }
    sb_printf(b, "flows: %zu\n", a->flows.n);
    for (size_t i = 0; i < a->flows.n; i++) {
        const va_flow_t *fl = &a->flows.v[i];
        sb_printf(b, "  %s -> %s:", m->comps.v[fl->from].name, m->comps.v[fl->to].name);
        for (size_t v = 0; v < fl->via.n; v++) {
            sb_printf(b, " %s", m->objs.v[fl->via.v[v]].name);
        }
        sb_printf(b, "\n");
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: closure_dump SYSTEM.yaml|.cdl\n", stderr);
        return 2;
    }
    tool_run_t r;
    pipeline_init(&r);
    bool ok = pipeline_load(&r, argv[1], false) && pipeline_back(&r, 0, 0);
    diag_print(&r.d, stderr);
    if (!ok) {
        pipeline_free(&r);
        return 1;
    }
    va_t a;
    va_run(&a, &r.m, (va_options_t){ .all_via = true });
    strbuf_t b = { 0 };
    dump(&a, &b);
    fwrite(b.s, 1, b.len, stdout);
    sb_free(&b);
    va_free(&a);
    pipeline_free(&r);
    return 0;
}
