/*
 * Lint for `capdl-tool verify` (verify.h): one block per rule, each headed by the rule. The
 * rules read the YAML's system view (caps, shares, mappings) and the authority analysis; each
 * finding names the item it is about (a component, `comp.caps.name`, `comp.shared.symbol` or
 * an object), which is also the key that silences it (`lint: allow:` in the system YAML or
 * `allow:` in the policy file, vl_silence).
 */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const vl_ids[] = {
    "wx-mapping", "writable-code", "unused-cap", "duplicate-cap", "unused-object", "no-receiver",
    "unused-grant", "untyped", "foreign-control", "irq-no-handler", "irq-no-receiver", "conflicting-mapping",
    "no-reply", NULL,
};

void vf_add(vfindings_t *f, uint8_t sev, bool policy, const char *id, pos_t pos, const char *item, const char *msg,
            const char *explain)
{
    vfinding_t x = { sev, policy, id, pos, item ? xstrdup(item) : NULL, xstrdup(msg),
                     explain && explain[0] ? xstrdup(explain) : NULL, NULL };
    VEC_PUSH(*f, x);
}

static int cmp_finding(const void *pa, const void *pb)
{
    const vfinding_t *x = pa, *y = pb;
    int c = strcmp(x->pos.file ? x->pos.file : "", y->pos.file ? y->pos.file : "");
    if (c) {
        return c;
    }
    if (x->pos.line != y->pos.line) {
        return x->pos.line < y->pos.line ? -1 : 1;
    }
    if (x->pos.col != y->pos.col) {
        return x->pos.col < y->pos.col ? -1 : 1;
    }
    if ((c = strcmp(x->id, y->id)) != 0) {
        return c;
    }
    if ((c = strcmp(x->item ? x->item : "", y->item ? y->item : "")) != 0) {
        return c;
    }
    return strcmp(x->msg, y->msg);
}

void vf_sort(vfindings_t *f)
{
    if (f->n) {
        qsort(f->v, f->n, sizeof(vfinding_t), cmp_finding);
    }
}

void vf_free(vfindings_t *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].item);
        free(f->v[i].msg);
        free(f->v[i].explain);
    }
    VEC_FREE(*f);
}

/* The rights masks the rules ask about: per object, how many components hold it with each
 * (all rights of the mask) and the first two of them, from one pass over the facts. */
enum { M_ANY, M_R, M_W, M_RG, M_WG, M_WGR, M_X, N_MASKS };
static const uint8_t masks[N_MASKS] = {
    0, CDL_RIGHT_READ, CDL_RIGHT_WRITE, CDL_RIGHT_READ | CDL_RIGHT_GRANT, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT,
    CDL_RIGHT_WRITE | CDL_RIGHT_GRANT_REPLY, CDL_RIGHT_GRANT,
};

typedef struct holders {
    uint32_t n[N_MASKS];
    uint32_t first[N_MASKS][2];
} holders_t;

typedef struct lint {
    const model_t *m;
    const va_t *a;
    vfindings_t *out;
    holders_t *h;
} lint_t;

static void count_holders(lint_t *l)
{
    l->h = xcalloc(l->m->objs.n + 1, sizeof(holders_t));
    for (uint32_t c = 0; c < l->m->comps.n; c++) {
        for (size_t i = 0; i < l->a->facts[c].n; i++) {
            const va_fact_t *f = &l->a->facts[c].v[i];
            holders_t *h = &l->h[f->obj];
            for (int k = 0; k < N_MASKS; k++) {
                if ((f->rights & masks[k]) == masks[k]) {
                    if (h->n[k] < 2) {
                        h->first[k][h->n[k]] = c;
                    }
                    h->n[k]++;
                }
            }
        }
    }
}

