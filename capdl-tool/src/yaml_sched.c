/*
 * YAML front end, the MCS part (docs/mcs.md, "The builder"): `kernel: {mcs: true}`, a thread's
 * `budget`, `period` (µs), `extra_refills`, `sporadic`, `sc_badge`, `passive` and
 * `timeout_handler`, and after every name is resolved the
 * objects they stand for (an SC per thread in TCB slot 6, the timeout endpoint cap in slot 7, a
 * passive thread's notification in slot 8) and the whole-system rules of MCS. The kernel's own
 * checks (sel4-mcs-facts.md 2.4, 3.3) are made here, before boot, with the YAML position.
 */
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const timeout_keys[] = { "object", "badge" };

static void add_sc(yc_t *c, const sys_sched_t *s);
static uint8_t sc_bits(uint64_t extra_refills);

bool yaml_sched_needs_mcs(yc_t *c, ynode_t *n, const char *path, const char *what)
{
    if (c->mcs) {
        return true;
    }
    char *msg = xasprintf("%s needs the MCS kernel: a system for it says so with 'kernel: {mcs: true}'", what);
    err(c, pos_of(c, n), path, NULL, msg);
    free(msg);
    return false;
}

void yaml_sched_kernel(yc_t *c, ynode_t *k)
{
    ynode_t *n = get(c, k, "mcs");
    if (n && get_bool(c, n, "kernel.mcs", &c->mcs) && c->mcs) {
        c->m->spec_flags |= CDL_SPEC_F_MCS;
    }
}

/* A time in µs (`key` of map) into *out; false when absent or wrong (error given). */
static bool load_time(yc_t *c, ynode_t *map, const char *path, const char *key, uint64_t *out, pos_t *pos)
{
    ynode_t *n = get(c, map, key);
    if (!n) {
        return false;
    }
    char *p = subpath(path, key);
    *pos = pos_of(c, n);
    bool ok = get_num(c, n, p, 0, UINT32_MAX, false, out);
    free(p);
    return ok;
}

/* `extra_refills`, `sporadic` and `sc_badge`: what ConfigureFlags takes besides the times. */
static void load_sc_extras(yc_t *c, ynode_t *map, const char *path, sys_sched_t *s)
{
    ynode_t *n = get(c, map, "extra_refills");
    if (n) {
        char *p = subpath(path, "extra_refills");
        s->extra_refills_pos = pos_of(c, n);
        get_num(c, n, p, 0, UINT32_MAX, false, &s->extra_refills);
        free(p);
    }
    n = get(c, map, "sporadic");
    if (n) {
        char *p = subpath(path, "sporadic");
        get_bool(c, n, p, &s->sporadic);
        free(p);
    }
    n = get(c, map, "sc_badge");
    if (n) {
        char *p = subpath(path, "sc_badge");
        get_badge(c, n, p, &s->sc_badge);
        free(p);
    }
}

static void load_timeout(yc_t *c, ynode_t *n, const char *path, uint32_t si)
{
    char *p = subpath(path, "timeout_handler");
    if (expect_type(c, n, YN_MAPPING, p)) {
        check_keys(c, n, p, timeout_keys, 2);
        ynode_t *o = require(c, n, "object", p), *b = get(c, n, "badge");
        sys_sched_t *s = &c->m->sched.v[si];
        s->timeout_pos = pos_of(c, n);
        char *op = subpath(p, "object"), *bp = subpath(p, "badge");
        if (o && expect_type(c, o, YN_SCALAR, op)) {
            add_ref(c, make_ref(c, REF_TIMEOUT, s->comp, si, o, op));
        }
        if (b) {
            get_badge(c, b, bp, &s->timeout_badge);
        }
        free(op);
        free(bp);
    }
    free(p);
}

