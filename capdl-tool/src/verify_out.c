/*
 * Outputs of `capdl-tool verify` (verify.h): text for people, JSON (documented in
 * docs/verification.md, "version": 1) and Graphviz DOT. All three are deterministic: findings
 * sorted by position, components and objects in model order, flows by (from, to).
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

static size_t count(const vresult_t *r, bool policy, bool silenced)
{
    size_t n = 0;
    for (size_t i = 0; i < r->f.n; i++) {
        n += r->f.v[i].policy == policy && (r->f.v[i].reason != NULL) == silenced;
    }
    return n;
}

/* ---- text ---- */

static void text_finding(const vresult_t *r, const vfinding_t *f, strbuf_t *b)
{
    if (f->pos.line) {
        sb_printf(b, "%s:%u:%u: ", f->pos.file, f->pos.line, f->pos.col);
    } else {
        sb_printf(b, "%s: ", r->m->system);
    }
    sb_printf(b, "%s: [%s] ", f->policy ? "violation" : "warning", f->id);
    if (f->item) {
        sb_printf(b, "%s: ", f->item);
    }
    sb_printf(b, "%s\n", f->msg);
    if (f->explain) {
        sb_printf(b, "%s", f->explain);
    }
}

static void sb_puts(strbuf_t *b, const char *s)
{
    sb_append(b, s, strlen(s));
}

/* "  from -> to through 'o1', ... and N more": pieces appended, not printf'd (one line per
 * flow: 39,000 of them for 1,000 components in groups of 20). */
static void text_flow(const model_t *m, const va_flow_t *fl, strbuf_t *b)
{
    sb_puts(b, "  ");
    sb_puts(b, m->comps.v[fl->from].name);
    sb_puts(b, " -> ");
    sb_puts(b, m->comps.v[fl->to].name);
    sb_puts(b, " through");
    for (size_t v = 0; v < fl->via.n && v < VA_VIA_SHOWN; v++) {
        sb_puts(b, v ? ", '" : " '");
        sb_puts(b, m->objs.v[fl->via.v[v]].name);
        sb_puts(b, "'");
    }
    if (fl->objects > VA_VIA_SHOWN) {
        sb_puts(b, " and ");
        sb_dec(b, fl->objects - VA_VIA_SHOWN);
        sb_puts(b, " more");
    }
    sb_puts(b, "\n");
}

void vo_text(const vresult_t *r, strbuf_t *b)
{
    const model_t *m = r->m;
    const va_t *a = r->a;
    for (size_t i = 0; i < r->f.n; i++) {
        if (!r->f.v[i].reason) {
            text_finding(r, &r->f.v[i], b);
        }
    }
    for (size_t i = 0; i < r->f.n; i++) {
        const vfinding_t *f = &r->f.v[i];
        if (f->reason) {
            sb_printf(b, "silenced: [%s] %s: %s (reason: %s)\n", f->id, f->item, f->msg, f->reason);
        }
    }
    if (r->authority) {
        sb_printf(b, "authority:\n");
        for (uint32_t c = 0; c < m->comps.n; c++) {
            sb_printf(b, "  %s:", m->comps.v[c].name);
            bool first = true;
            for (size_t i = 0; i < a->facts[c].n; i++) {
                const va_fact_t *f = &a->facts[c].v[i];
                uint8_t t = m->objs.v[f->obj].type;
                if (t == CDL_PDPT || t == CDL_PD || t == CDL_PT || (!f->held && m->objs.v[f->obj].comp >= 0)) {
                    continue;
                }
                char rs[64];
                va_rights_str(f->rights, t, rs);
                sb_printf(b, "%s %s%s%s%s", first ? "" : ",", m->objs.v[f->obj].name, rs[0] ? " [" : "", rs,
                          rs[0] ? "]" : "");
                first = false;
            }
            sb_printf(b, "\n");
        }
    }
    sb_printf(b, "flows:%s\n", a->flows.n ? "" : " none");
    for (size_t i = 0; i < a->flows.n; i++) {
        text_flow(m, &a->flows.v[i], b);
    }
    size_t warn = count(r, false, false), sil = count(r, false, true), viol = count(r, true, false);
    sb_printf(b, "%s: %zu components, %zu objects, %zu caps: %zu warning%s", m->system, m->comps.n, m->objs.n,
              m->caps.n, warn, warn == 1 ? "" : "s");
    if (sil) {
        sb_printf(b, " (%zu silenced)", sil);
    }
    if (r->policy_file) {
        sb_printf(b, "; policy %s: %zu rule%s, %zu violation%s", r->policy_file, r->policy_rules,
                  r->policy_rules == 1 ? "" : "s", viol, viol == 1 ? "" : "s");
    }
    sb_printf(b, "\n");
}

/* ---- JSON ---- */