static void warn(lint_t *l, const char *id, pos_t pos, const char *item, const char *explain, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void warn(lint_t *l, const char *id, pos_t pos, const char *item, const char *explain, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    vf_add(l->out, VS_WARNING, false, id, pos, item, buf, explain);
}

static const char *oname(const lint_t *l, uint32_t o)
{
    return l->m->objs.v[o].name;
}

/* The position of an object: its YAML declaration, else its component's. */
static pos_t obj_pos(const lint_t *l, uint32_t o)
{
    const model_obj_t *ob = &l->m->objs.v[o];
    if (ob->pos.line || ob->comp < 0) {
        return ob->pos;
    }
    return l->m->comps.v[ob->comp].pos;
}

/* Rule wx-mapping: no mapping or frame cap is both writable and executable (allow_wx only). */
static void rule_wx(lint_t *l)
{
    const uint8_t wx = CDL_RIGHT_WRITE | CDL_RIGHT_GRANT;
    for (size_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < k->shares.n; i++) {
            if ((k->shares.v[i].rights & wx) == wx) {
                char *item = xasprintf("%s.shared.%s", k->name, k->shares.v[i].symbol);
                warn(l, "wx-mapping", k->shares.v[i].pos, item, NULL, "'%s' is mapped writable and executable",
                     oname(l, k->shares.v[i].obj));
                free(item);
            }
        }
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *c = &k->caps.v[i];
            if (c->kind == CAPK_OBJECT && c->obj != CDL_NONE && l->m->objs.v[c->obj].type == CDL_FRAME &&
                (c->rights & wx) == wx) {
                char *item = xasprintf("%s.caps.%s", k->name, c->name);
                warn(l, "wx-mapping", c->pos, item, NULL, "frame cap to '%s' is writable and executable",
                     oname(l, c->obj));
                free(item);
            }
        }
        for (size_t i = 0; i < k->maps.n; i++) {
            const sys_mapping_t *mp = &k->maps.v[i];
            bool share = false;
            for (size_t s = 0; s < k->shares.n && !share; s++) {
                share = k->shares.v[s].obj == mp->frame;
            }
            if (!share && (mp->rights & wx) == wx) {
                warn(l, "wx-mapping", k->elf_pos, k->name, NULL, "'%s' at 0x%llx is mapped writable and executable",
                     oname(l, mp->frame), (unsigned long long)mp->vaddr);
            }
        }
    }
}

/* Rule writable-code: no frame is executable in one component and writable by another. */
static void rule_writable_code(lint_t *l)
{
    for (uint32_t o = 0; o < l->m->objs.n; o++) {
        if (l->m->objs.v[o].type != CDL_FRAME) {
            continue;
        }
        const holders_t *h = &l->h[o];
        uint32_t exec = h->n[M_X] ? h->first[M_X][0] : CDL_NONE, writer = CDL_NONE;
        for (uint32_t k = 0; exec != CDL_NONE && k < h->n[M_W] && k < 2; k++) {
            writer = writer == CDL_NONE && h->first[M_W][k] != exec ? h->first[M_W][k] : writer;
        }
        if (exec != CDL_NONE && writer != CDL_NONE) {
            strbuf_t b = { 0 };
            va_explain(l->a, va_step_for(l->a, va_fact(l->a, exec, o), CDL_RIGHT_GRANT), "    ", &b);
            va_explain(l->a, va_step_for(l->a, va_fact(l->a, writer, o), CDL_RIGHT_WRITE), "    ", &b);
            warn(l, "writable-code", obj_pos(l, o), oname(l, o), b.s, "'%s' is executable in %s and writable by %s",
                 oname(l, o), l->m->comps.v[exec].name, l->m->comps.v[writer].name);
            sb_free(&b);
        }
    }
}

/* The item a finding about cap c of component k names ("comp.caps.name"): item itself when it
 * is already formatted. */
static char *cap_item(const sys_comp_t *k, const sys_cap_t *c, char *item)
{
    return item ? item : xasprintf("%s.caps.%s", k->name, c->name);
}

/* Rules unused-cap (a cap whose rights allow no operation) and duplicate-cap (two caps of one
 * component to one object with the same rights and badge). */
