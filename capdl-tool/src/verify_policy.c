/*
 * The policy file of `capdl-tool verify --policy` (verify.h, docs/verification.md): parsed with
 * the YAML front end's node helpers (unknown keys, types and names are errors with
 * file:line:col, the key path and a "did you mean"), names resolved against the system; then
 * each rule is checked against the authority and flow analysis, one block per rule kind.
 */
#include "verify.h"
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = { "policy", "isolate", "flows", "only_listed_flows", "forbid", "no_untyped",
                                        "allow" };
static const char *const flow_keys[] = { "from", "to", "between", "through" };
static const char *const forbid_keys[] = { "object", "only" };
static const char *const nu_keys[] = { "except" };

static uint32_t find_comp(const model_t *m, const char *s)
{
    for (uint32_t i = 0; s && i < m->comps.n; i++) {
        if (strcmp(m->comps.v[i].name, s) == 0) {
            return i;
        }
    }
    return CDL_NONE;
}

/* A component name at n, or CDL_NONE with an error. */
static uint32_t comp_name(yc_t *c, ynode_t *n, const char *path)
{
    if (!expect_type(c, n, YN_SCALAR, path)) {
        return CDL_NONE;
    }
    uint32_t ci = find_comp(c->m, scalar(n));
    if (ci == CDL_NONE) {
        const char **cands = xmalloc((c->m->comps.n + 1) * sizeof(char *));
        for (size_t i = 0; i < c->m->comps.n; i++) {
            cands[i] = c->m->comps.v[i].name;
        }
        char *msg = xasprintf("unknown component '%s'", scalar(n));
        char *hint = diag_hint_closest(scalar(n), cands, c->m->comps.n);
        err(c, pos_of(c, n), path, hint, msg);
        free(msg);
        free(hint);
        free(cands);
    }
    return ci;
}

/* An object name at n (a declared object or one of the tool's, such as 'a.tcb'). */
static uint32_t obj_name(yc_t *c, ynode_t *n, const char *path)
{
    if (!expect_type(c, n, YN_SCALAR, path)) {
        return CDL_NONE;
    }
    uint32_t id = model_find(c->m, scalar(n));
    if (id == CDL_NONE) {
        const char **cands = xmalloc((c->m->objs.n + 1) * sizeof(char *));
        for (size_t i = 0; i < c->m->objs.n; i++) {
            cands[i] = c->m->objs.v[i].name;
        }
        char *msg = xasprintf("unknown object '%s'", scalar(n));
        char *hint = diag_hint_closest(scalar(n), cands, c->m->objs.n);
        err(c, pos_of(c, n), path, hint, msg);
        free(msg);
        free(hint);
        free(cands);
    }
    return id;
}

/* A list of names (components, or objects when objects) into out. */
static void name_list(yc_t *c, ynode_t *n, const char *path, bool objects, va_ids_t *out)
{
    if (!expect_type(c, n, YN_SEQUENCE, path)) {
        return;
    }
    int i = 0;
    for (uint32_t it = 0; it < yitems(n); it++, i++) {
        char *p = xasprintf("%s[%d]", path, i);
        uint32_t id = objects ? obj_name(c, yitem(c, n, it), p) : comp_name(c, yitem(c, n, it), p);
        if (id != CDL_NONE) {
            VEC_PUSH(*out, id);
        }
        free(p);
    }
}

/* Calls fn for each item of the list at key (with its path "key[i]"). */
static void each_item(yc_t *c, ynode_t *root, const char *key, vpolicy_t *p,
                      void (*fn)(yc_t *, ynode_t *, const char *, vpolicy_t *))
{
    ynode_t *n = get(c, root, key);
    if (!n || !expect_type(c, n, YN_SEQUENCE, key)) {
        return;
    }
    int i = 0;
    for (uint32_t it = 0; it < yitems(n); it++, i++) {
        char *path = xasprintf("%s[%d]", key, i);
        fn(c, yitem(c, n, it), path, p);
        p->rules++;
        free(path);
    }
}

static void load_iso(yc_t *c, ynode_t *n, const char *path, vpolicy_t *p)
{
    vp_iso_t iso = { .pos = pos_of(c, n) };
    name_list(c, n, path, false, &iso.comps);
    if (n->type == YN_SEQUENCE && yitems(n) < 2) {
        err(c, pos_of(c, n), path, NULL, "an isolation set needs at least two components");
    }
    VEC_PUSH(p->isolate, iso);
}