static void json_str(strbuf_t *b, const char *s)
{
    sb_printf(b, "\"");
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            sb_printf(b, "\\%c", ch);
        } else if (ch == '\n') {
            sb_printf(b, "\\n");
        } else if (ch < 0x20) {
            sb_printf(b, "\\u%04x", ch);
        } else {
            sb_append(b, &ch, 1);
        }
    }
    sb_printf(b, "\"");
}

static void json_rights(strbuf_t *b, uint8_t rights, uint8_t type)
{
    char rs[64];
    va_rights_str(rights, type, rs);
    sb_printf(b, "[");
    if (strcmp(rs, "no rights") != 0) {
        for (char *p = rs, *e; *p; p = e + (*e ? 2 : 0)) {
            e = strchr(p, ',');
            e = e ? e : p + strlen(p);
            sb_printf(b, "%s\"%.*s\"", p == rs ? "" : ", ", (int)(e - p), p);
        }
    }
    sb_printf(b, "]");
}

static const char *const how_names[] = { "cap", "contained", "received", "reply", "control", "mapped" };

static void json_explain(strbuf_t *b, const char *ex)
{
    sb_printf(b, "[");
    bool first = true;
    for (const char *p = ex; p && *p;) {
        const char *e = strchr(p, '\n');
        e = e ? e : p + strlen(p);
        while (*p == ' ' && p < e) {
            p++;
        }
        char *line = xstrndup(p, (size_t)(e - p));
        sb_printf(b, "%s", first ? "" : ", ");
        json_str(b, line);
        free(line);
        first = false;
        p = *e ? e + 1 : e;
    }
    sb_printf(b, "]");
}

void vo_json(const vresult_t *r, strbuf_t *b)
{
    const model_t *m = r->m;
    const va_t *a = r->a;
    if (!a->all_via) {
        abort(); /* the flows list every object: the analysis must have kept them (verify_cmd.c) */
    }
    sb_printf(b, "{\n  \"version\": 1,\n  \"system\": ");
    json_str(b, m->system);
    sb_printf(b, ",\n  \"summary\": {\"components\": %zu, \"objects\": %zu, \"caps\": %zu, \"warnings\": %zu, "
              "\"silenced\": %zu, \"violations\": %zu, \"flows\": %zu},\n",
              m->comps.n, m->objs.n, m->caps.n, count(r, false, false), count(r, false, true), count(r, true, false),
              a->flows.n);
    sb_printf(b, "  \"findings\": [");
    for (size_t i = 0; i < r->f.n; i++) {
        const vfinding_t *f = &r->f.v[i];
        sb_printf(b, "%s\n    {\"kind\": \"%s\", \"id\": \"%s\", \"file\": ", i ? "," : "", f->policy ? "violation" : "warning",
                  f->id);
        json_str(b, f->pos.file);
        sb_printf(b, ", \"line\": %u, \"col\": %u, \"item\": ", f->pos.line, f->pos.col);
        if (f->item) {
            json_str(b, f->item);
        } else {
            sb_printf(b, "null");
        }
        sb_printf(b, ", \"message\": ");
        json_str(b, f->msg);
        sb_printf(b, ", \"silenced\": ");
        if (f->reason) {
            json_str(b, f->reason);
        } else {
            sb_printf(b, "null");
        }
        sb_printf(b, ", \"path\": ");
        json_explain(b, f->explain);
        sb_printf(b, "}");
    }
    sb_printf(b, "%s],\n  \"authority\": {", r->f.n ? "\n  " : "");
    for (uint32_t c = 0; c < m->comps.n; c++) {
        sb_printf(b, "%s\n    ", c ? "," : "");
        json_str(b, m->comps.v[c].name);
        sb_printf(b, ": [");
        for (size_t i = 0; i < a->facts[c].n; i++) {
            const va_fact_t *f = &a->facts[c].v[i];
            uint8_t t = m->objs.v[f->obj].type;
            sb_printf(b, "%s\n      {\"object\": ", i ? "," : "");
            json_str(b, m->objs.v[f->obj].name);
            sb_printf(b, ", \"type\": \"%s\", \"rights\": ", va_type_name(t));
            json_rights(b, f->rights, t);
            sb_printf(b, ", \"held\": %s, \"how\": \"%s\"}", f->held ? "true" : "false",
                      how_names[a->steps.v[va_step_for(a, f, 0)].kind]);
        }
        sb_printf(b, "%s]", a->facts[c].n ? "\n    " : "");
    }
    sb_printf(b, "%s},\n  \"flows\": [", m->comps.n ? "\n  " : "");
    for (size_t i = 0; i < a->flows.n; i++) {
        const va_flow_t *fl = &a->flows.v[i];
        sb_printf(b, "%s\n    {\"from\": ", i ? "," : "");
        json_str(b, m->comps.v[fl->from].name);
        sb_printf(b, ", \"to\": ");
        json_str(b, m->comps.v[fl->to].name);
        sb_printf(b, ", \"through\": [");
        for (size_t v = 0; v < fl->via.n; v++) {
            sb_printf(b, "%s", v ? ", " : "");
            json_str(b, m->objs.v[fl->via.v[v]].name);
        }
        sb_printf(b, "]}");
    }
    sb_printf(b, "%s]\n}\n", a->flows.n ? "\n  " : "");
}