void yaml_sched_thread(yc_t *c, uint32_t ci, uint32_t ti, ynode_t *map, const char *path)
{
    static const char *const keys[] = { "budget", "period", "passive", "timeout_handler", "extra_refills",
                                        "sporadic", "sc_badge" };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        ynode_t *n = get(c, map, keys[i]);
        if (n) {
            char *p = subpath(path, keys[i]), *what = xasprintf("'%s'", keys[i]);
            yaml_sched_needs_mcs(c, n, p, what);
            free(p);
            free(what);
        }
    }
    if (!c->mcs) {
        return;
    }
    sys_sched_t s = { .comp = ci, .thread = ti, .timeout_obj = CDL_NONE };
    s.pos = c->m->comps.v[ci].threads.v[ti].pos;
    bool has_b = load_time(c, map, path, "budget", &s.budget, &s.budget_pos);
    bool has_p = load_time(c, map, path, "period", &s.period, &s.period_pos);
    /* one of the two given: the other is the same (round robin); neither: the default */
    if (!has_b) {
        s.budget = has_p ? s.period : YAML_DEFAULT_PERIOD_US;
        s.budget_pos = has_p ? s.period_pos : s.pos;
    }
    if (!has_p) {
        s.period = has_b ? s.budget : YAML_DEFAULT_PERIOD_US;
        s.period_pos = has_b ? s.budget_pos : s.pos;
    }
    load_sc_extras(c, map, path, &s);
    ynode_t *pn = get(c, map, "passive");
    if (pn) {
        char *p = subpath(path, "passive");
        get_bool(c, pn, p, &s.passive);
        s.passive_pos = pos_of(c, pn);
        free(p);
    }
    VEC_PUSH(c->m->sched, s);
    add_sc(c, &c->m->sched.v[c->m->sched.n - 1]);
    ynode_t *tn = get(c, map, "timeout_handler");
    if (tn) {
        load_timeout(c, tn, path, (uint32_t)c->m->sched.n - 1);
    }
}

void yaml_sched_resolve_timeout(yc_t *c, const pending_t *r)
{
    uint32_t id = yaml_find_object(c, r);
    if (id == CDL_NONE) {
        return;
    }
    if (c->m->objs.v[id].type != CDL_ENDPOINT) {
        char *msg = xasprintf("a timeout handler must be an endpoint; '%s' is not one", r->name);
        err(c, r->pos, r->path, NULL, msg);
        free(msg);
        return;
    }
    c->m->sched.v[r->idx].timeout_obj = id;
}

/* "<component>[.<thread>].<suffix>", from the TCB's name "<...>.tcb". */
static char *thread_obj_name(const model_t *m, uint32_t tcb, const char *suffix)
{
    const char *n = m->objs.v[tcb].name;
    return xasprintf("%.*s.%s", (int)(strlen(n) - 4), n, suffix);
}

uint32_t yaml_sched_sc_of(yc_t *c, uint32_t tcb)
{
    char *name = thread_obj_name(c->m, tcb, "sc");
    uint32_t id = model_find(c->m, name);
    free(name);
    return id;
}

/* The thread's SC and its cap in TCB slot 6, made when the thread is read so that caps to it
 * ({sc: ...}) resolve like caps to its TCB. */
static void add_sc(yc_t *c, const sys_sched_t *s)
{
    model_t *m = c->m;
    uint32_t tcb = m->comps.v[s->comp].threads.v[s->thread].tcb;
    char *scn = thread_obj_name(m, tcb, "sc");
    uint32_t sc = model_add_obj(m, scn, CDL_SC, sc_bits(s->extra_refills), s->pos);
    m->objs.v[sc].aux = (uint32_t)s->budget;
    m->objs.v[sc].aux2 = (uint32_t)s->period;
    m->objs.v[sc].paddr = s->sc_badge; /* the SC's badge lives in paddr (model.h) */
    m->objs.v[sc].sc_extra_refills = (uint32_t)s->extra_refills;
    m->objs.v[sc].sc_sporadic = s->sporadic;
    m->objs.v[sc].comp = (int32_t)s->comp;
    model_add_cap(m, tcb, CDL_TCB_SLOT_SC, sc, CDL_RIGHTS_ALL, 0, 0, s->pos); /* as .cdl reads it */
    free(scn);
}