static void load_flow(yc_t *c, ynode_t *n, const char *path, vpolicy_t *p)
{
    if (!expect_type(c, n, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, n, path, flow_keys, 4);
    vp_flow_t f = { .pos = pos_of(c, n), .from = CDL_NONE, .to = CDL_NONE };
    ynode_t *between = get(c, n, "between"), *from = get(c, n, "from"), *to = get(c, n, "to");
    char *sp;
    if (between && (from || to)) {
        err(c, pos_of(c, n), path, NULL, "a flow has either 'between' or 'from' and 'to'");
    } else if (between) {
        va_ids_t two = { 0 };
        name_list(c, between, sp = subpath(path, "between"), false, &two);
        free(sp);
        if (between->type == YN_SEQUENCE && yitems(between) != 2) {
            err(c, pos_of(c, between), path, NULL, "'between' names two components");
        } else if (two.n == 2) {
            f.from = two.v[0];
            f.to = two.v[1];
            f.both = true;
        }
        VEC_FREE(two);
    } else if (!from || !to) {
        err(c, pos_of(c, n), path, NULL, "a flow needs 'from' and 'to' (or 'between')");
    } else {
        f.from = comp_name(c, from, sp = subpath(path, "from"));
        free(sp);
        f.to = comp_name(c, to, sp = subpath(path, "to"));
        free(sp);
    }
    ynode_t *through = require(c, n, "through", path);
    if (through) {
        name_list(c, through, sp = subpath(path, "through"), true, &f.through);
        free(sp);
    }
    VEC_PUSH(p->flows, f);
}

static void load_forbid(yc_t *c, ynode_t *n, const char *path, vpolicy_t *p)
{
    if (!expect_type(c, n, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, n, path, forbid_keys, 2);
    vp_forbid_t f = { .pos = pos_of(c, n), .obj = CDL_NONE };
    ynode_t *o = require(c, n, "object", path), *only = get(c, n, "only");
    char *sp;
    if (o) {
        f.obj = obj_name(c, o, sp = subpath(path, "object"));
        free(sp);
    }
    if (only) {
        name_list(c, only, sp = subpath(path, "only"), false, &f.only);
        free(sp);
    }
    VEC_PUSH(p->forbid, f);
}

static void load_allow(yc_t *c, ynode_t *n, const char *path, vpolicy_t *p)
{
    p->rules--; /* not a rule */
    load_lint_allow(c, n, path, &p->allow);
}

static void load_no_untyped(yc_t *c, ynode_t *n, vpolicy_t *p)
{
    p->nu_pos = pos_of(c, n);
    if (n->type == YN_MAPPING) {
        check_keys(c, n, "no_untyped", nu_keys, 1);
        ynode_t *e = require(c, n, "except", "no_untyped");
        if (e) {
            name_list(c, e, "no_untyped.except", false, &p->nu_except);
        }
        p->no_untyped = true;
    } else {
        get_bool(c, n, "no_untyped", &p->no_untyped);
    }
    p->rules += p->no_untyped;
}

bool vp_load(vpolicy_t *p, const model_t *m, diag_t *d, const char *file, const char *text, size_t len)
{
    memset(p, 0, sizeof(*p));
    yc_t c = { .m = (model_t *)m, .d = d, .file = file, .ok = true };
    diag_add_source(d, file, text, len);
    if (!yaml_read(&c, text, len, false)) {
        return false;
    }
    ynode_t *root = yroot(&c);
    if (!root) {
        err(&c, (pos_t){ file, 1, 1 }, NULL, NULL, "the policy file is empty");
    } else if (expect_type(&c, root, YN_MAPPING, "")) {
        check_keys(&c, root, "", top_keys, 7);
        ynode_t *n = get(&c, root, "policy");
        if (n && expect_type(&c, n, YN_SCALAR, "policy")) {
            p->name = xstrdup(scalar(n));
        }
        each_item(&c, root, "isolate", p, load_iso);
        each_item(&c, root, "flows", p, load_flow);
        each_item(&c, root, "forbid", p, load_forbid);
        each_item(&c, root, "allow", p, load_allow);
        if ((n = get(&c, root, "only_listed_flows")) != NULL) {
            p->only_pos = pos_of(&c, n);
            get_bool(&c, n, "only_listed_flows", &p->only_listed);
            p->rules += p->only_listed;
        }
        if ((n = get(&c, root, "no_untyped")) != NULL) {
            load_no_untyped(&c, n, p);
        }
    }
    yaml_doc_free(&c.doc);
    return c.ok;
}

void vp_free(vpolicy_t *p)
{
    for (size_t i = 0; i < p->isolate.n; i++) {
        VEC_FREE(p->isolate.v[i].comps);
    }
    for (size_t i = 0; i < p->flows.n; i++) {
        VEC_FREE(p->flows.v[i].through);
    }
    for (size_t i = 0; i < p->forbid.n; i++) {
        VEC_FREE(p->forbid.v[i].only);
    }
    VEC_FREE(p->isolate);
    VEC_FREE(p->flows);
    VEC_FREE(p->forbid);
    lint_allows_free(&p->allow);
    VEC_FREE(p->nu_except);
    free(p->name);
    memset(p, 0, sizeof(*p));
}

/* ---- checks ---- */

static bool in_list(const va_ids_t *l, uint32_t x)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i] == x) {
            return true;
        }
    }
    return false;
}