static void rule_caps(lint_t *l)
{
    for (size_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *c = &k->caps.v[i];
            if (c->obj == CDL_NONE || c->kind == CAPK_EMPTY) {
                continue;
            }
            uint8_t t = l->m->objs.v[c->obj].type;
            bool unused = (t == CDL_ENDPOINT || t == CDL_NOTIFICATION || t == CDL_FRAME) &&
                          !(c->rights & (CDL_RIGHT_READ | CDL_RIGHT_WRITE));
            const sys_cap_t *same = NULL;
            for (size_t j = 0; j < i && !same; j++) {
                const sys_cap_t *d = &k->caps.v[j];
                if (d->kind == c->kind && d->obj == c->obj && d->rights == c->rights && d->badge == c->badge) {
                    same = d;
                }
            }
            if (!unused && !same) {
                continue; /* the usual cap: no name to format */
            }
            char *item = cap_item(k, c, NULL);
            if (unused) {
                warn(l, "unused-cap", c->pos, item, NULL, "the cap to '%s' has neither read nor write: it allows no "
                     "operation", oname(l, c->obj));
            }
            if (same) {
                warn(l, "duplicate-cap", c->pos, item, NULL, "same object, rights and badge as cap '%s'", same->name);
            }
            free(item);
        }
    }
}

/* Rule unused-object: every declared object is the target of a cap or a shared mapping. */
static void rule_unused_objects(lint_t *l)
{
    bool *used = xcalloc(l->m->objs.n + 1, 1);
    for (size_t i = 0; i < l->m->caps.n; i++) {
        used[l->m->caps.v[i].obj] = true;
    }
    for (size_t ci = 0; ci < l->m->comps.n; ci++) {
        for (size_t i = 0; i < l->m->comps.v[ci].shares.n; i++) {
            if (l->m->comps.v[ci].shares.v[i].obj != CDL_NONE) {
                used[l->m->comps.v[ci].shares.v[i].obj] = true;
            }
        }
    }
    for (uint32_t o = 0; o < l->m->objs.n; o++) {
        const model_obj_t *ob = &l->m->objs.v[o];
        if (!used[o] && ob->pos.line && ob->comp < 0 && ob->type != CDL_IRQ) {
            warn(l, "unused-object", ob->pos, ob->name, NULL, "'%s' is declared but no cap or mapping uses it", ob->name);
        }
    }
    free(used);
}

/* Whether a component other than except (CDL_NONE: any) holds obj with the rights of mask k. */
static bool anyone_k(const lint_t *l, uint32_t obj, int k, uint32_t except)
{
    const holders_t *h = &l->h[obj];
    return h->n[k] > 1 || (h->n[k] == 1 && h->first[k][0] != except);
}

static bool anyone(const lint_t *l, uint32_t obj, uint8_t want, uint32_t except)
{
    for (int k = 0; k < N_MASKS; k++) {
        if (masks[k] == want) {
            return anyone_k(l, obj, k, except);
        }
    }
    abort(); /* a mask the table lacks */
}

static bool anyone_caller(const lint_t *l, uint32_t obj, uint32_t except)
{
    return anyone(l, obj, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT, except) ||
           anyone(l, obj, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT_REPLY, except);
}

/* Rule no-receiver: an endpoint or notification someone can send on, someone can receive on. */
static void rule_no_receiver(lint_t *l)
{
    for (uint32_t o = 0; o < l->m->objs.n; o++) {
        uint8_t t = l->m->objs.v[o].type;
        if ((t == CDL_ENDPOINT || t == CDL_NOTIFICATION) && anyone(l, o, CDL_RIGHT_WRITE, CDL_NONE) &&
            !anyone(l, o, CDL_RIGHT_READ, CDL_NONE)) {
            warn(l, "no-receiver", obj_pos(l, o), oname(l, o), NULL, "components can send on '%s' but none can "
                 "receive on it", oname(l, o));
        }
    }
}

/* Rule unused-grant: a grant right on an endpoint cap can carry a cap to some other component
 * (a receiver for write+grant, a caller for read+grant); grant_reply matters on a cap that can
 * call (write), whether or not the reply carries caps. */