/* The SC's size: the smallest that holds the extra refills (seL4_MaxExtraRefills(bits) =
 * (2^bits - 128) / 16), at least seL4_MinSchedContextBits; past CDL_MAX_SC_BITS the largest,
 * which rule_refills then refuses. */
static uint8_t sc_bits(uint64_t extra_refills)
{
    uint8_t bits = CDL_MIN_SC_BITS;
    while (bits < CDL_MAX_SC_BITS && ((1ull << bits) - CDL_SC_CORE_BYTES) / CDL_SC_REFILL_BYTES < extra_refills) {
        bits++;
    }
    return bits;
}

/* Rule: the extra refills fit the largest SC we make (ConfigureFlags' check 9 with the size
 * chosen above), and mean something: a round-robin SC (budget == period) keeps two refills and
 * the kernel ignores the rest (sel4-mcs-facts 4.4), so asking for them is a mistake. */
static void rule_refills(yc_t *c, const sys_sched_t *s)
{
    uint64_t max = ((1ull << CDL_MAX_SC_BITS) - CDL_SC_CORE_BYTES) / CDL_SC_REFILL_BYTES;
    char *msg = NULL;
    if (s->extra_refills > max) {
        msg = xasprintf("%llu extra refills do not fit in the largest scheduling context (2^%u bytes holds %llu)",
                        (unsigned long long)s->extra_refills, CDL_MAX_SC_BITS, (unsigned long long)max);
    } else if (s->extra_refills > 0 && s->budget == s->period) {
        msg = xasprintf("extra refills are for periodic threads: with budget == period (%llu µs) the SC is round "
                        "robin and the kernel keeps two refills", (unsigned long long)s->period);
    }
    if (msg) {
        err(c, s->extra_refills_pos, NULL, NULL, msg);
        free(msg);
    }
}

/* The timeout endpoint cap and a passive thread's notification of one thread. */
static void add_thread_objects(yc_t *c, const sys_sched_t *s)
{
    model_t *m = c->m;
    uint32_t tcb = m->comps.v[s->comp].threads.v[s->thread].tcb;
    if (s->timeout_obj != CDL_NONE) {
        /* seL4 takes a timeout handler cap with Write and Grant or GrantReply (facts 2.4) */
        model_add_cap(m, tcb, CDL_TCB_SLOT_TIMEOUT_EP, s->timeout_obj, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT_REPLY,
                      s->timeout_badge, 0, s->timeout_pos);
    }
    if (s->passive) {
        char *nn = thread_obj_name(m, tcb, "passive");
        uint32_t ntfn = model_add_obj(m, nn, CDL_NOTIFICATION, 0, s->passive_pos);
        m->objs.v[ntfn].comp = (int32_t)s->comp;
        model_add_cap(m, tcb, CDL_TCB_SLOT_BOUND_NTFN, ntfn, CDL_RIGHT_READ, 0, 0, s->passive_pos);
        m->tcbs.v[m->objs.v[tcb].aux].passive = true;
        free(nn);
    }
}

/* Rule: the kernel's ConfigureFlags accepts the times: 20 µs <= budget <= period. */
static void rule_times(yc_t *c, const sys_sched_t *s)
{
    char *msg = NULL;
    pos_t at = s->budget_pos;
    if (s->budget < CDL_SC_MIN_BUDGET_US) {
        msg = xasprintf("a budget of %llu µs is below the kernel's minimum of %u µs", (unsigned long long)s->budget,
                        CDL_SC_MIN_BUDGET_US);
    } else if (s->period < CDL_SC_MIN_BUDGET_US) {
        msg = xasprintf("a period of %llu µs is below the kernel's minimum of %u µs", (unsigned long long)s->period,
                        CDL_SC_MIN_BUDGET_US);
        at = s->period_pos;
    } else if (s->budget > s->period) {
        msg = xasprintf("the budget (%llu µs) is longer than the period (%llu µs)", (unsigned long long)s->budget,
                        (unsigned long long)s->period);
    }
    if (msg) {
        err(c, at, NULL, NULL, msg);
        free(msg);
    }
}