static const char *cname(const va_t *a, uint32_t c)
{
    return a->m->comps.v[c].name;
}

static const char *oname(const va_t *a, uint32_t o)
{
    return a->m->objs.v[o].name;
}

/* How comp came to hold obj (with one of the rights in want, if it has them). */
static void explain_fact(const va_t *a, uint32_t comp, uint32_t obj, uint8_t want, strbuf_t *b)
{
    const va_fact_t *f = va_fact(a, comp, obj);
    if (f) {
        va_explain(a, va_step_for(a, f, want), "    ", b);
    }
}

/* explain_fact for one of two sides, under a "comp:" line. */
static void explain_side(const va_t *a, uint32_t comp, uint32_t obj, uint8_t want, strbuf_t *b)
{
    const va_fact_t *f = va_fact(a, comp, obj);
    if (f) {
        sb_printf(b, "    %s:\n", cname(a, comp));
        va_explain(a, va_step_for(a, f, want), "      ", b);
    }
}

/* The rights a flow through obj needs on the sending and the receiving side. */
static void flow_rights(const va_t *a, uint32_t from, uint32_t to, uint32_t obj, uint8_t *ws, uint8_t *rs)
{
    uint8_t t = a->m->objs.v[obj].type;
    *ws = *rs = 0;
    if (t == CDL_FRAME || t == CDL_NOTIFICATION || t == CDL_ENDPOINT) {
        const va_fact_t *f = va_fact(a, from, obj);
        bool send = f && (f->rights & CDL_RIGHT_WRITE);
        *ws = send ? CDL_RIGHT_WRITE : CDL_RIGHT_READ;
        *rs = send ? CDL_RIGHT_READ : CDL_RIGHT_WRITE;
    }
    (void)to;
}

/* The explanation of a flow from -> to through obj: how each side holds it. */
static void explain_flow(const va_t *a, uint32_t from, uint32_t to, uint32_t obj, strbuf_t *b)
{
    uint8_t ws, rs;
    flow_rights(a, from, to, obj, &ws, &rs);
    explain_side(a, from, obj, ws, b);
    explain_side(a, to, obj, rs, b);
}

static void list_names(const va_t *a, const va_ids_t *ids, bool objects, strbuf_t *b)
{
    for (size_t i = 0; i < ids->n; i++) {
        sb_printf(b, "%s'%s'", i ? ", " : "", objects ? oname(a, ids->v[i]) : cname(a, ids->v[i]));
    }
    if (!ids->n) {
        sb_printf(b, "nothing");
    }
}

static void violation(vfindings_t *out, const char *id, pos_t pos, strbuf_t *msg, strbuf_t *ex)
{
    vf_add(out, VS_ERROR, true, id, pos, NULL, msg->s, ex->s);
    sb_free(msg);
    sb_free(ex);
}

/* Rule isolate: no two members share an object (held or mapped) or have a flow between them. */
static void check_isolate(const vp_iso_t *r, const va_t *a, vfindings_t *out)
{
    for (size_t i = 0; i < r->comps.n; i++) {
        for (size_t j = i + 1; j < r->comps.n; j++) {
            uint32_t x = r->comps.v[i], y = r->comps.v[j];
            if (x == y) {
                continue;
            }
            va_ids_t shared = { 0 };
            size_t p = 0, q = 0;
            while (p < a->facts[x].n && q < a->facts[y].n) {
                uint32_t ox = a->facts[x].v[p].obj, oy = a->facts[y].v[q].obj;
                if (ox == oy) {
                    VEC_PUSH(shared, ox);
                }
                p += ox <= oy;
                q += oy <= ox;
            }
            strbuf_t msg = { 0 }, ex = { 0 };
            if (shared.n) {
                sb_printf(&msg, "'%s' and '%s' are not isolated: they share ", cname(a, x), cname(a, y));
                for (size_t k = 0; k < shared.n && k < 3; k++) {
                    sb_printf(&msg, "%s'%s'", k ? ", " : "", oname(a, shared.v[k]));
                }
                if (shared.n > 3) {
                    sb_printf(&msg, " and %zu more", shared.n - 3);
                }
                explain_side(a, x, shared.v[0], 0, &ex);
                explain_side(a, y, shared.v[0], 0, &ex);
                violation(out, "isolate", r->pos, &msg, &ex);
            }
            for (int dir = 0; dir < 2; dir++) {
                uint32_t f = dir ? y : x, t = dir ? x : y;
                const va_flow_t *fl = va_flow(a, f, t);
                if (!fl || shared.n) {
                    continue;
                }
                sb_printf(&msg, "'%s' and '%s' are not isolated: %s can send to %s through '%s'", cname(a, x),
                          cname(a, y), cname(a, f), cname(a, t), oname(a, fl->via.v[0]));
                explain_flow(a, f, t, fl->via.v[0], &ex);
                violation(out, "isolate", r->pos, &msg, &ex);
            }
            VEC_FREE(shared);
        }
    }
}