/* ---- DOT ---- */

static void rights_letters(uint8_t rights, uint8_t type, char *out)
{
    size_t n = 0;
    if (type == CDL_ENDPOINT || type == CDL_NOTIFICATION || type == CDL_FRAME) {
        if (rights & CDL_RIGHT_READ) {
            out[n++] = 'R';
        }
        if (rights & CDL_RIGHT_WRITE) {
            out[n++] = 'W';
        }
        if (rights & CDL_RIGHT_GRANT) {
            out[n++] = type == CDL_FRAME ? 'X' : 'G';
        }
        if (rights & CDL_RIGHT_GRANT_REPLY) {
            out[n++] = 'P';
        }
    }
    out[n] = '\0';
}

/* Objects drawn: held by some component, or a declared object; never paging structures. */
static bool drawn(const model_t *m, const va_fact_t *f)
{
    uint8_t t = m->objs.v[f->obj].type;
    return t != CDL_PDPT && t != CDL_PD && t != CDL_PT && (f->held || m->objs.v[f->obj].comp < 0);
}

void vo_dot(const vresult_t *r, strbuf_t *b)
{
    const model_t *m = r->m;
    const va_t *a = r->a;
    sb_printf(b, "digraph \"%s\" {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
              "  edge [fontname=\"Helvetica\", fontsize=9];\n", m->system);
    sb_printf(b, "  subgraph cluster_legend {\n    label=\"legend\"; fontname=\"Helvetica\";\n"
              "    \"legend:component\" [label=\"component\", shape=box, style=filled, fillcolor=lightblue];\n"
              "    \"legend:object\" [label=\"object\\ntype\", shape=ellipse];\n"
              "    \"legend:a\" [label=\"\", shape=point]; \"legend:b\" [label=\"\", shape=point];\n"
              "    \"legend:c\" [label=\"\", shape=point]; \"legend:d\" [label=\"\", shape=point];\n"
              "    \"legend:component\" -> \"legend:object\" [label=\"cap in its CSpace (rights R W G=grant "
              "P=grant_reply X=execute)\"];\n"
              "    \"legend:a\" -> \"legend:b\" [label=\"can obtain (authority closure)\", style=dashed];\n"
              "    \"legend:c\" -> \"legend:d\" [label=\"information flow\", color=red, penwidth=2];\n  }\n");
    bool *seen = xcalloc(m->objs.n + 1, 1);
    for (uint32_t c = 0; c < m->comps.n; c++) {
        sb_printf(b, "  \"c:%s\" [label=\"%s\", shape=box, style=filled, fillcolor=lightblue];\n", m->comps.v[c].name,
                  m->comps.v[c].name);
        for (size_t i = 0; i < a->facts[c].n; i++) {
            const va_fact_t *f = &a->facts[c].v[i];
            if (drawn(m, f) && !seen[f->obj]) {
                seen[f->obj] = true;
                sb_printf(b, "  \"o:%s\" [label=\"%s\\n%s\", shape=ellipse];\n", m->objs.v[f->obj].name,
                          m->objs.v[f->obj].name, va_type_name(m->objs.v[f->obj].type));
            }
        }
    }
    free(seen);
    for (uint32_t c = 0; c < m->comps.n; c++) {
        for (size_t i = 0; i < a->facts[c].n; i++) {
            const va_fact_t *f = &a->facts[c].v[i];
            if (!drawn(m, f)) {
                continue;
            }
            char rl[8];
            rights_letters(f->rights, m->objs.v[f->obj].type, rl);
            uint8_t kind = a->steps.v[va_step_for(a, f, 0)].kind;
            sb_printf(b, "  \"c:%s\" -> \"o:%s\" [label=\"%s\"%s];\n", m->comps.v[c].name, m->objs.v[f->obj].name, rl,
                      kind == VA_CAP || kind == VA_MAPPED ? "" : ", style=dashed");
        }
    }
    for (size_t i = 0; i < a->flows.n; i++) {
        const va_flow_t *fl = &a->flows.v[i];
        sb_printf(b, "  \"c:%s\" -> \"c:%s\" [color=red, penwidth=2, label=\"", m->comps.v[fl->from].name,
                  m->comps.v[fl->to].name);
        for (size_t v = 0; v < fl->via.n && v < VA_VIA_SHOWN; v++) {
            sb_printf(b, "%s%s", v ? "," : "", m->objs.v[fl->via.v[v]].name);
        }
        sb_printf(b, "%s\"];\n", fl->objects > VA_VIA_SHOWN ? ",..." : "");
    }
    sb_printf(b, "}\n");
}