static void rule_unused_grant(lint_t *l)
{
    for (uint32_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *c = &k->caps.v[i];
            if (c->kind != CAPK_OBJECT || c->obj == CDL_NONE || l->m->objs.v[c->obj].type != CDL_ENDPOINT) {
                continue;
            }
            char *item = NULL; /* formatted for a warning only: most caps have none */
            if (c->rights & CDL_RIGHT_GRANT) {
                bool send = (c->rights & CDL_RIGHT_WRITE) && anyone(l, c->obj, CDL_RIGHT_READ, ci);
                bool reply = (c->rights & CDL_RIGHT_READ) && anyone_caller(l, c->obj, ci);
                if (!send && !reply) {
                    item = cap_item(k, c, item);
                    warn(l, "unused-grant", c->pos, item, NULL, "grant on '%s' can never carry a cap: no other "
                         "component can %s", oname(l, c->obj),
                         (c->rights & CDL_RIGHT_READ) && (c->rights & CDL_RIGHT_WRITE) ? "receive on it or call it"
                         : (c->rights & CDL_RIGHT_WRITE) ? "receive on it" : (c->rights & CDL_RIGHT_READ) ? "call it"
                         : "use it (the cap has neither read nor write)");
                }
            }
            /* On a writable cap grant_reply is what lets seL4_Call wait for its reply (without it
             * or grant the caller is left inactive): never unused there. */
            if ((c->rights & CDL_RIGHT_GRANT_REPLY) && !(c->rights & CDL_RIGHT_GRANT) &&
                !(c->rights & CDL_RIGHT_WRITE)) {
                item = cap_item(k, c, item);
                warn(l, "unused-grant", c->pos, item, NULL, "grant_reply on '%s' does nothing: the cap cannot "
                     "call (no write), and only a Call through it uses grant_reply", oname(l, c->obj));
            }
            free(item);
        }
    }
}

/* Rule untyped: a component that holds or can obtain untyped memory can create objects. */
static void rule_untyped(lint_t *l)
{
    for (uint32_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < l->a->facts[ci].n; i++) {
            const va_fact_t *f = &l->a->facts[ci].v[i];
            if (l->a->type[f->obj] != CDL_UNTYPED) {
                continue;
            }
            strbuf_t b = { 0 };
            uint32_t s = va_step_for(l->a, f, 0);
            va_explain(l->a, s, "    ", &b);
            const va_step_t *st = &l->a->steps.v[s];
            pos_t pos = st->kind == VA_CAP ? l->a->content.v[st->via].pos : k->pos;
            warn(l, "untyped", pos, k->name, b.s, "%s can create objects: it %s untyped '%s' (%u bits)", k->name,
                 st->kind == VA_CAP ? "holds" : "can obtain", oname(l, f->obj), l->m->objs.v[f->obj].size_bits);
            sb_free(&b);
        }
    }
}

/* Rule foreign-control: a component's caps reach no other component's TCB, CSpace, VSpace or
 * (MCS) scheduling context. */
static void rule_foreign(lint_t *l)
{
    static const char *const what[] = { "TCB", "CSpace", "VSpace", "SC" };
    for (uint32_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *c = &k->caps.v[i];
            int w = c->kind == CAPK_TCB ? 0 : c->kind == CAPK_CSPACE ? 1 : c->kind == CAPK_VSPACE ? 2
                  : c->kind == CAPK_SC ? 3 : -1;
            if (w < 0 || c->obj == CDL_NONE || l->m->objs.v[c->obj].comp == (int32_t)ci) {
                continue;
            }
            char *item = xasprintf("%s.caps.%s", k->name, c->name);
            warn(l, "foreign-control", c->pos, item, NULL, "%s holds the %s of %s ('%s')", k->name, what[w],
                 l->m->comps.v[l->m->objs.v[c->obj].comp].name, oname(l, c->obj));
            free(item);
        }
    }
}

/* Rules irq-no-handler (some component can obtain each irq's handler cap) and irq-no-receiver
 * (some component can read the notification each irq signals). */