/* Rule: the periodic threads (budget < period) of a core together reserve at most all of its
 * time. Round-robin threads (budget == period) reserve nothing: they share what is left by
 * priority; passive threads run on their callers' time. Reported at the thread that tips it. */
static void rule_utilisation(yc_t *c)
{
    uint64_t ppm = 0; /* parts per million of core 0, each rounded up */
    for (size_t i = 0; i < c->m->sched.n; i++) {
        const sys_sched_t *s = &c->m->sched.v[i];
        if (s->passive || s->budget >= s->period || s->period == 0) {
            continue;
        }
        ppm += (s->budget * 1000000u + s->period - 1) / s->period;
        if (ppm > 1000000u) {
            char *msg = xasprintf("core 0 is over-committed: the periodic threads up to this one reserve %llu.%u%% of "
                                  "its time (budget / period summed)", (unsigned long long)(ppm / 10000),
                                  (unsigned)(ppm / 1000 % 10));
            err(c, s->budget_pos, NULL, NULL, msg);
            free(msg);
            return;
        }
    }
}

static bool holds_type(const sys_comp_t *k, const model_t *m, uint8_t type)
{
    for (size_t i = 0; i < k->caps.n; i++) {
        if (k->caps.v[i].obj != CDL_NONE && m->objs.v[k->caps.v[i].obj].type == type) {
            return true;
        }
    }
    return false;
}

/* Rule: a passive thread has a reply object to receive Calls with, and every other component
 * that can send to an endpoint it receives on can Call (Write with Grant or GrantReply): a Send
 * never donates time, so the server would be left without an SC (seL4 issue #1616). */
static void rule_passive(yc_t *c, const sys_sched_t *s)
{
    const model_t *m = c->m;
    const sys_comp_t *srv = &m->comps.v[s->comp];
    if (!holds_type(srv, m, CDL_RTREPLY)) {
        char *msg = xasprintf("a passive thread receives Calls with a reply object: give '%s' a cap to one "
                              "(objects: {NAME: reply})", srv->name);
        err(c, s->passive_pos, NULL, NULL, msg);
        free(msg);
    }
    for (size_t i = 0; i < srv->caps.n; i++) {
        const sys_cap_t *e = &srv->caps.v[i];
        if (e->obj == CDL_NONE || m->objs.v[e->obj].type != CDL_ENDPOINT || !(e->rights & CDL_RIGHT_READ)) {
            continue;
        }
        for (size_t k = 0; k < m->comps.n; k++) {
            const sys_comp_t *cl = &m->comps.v[k];
            for (size_t j = 0; k != s->comp && j < cl->caps.n; j++) {
                const sys_cap_t *x = &cl->caps.v[j];
                if (x->obj == e->obj && (x->rights & CDL_RIGHT_WRITE) &&
                    !(x->rights & (CDL_RIGHT_GRANT | CDL_RIGHT_GRANT_REPLY))) {
                    char *msg = xasprintf("'%s' can only Send to '%s', on which passive '%s' receives: a Send lends "
                                          "no time, so the server would not run; add grant_reply so it Calls",
                                          cl->name, m->objs.v[e->obj].name, srv->name);
                    err(c, x->pos, NULL, NULL, msg);
                    free(msg);
                }
            }
        }
    }
}

void yaml_sched_finish(yc_t *c)
{
    if (!c->mcs) {
        return;
    }
    for (size_t i = 0; i < c->m->sched.n; i++) {
        const sys_sched_t *s = &c->m->sched.v[i];
        rule_times(c, s);
        rule_refills(c, s);
        if (s->passive) {
            rule_passive(c, s);
        }
        add_thread_objects(c, s);
    }
    rule_utilisation(c);
}