/* Rule flows: a listed pair's flows go only through its objects; with only_listed_flows, a
 * pair not listed has no flow at all. */
static void check_flows(const vpolicy_t *p, const va_t *a, vfindings_t *out)
{
    if (!a->all_via) {
        abort(); /* a flow's objects are checked one by one: all must be kept (vp_needs_all_via) */
    }
    for (size_t i = 0; i < a->flows.n; i++) {
        const va_flow_t *fl = &a->flows.v[i];
        const vp_flow_t *rule = NULL;
        va_ids_t allowed = { 0 };
        for (size_t k = 0; k < p->flows.n; k++) {
            const vp_flow_t *r = &p->flows.v[k];
            if ((r->from == fl->from && r->to == fl->to) || (r->both && r->from == fl->to && r->to == fl->from)) {
                rule = rule ? rule : r;
                for (size_t t = 0; t < r->through.n; t++) {
                    VEC_PUSH(allowed, r->through.v[t]);
                }
            }
        }
        strbuf_t msg = { 0 }, ex = { 0 };
        if (!rule && p->only_listed) {
            sb_printf(&msg, "%s can send to %s through ", cname(a, fl->from), cname(a, fl->to));
            list_names(a, &fl->via, true, &msg);
            sb_printf(&msg, ", a flow the policy does not list");
            explain_flow(a, fl->from, fl->to, fl->via.v[0], &ex);
            violation(out, "only_listed_flows", p->only_pos, &msg, &ex);
        } else if (rule) {
            va_ids_t bad = { 0 };
            for (size_t v = 0; v < fl->via.n; v++) {
                if (!in_list(&allowed, fl->via.v[v])) {
                    VEC_PUSH(bad, fl->via.v[v]);
                }
            }
            if (bad.n) {
                sb_printf(&msg, "%s can send to %s through ", cname(a, fl->from), cname(a, fl->to));
                list_names(a, &bad, true, &msg);
                sb_printf(&msg, "; the policy allows only ");
                list_names(a, &allowed, true, &msg);
                explain_flow(a, fl->from, fl->to, bad.v[0], &ex);
                violation(out, "flows", rule->pos, &msg, &ex);
            }
            VEC_FREE(bad);
        }
        VEC_FREE(allowed);
    }
}

/* Rule forbid: only the listed components hold or can obtain the object. */
static void check_forbid(const vp_forbid_t *r, const va_t *a, vfindings_t *out)
{
    for (uint32_t c = 0; r->obj != CDL_NONE && c < a->m->comps.n; c++) {
        if (va_fact(a, c, r->obj) && !in_list(&r->only, c)) {
            strbuf_t msg = { 0 }, ex = { 0 };
            sb_printf(&msg, "%s can obtain '%s'; the policy allows only ", cname(a, c), oname(a, r->obj));
            list_names(a, &r->only, false, &msg);
            explain_fact(a, c, r->obj, 0, &ex);
            violation(out, "forbid", r->pos, &msg, &ex);
        }
    }
}

/* Rule no_untyped: no component (but the exceptions) holds or can obtain untyped memory. */
static void check_no_untyped(const vpolicy_t *p, const va_t *a, vfindings_t *out)
{
    for (uint32_t c = 0; c < a->m->comps.n; c++) {
        for (size_t i = 0; !in_list(&p->nu_except, c) && i < a->facts[c].n; i++) {
            uint32_t o = a->facts[c].v[i].obj;
            if (a->m->objs.v[o].type == CDL_UNTYPED) {
                strbuf_t msg = { 0 }, ex = { 0 };
                sb_printf(&msg, "%s can obtain untyped '%s' and create objects", cname(a, c), oname(a, o));
                explain_fact(a, c, o, 0, &ex);
                violation(out, "no_untyped", p->nu_pos, &msg, &ex);
            }
        }
    }
}

bool vp_needs_all_via(const vpolicy_t *p)
{
    return p->flows.n || p->only_listed;
}

void vp_check(const vpolicy_t *p, const va_t *a, vfindings_t *out)
{
    for (size_t i = 0; i < p->isolate.n; i++) {
        check_isolate(&p->isolate.v[i], a, out);
    }
    if (vp_needs_all_via(p)) {
        check_flows(p, a, out);
    }
    for (size_t i = 0; i < p->forbid.n; i++) {
        check_forbid(&p->forbid.v[i], a, out);
    }
    if (p->no_untyped) {
        check_no_untyped(p, a, out);
    }
}