static void rule_irqs(lint_t *l)
{
    for (uint32_t o = 0; o < l->m->objs.n; o++) {
        const model_obj_t *ob = &l->m->objs.v[o];
        if (ob->type != CDL_IRQ) {
            continue;
        }
        if (!anyone(l, o, 0, CDL_NONE)) {
            warn(l, "irq-no-handler", ob->pos, ob->name, NULL, "no component holds or can obtain the handler of "
                 "irq '%s': it can never be acknowledged", ob->name);
        }
        if (ob->num_caps && !anyone(l, l->m->caps.v[ob->first_cap].obj, CDL_RIGHT_READ, CDL_NONE)) {
            warn(l, "irq-no-receiver", ob->pos, ob->name, NULL, "no component can read '%s', the notification irq "
                 "'%s' signals", oname(l, l->m->caps.v[ob->first_cap].obj), ob->name);
        }
    }
}

/* Rule conflicting-mapping: a component maps one frame only with one set of rights. */
static void rule_conflicting(lint_t *l)
{
    for (size_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        for (size_t i = 0; i < k->shares.n; i++) {
            for (size_t j = 0; j < i; j++) {
                const sys_share_t *x = &k->shares.v[i], *y = &k->shares.v[j];
                if (x->obj == y->obj && x->obj != CDL_NONE && x->rights != y->rights) {
                    char *item = xasprintf("%s.shared.%s", k->name, x->symbol);
                    char r1[64], r2[64];
                    warn(l, "conflicting-mapping", x->pos, item, NULL, "'%s' is also shared as '%s' with other rights "
                         "([%s] here, [%s] there)", oname(l, x->obj), y->symbol,
                         va_rights_str(x->rights, CDL_FRAME, r1), va_rights_str(y->rights, CDL_FRAME, r2));
                    free(item);
                    break;
                }
            }
        }
    }
}

/* Rule no-reply (MCS): a component that can receive on an endpoint holds a reply object, which
 * seL4_Recv and seL4_ReplyRecv on an endpoint need under MCS (without one the receiver takes a
 * cap fault; seL4_Wait, which takes no Calls, needs none). Reported at its first such cap. */
static void rule_no_reply(lint_t *l)
{
    if (!(l->m->spec_flags & CDL_SPEC_F_MCS)) {
        return;
    }
    for (uint32_t ci = 0; ci < l->m->comps.n; ci++) {
        const sys_comp_t *k = &l->m->comps.v[ci];
        const sys_cap_t *recv = NULL;
        bool reply = false;
        for (size_t i = 0; i < k->caps.n; i++) {
            const sys_cap_t *c = &k->caps.v[i];
            uint8_t t = c->obj == CDL_NONE ? CDL_OBJ_TYPE_COUNT : l->m->objs.v[c->obj].type;
            reply |= t == CDL_RTREPLY;
            if (!recv && t == CDL_ENDPOINT && (c->rights & CDL_RIGHT_READ)) {
                recv = c;
            }
        }
        if (recv && !reply) {
            char *item = xasprintf("%s.caps.%s", k->name, recv->name);
            warn(l, "no-reply", recv->pos, item, NULL, "%s can receive on '%s' but holds no reply object: under MCS "
                 "seL4_Recv on an endpoint needs one (seL4_Wait does not)", k->name, oname(l, recv->obj));
            free(item);
        }
    }
}

void vl_lint(const model_t *m, const va_t *a, vfindings_t *out)
{
    lint_t l = { m, a, out, NULL };
    count_holders(&l);
    rule_wx(&l);
    rule_writable_code(&l);
    rule_caps(&l);
    rule_unused_objects(&l);
    rule_no_receiver(&l);
    rule_unused_grant(&l);
    rule_untyped(&l);
    rule_foreign(&l);
    rule_irqs(&l);
    rule_conflicting(&l);
    rule_no_reply(&l);
    free(l.h);
}

void vl_silence(lint_allows_t *allow, vfindings_t *f)
{
    for (size_t i = 0; i < f->n; i++) {
        for (size_t k = 0; !f->v[i].policy && !f->v[i].reason && k < allow->n; k++) {
            lint_allow_t *al = &allow->v[k];
            if (strcmp(al->id, f->v[i].id) == 0 && f->v[i].item && strcmp(al->item, f->v[i].item) == 0) {
                f->v[i].reason = al->reason;
                al->used = true;
            }
        }
    }
}
