/*
 * The authority closure and the flow graph (verify_auth.h). A worklist over steps, in the order
 * they are made: each step is processed once; processing applies the container and control
 * rules (once per fact), joins the endpoint roles its rights allow (creating transfer edges
 * between components), and pushes the step along the component's transfer edges. A new
 * transfer edge pushes every step its source already has. Pushes that cannot add anything are
 * skipped without a lookup: a step received from a giver is not pushed back to the giver or
 * along the giver's own edges, which had it first (add_edge, process). So a fact crosses each
 * transfer edge about once, and a group of components that can give each other everything
 * costs its facts times its edges, not that times the group's size; the steps and their order
 * (and so every explanation) are those of pushing everything.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf, pthreads */
#include "verify_auth.h"

#include "sort.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- hash map ---- */

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

uint32_t vmap_get(const vmap_t *h, uint64_t key)
{
    if (!h->cap) {
        return CDL_NONE;
    }
    for (size_t i = mix(key) & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
        if (!h->v[i]) {
            return CDL_NONE;
        }
        if (h->k[i] == key) {
            return h->v[i] - 1;
        }
    }
}

static void vmap_grow(vmap_t *h)
{
    vmap_t n = { .cap = h->cap ? h->cap * 2 : 64 };
    n.k = xcalloc(n.cap, sizeof(uint64_t));
    n.v = xcalloc(n.cap, sizeof(uint32_t));
    for (size_t i = 0; i < h->cap; i++) {
        if (h->v[i]) {
            vmap_put(&n, h->k[i], h->v[i] - 1);
        }
    }
    vmap_free(h);
    *h = n;
}

void vmap_put(vmap_t *h, uint64_t key, uint32_t val)
{
    if ((h->n + 1) * 2 > h->cap) {
        vmap_grow(h);
    }
    size_t i = mix(key) & (h->cap - 1);
    while (h->v[i] && h->k[i] != key) {
        i = (i + 1) & (h->cap - 1);
    }
    h->n += !h->v[i];
    h->k[i] = key;
    h->v[i] = val + 1;
}

void vmap_free(vmap_t *h)
{
    free(h->k);
    free(h->v);
    memset(h, 0, sizeof(*h));
}

static uint64_t pair(uint32_t a, uint32_t b)
{
    return (uint64_t)a << 32 | b;
}

/* ---- names ---- */

const char *va_type_name(uint8_t type)
{
    static const char *const n[CDL_OBJ_TYPE_COUNT] = {
        "untyped", "tcb", "endpoint", "notification", "cnode", "frame", "pt", "pd", "pdpt", "pml4",
        "asid_pool", "irq", "io_ports", "irq_control", "asid_control", "io_port_control", "domain",
    };
    return type < CDL_OBJ_TYPE_COUNT ? n[type] : "?";
}

const char *va_rights_str(uint8_t rights, uint8_t type, char *buf)
{
    buf[0] = '\0';
    if (type != CDL_ENDPOINT && type != CDL_NOTIFICATION && type != CDL_FRAME) {
        return buf;
    }
    static const char *const names[4] = { "read", "write", "grant", "grant_reply" };
    static const uint8_t bits[4] = { CDL_RIGHT_READ, CDL_RIGHT_WRITE, CDL_RIGHT_GRANT, CDL_RIGHT_GRANT_REPLY };
    size_t len = 0;
    for (int i = 0; i < 4; i++) {
        if (rights & bits[i]) {
            const char *w = (type == CDL_FRAME && i == 2) ? "execute" : names[i];
            len += (size_t)sprintf(buf + len, "%s%s", len ? ", " : "", w);
        }
    }
    if (!len) {
        strcpy(buf, "no rights");
    }
    return buf;
}

/* ---- containers ---- */

static bool is_container(uint8_t t)
{
    return t == CDL_CNODE || t == CDL_TCB || t == CDL_PML4 || t == CDL_PDPT || t == CDL_PD || t == CDL_PT;
}

/* Contents of every container: YAML shared frames (in the component's PML4) first, then caps. */
static void build_contents(va_t *a)
{
    const model_t *m = a->m;
    size_t n = m->objs.n;
    uint32_t *count = xcalloc(n + 1, sizeof(uint32_t));
    for (size_t ci = 0; ci < m->comps.n; ci++) {
        for (size_t i = 0; i < m->comps.v[ci].shares.n; i++) {
            count[m->comps.v[ci].pml4] += m->comps.v[ci].shares.v[i].obj != CDL_NONE;
        }
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        count[m->caps.v[i].container] += is_container(m->objs.v[m->caps.v[i].container].type);
    }
    a->cstart = xcalloc(n + 1, sizeof(uint32_t));
    for (size_t o = 0; o < n; o++) {
        a->cstart[o + 1] = a->cstart[o] + count[o];
    }
    a->content.n = a->content.cap = a->cstart[n];
    a->content.v = xcalloc(a->content.n + 1, sizeof(va_content_t));
    memset(count, 0, (n + 1) * sizeof(uint32_t));
    for (size_t ci = 0; ci < m->comps.n; ci++) {
        const sys_comp_t *k = &m->comps.v[ci];
        for (size_t i = 0; i < k->shares.n; i++) {
            if (k->shares.v[i].obj != CDL_NONE) {
                a->content.v[a->cstart[k->pml4] + count[k->pml4]++] = (va_content_t){
                    k->shares.v[i].obj, k->shares.v[i].rights, true, CDL_NONE, k->shares.v[i].pos };
            }
        }
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        const model_cap_t *c = &m->caps.v[i];
        if (is_container(m->objs.v[c->container].type)) {
            a->content.v[a->cstart[c->container] + count[c->container]++] =
                (va_content_t){ c->obj, c->rights, false, c->slot, c->pos };
        }
    }
    free(count);
}

/* ---- the closure ---- */

enum va_role { ROLE_SEND_GRANT, ROLE_RECV, ROLE_RECV_GRANT, ROLE_CALLER };

static uint8_t roles_of(uint8_t r)
{
    uint8_t w = (r & CDL_RIGHT_WRITE) != 0, rd = (r & CDL_RIGHT_READ) != 0, g = (r & CDL_RIGHT_GRANT) != 0;
    uint8_t gr = (r & CDL_RIGHT_GRANT_REPLY) != 0;
    return (uint8_t)((w && g) << ROLE_SEND_GRANT | rd << ROLE_RECV | (rd && g) << ROLE_RECV_GRANT |
                     (w && (g || gr)) << ROLE_CALLER);
}

static va_fact_t *fact_at(va_t *a, uint32_t comp, uint32_t idx)
{
    return &a->facts[comp].v[idx];
}

static uint32_t fidx_hash(uint32_t obj, uint32_t cap)
{
    return (obj * 2654435761u) & (cap - 1);
}

/* The index in facts[comp] of comp's fact about obj, or CDL_NONE. */
static uint32_t fact_find(const va_t *a, uint32_t comp, uint32_t obj)
{
    const struct va_fact_index *x = &a->fidx[comp];
    if (!x->cap) {
        return CDL_NONE;
    }
    for (uint32_t i = fidx_hash(obj, x->cap);; i = (i + 1) & (x->cap - 1)) {
        const struct va_fact_slot *s = &x->slot[i];
        if (!s->idx1) {
            return CDL_NONE;
        }
        if (s->obj == obj) {
            return s->idx1 - 1;
        }
    }
}

static void fidx_insert(struct va_fact_index *x, uint32_t obj, uint32_t idx)
{
    uint32_t i = fidx_hash(obj, x->cap);
    while (x->slot[i].idx1) {
        i = (i + 1) & (x->cap - 1);
    }
    x->slot[i] = (struct va_fact_slot){ obj, idx + 1 };
}

/* Indexes the newest fact of comp, growing the table to keep it at most half full. */
static void fact_index_last(va_t *a, uint32_t comp)
{
    struct va_fact_index *x = &a->fidx[comp];
    uint32_t n = (uint32_t)a->facts[comp].n;
    if (n * 2 > x->cap) {
        free(x->slot);
        x->cap = x->cap ? x->cap * 2 : 16;
        x->slot = xcalloc(x->cap, sizeof(*x->slot));
        for (uint32_t i = 0; i + 1 < n; i++) {
            fidx_insert(x, a->facts[comp].v[i].obj, i);
        }
    }
    fidx_insert(x, a->facts[comp].v[n - 1].obj, n - 1);
}

/* Adds a step: comp obtains a cap to obj with rights. Queued when it adds rights or, for an
 * endpoint, a role (rights of different caps do not combine: read+grant on one cap and write on
 * another do not make write+grant). */
static void add(va_t *a, uint32_t comp, uint32_t obj, uint8_t rights, uint8_t kind, uint32_t from, uint32_t via,
                bool held)
{
    uint32_t idx = fact_find(a, comp, obj);
    uint8_t roles = held && a->type[obj] == CDL_ENDPOINT ? roles_of(rights) : 0;
    if (idx != CDL_NONE) {
        const va_fact_t *f = fact_at(a, comp, idx);
        if (!(rights & ~f->rights) && !(roles & ~f->avail)) {
            return;
        }
    }
    va_step_t s = { comp, obj, rights, kind, from, via, CDL_NONE };
    if (idx == CDL_NONE) {
        VEC_PUSH(a->facts[comp], ((va_fact_t){ .obj = obj, .held = held }));
        idx = (uint32_t)a->facts[comp].n - 1;
        fact_index_last(a, comp);
    } else {
        s.prev = fact_at(a, comp, idx)->step;
    }
    VEC_PUSH(a->steps, s);
    va_fact_t *f = fact_at(a, comp, idx);
    f->rights |= rights;
    f->avail |= roles;
    f->held |= held;
    f->step = (uint32_t)a->steps.n - 1;
    f->grown = s.prev != CDL_NONE;
    f->from = from;
    f->giver = kind == VA_SEND || kind == VA_REPLY ? a->steps.v[from].comp : CDL_NONE;
    if (held) {
        VEC_PUSH(a->work, idx);
    }
}

/* Pushes step s (a cap its component holds) to d along a transfer edge. */
static void push_step(va_t *a, uint32_t s, uint32_t d, uint32_t ep, uint8_t kind)
{
    const va_step_t *st = &a->steps.v[s];
    add(a, d, st->obj, st->rights, kind, s, ep, true);
}

/* The component that gave step s over a transfer edge (send or reply), else CDL_NONE. */
static uint32_t giver(const va_t *a, uint32_t s)
{
    const va_step_t *st = &a->steps.v[s];
    return st->kind == VA_SEND || st->kind == VA_REPLY ? a->steps.v[st->from].comp : CDL_NONE;
}

/* Starts a new marking: nothing is marked. */
static void new_stamp(va_t *a)
{
    if (++a->stamp == 0) { /* wrapped: forget the old marks, which could look current */
        memset(a->mark, 0, a->m->comps.n * sizeof(*a->mark));
        a->stamp = 1;
    }
}

/* Marks c with the current stamp (a->mark[c] == a->stamp until the next stamp). */
static void mark(va_t *a, uint32_t c)
{
    a->mark[c] = a->stamp;
}

static bool marked(const va_t *a, uint32_t c)
{
    return a->mark[c] == a->stamp;
}

/* Rule send/reply: a transfer edge s -> d over ep; d gets everything s holds.
 * Skipped, because they cannot add anything: the steps s received from d itself, and those s
 * received from a giver g with an edge g -> d whose own step (the source of s's) was processed:
 * processing pushed it along every out-edge of g, and an edge added since got it when added.
 * Only pushes that would fail are skipped, so the steps, their order and the explanations are
 * those of pushing everything. */
static void add_edge(va_t *a, uint32_t s, uint32_t d, uint32_t ep, uint8_t kind)
{
    if (s == d || vmap_get(&a->edge_set, pair(s, d)) != CDL_NONE) {
        return;
    }
    vmap_put(&a->edge_set, pair(s, d), 0);
    VEC_PUSH(a->out[s], ((va_edge_t){ d, ep, kind }));
    VEC_PUSH(a->in[d], s);
    new_stamp(a);
    mark(a, d);
    for (size_t i = 0; i < a->in[d].n; i++) {
        mark(a, a->in[d].v[i]);
    }
    for (uint32_t i = 0; i < a->facts[s].n; i++) {
        const va_fact_t *f = &a->facts[s].v[i]; /* d != s: pushes to d leave facts[s] in place */
        if (!f->held) {
            continue;
        }
        if (!f->grown) { /* one step, whose giver, source and rights the fact holds */
            uint32_t g = f->giver;
            if (!(g != CDL_NONE && marked(a, g) && (g == d || f->from < a->cur))) {
                add(a, d, f->obj, f->rights, kind, f->step, ep, true);
            }
            continue;
        }
        for (uint32_t st = f->step; st != CDL_NONE; st = a->steps.v[st].prev) {
            uint32_t g = giver(a, st);
            if (g != CDL_NONE && marked(a, g) && (g == d || a->steps.v[st].from < a->cur)) {
                continue;
            }
            push_step(a, st, d, ep, kind);
        }
    }
}

/* Rule: joining an endpoint role connects the component with the holders of the matching role. */
static void join_roles(va_t *a, uint32_t comp, uint32_t obj, uint8_t new_roles)
{
    va_ids_t *r = a->roles[obj];
    for (int role = 0; role < 4; role++) {
        if (!(new_roles & (1u << role))) {
            continue;
        }
        VEC_PUSH(r[role], comp);
        /* send: SEND_GRANT -> RECV; reply: RECV_GRANT -> CALLER */
        int peer = role == ROLE_SEND_GRANT ? ROLE_RECV : role == ROLE_RECV ? ROLE_SEND_GRANT
                 : role == ROLE_RECV_GRANT ? ROLE_CALLER : ROLE_RECV_GRANT;
        uint8_t kind = role == ROLE_SEND_GRANT || role == ROLE_RECV ? VA_SEND : VA_REPLY;
        bool source = role == ROLE_SEND_GRANT || role == ROLE_RECV_GRANT;
        for (size_t i = 0; i < r[peer].n; i++) {
            uint32_t other = r[peer].v[i];
            if (source) {
                add_edge(a, comp, other, obj, kind);
            } else {
                add_edge(a, other, comp, obj, kind);
            }
        }
    }
}

/* Whether giving comp the contents of container obj would add nothing, known without a lookup
 * per content: obj is the CSpace root of component y, whose caps were y's first facts, and comp
 * is y or has a transfer edge from y. Making that edge pushed all of y's facts to comp, and a cap
 * of y's CSpace has no giver, so none was skipped: comp got each with the cap's rights (and so
 * its endpoint roles). Every add of the contents would return at its first test. In a group of
 * components that can give each other everything and hold their own CSpaces (bench/tool's
 * verify system), this was half the closure's adds: 2 million at 100,000 caps, none new. */
static bool cspace_already_given(const va_t *a, uint32_t comp, uint32_t obj)
{
    uint32_t y = a->owner[obj];
    if (y == CDL_NONE || a->m->comps.v[y].cnode != obj) {
        return false;
    }
    return y == comp || vmap_get(&a->edge_set, pair(y, comp)) != CDL_NONE;
}

/* Processes step, whose fact is facts[its component].v[idx]. */
static void process(va_t *a, uint32_t step, uint32_t idx)
{
    const model_t *m = a->m;
    uint32_t comp = a->steps.v[step].comp, obj = a->steps.v[step].obj;
    va_fact_t *f = fact_at(a, comp, idx);
    uint8_t type = a->type[obj];
    if (!f->expanded) {
        f->expanded = true;
        /* Rule container: a cap to a CNode/TCB/VSpace/paging structure gives what it holds.
         * The contents' slots in the component's fact index are fetched first, together: one
         * lookup at a time, each waited for its own cache miss. */
        uint32_t first = a->cstart[obj], end = a->cstart[obj + 1];
        if (first != end && type == CDL_CNODE && cspace_already_given(a, comp, obj)) {
            end = first;
        }
        const struct va_fact_index *fx = &a->fidx[comp];
        for (uint32_t i = first; fx->cap && i < end; i++) {
            __builtin_prefetch(&fx->slot[fidx_hash(a->content.v[i].obj, fx->cap)]);
        }
        for (uint32_t i = first; i < end; i++) {
            add(a, comp, a->content.v[i].obj, a->content.v[i].rights, VA_CONTAINED, step, i, true);
        }
        /* Rule control: irq_control issues every irq handler, io_port_control every port range. */
        if (type == CDL_IRQ_CONTROL || type == CDL_IOPORT_CONTROL) {
            uint8_t want = type == CDL_IRQ_CONTROL ? CDL_IRQ : CDL_IO_PORTS;
            for (uint32_t o = 0; o < m->objs.n; o++) {
                if (m->objs.v[o].type == want) {
                    add(a, comp, o, CDL_RIGHTS_ALL, VA_CONTROL, step, obj, true);
                }
            }
        }
    }
    f = fact_at(a, comp, idx);
    if (type == CDL_ENDPOINT) {
        uint8_t add_roles = (uint8_t)(f->avail & ~f->roles);
        f->roles = f->avail;
        if (add_roles) {
            join_roles(a, comp, obj, add_roles);
        }
    }
    /* Rule send/reply (existing edges): the new rights travel on, except back to the giver
     * and to the giver's own out-edges: the giver's step was processed before this one (the
     * worklist is in step order), so they have it already and the push would add nothing. */
    uint32_t g = giver(a, step);
    struct va_covered *cov = &a->covered[comp];
    if (g != CDL_NONE && cov->giver == g && cov->giver_edges == a->out[g].n && cov->edges == a->out[comp].n) {
        /* The last step from g found every edge of comp leading to g or to one of g's own,
         * and neither has an edge more (edges are only added): no push again. In a group that
         * gives each other everything, this is every step but the first of a run. */
        return;
    }
    new_stamp(a);
    if (g != CDL_NONE) {
        mark(a, g);
        for (size_t e = 0; e < a->out[g].n; e++) {
            mark(a, a->out[g].v[e].to);
        }
    }
    bool pushed = false;
    for (size_t e = 0; e < a->out[comp].n; e++) {
        const va_edge_t *x = &a->out[comp].v[e];
        if (!marked(a, x->to)) {
            push_step(a, step, x->to, x->ep, x->kind);
            pushed = true;
        }
    }
    if (g != CDL_NONE && !pushed) {
        *cov = (struct va_covered){ g, (uint32_t)a->out[g].n, (uint32_t)a->out[comp].n };
    }
}

/* Access only: the frames mapped in the component's own VSpace (walking its paging structures). */
static void add_mapped(va_t *a, uint32_t comp, uint32_t table)
{
    for (uint32_t i = a->cstart[table]; i < a->cstart[table + 1]; i++) {
        uint32_t o = a->content.v[i].obj;
        uint8_t t = a->type[o];
        if (t == CDL_FRAME) {
            add(a, comp, o, a->content.v[i].rights, VA_MAPPED, CDL_NONE, i, false);
        } else if (t == CDL_PDPT || t == CDL_PD || t == CDL_PT) {
            add_mapped(a, comp, o);
        }
    }
}

/* ---- flows ----
 * Built one source component at a time, over the objects that component holds or owns, so a
 * flow is found through a dense "to -> flow" table instead of a hash lookup per pair. Each
 * source visits its objects in one global order (the declared objects first: the channels a
 * policy names; then the components' own; by index within each), which is the order of every
 * flow's list of objects. */

typedef struct holder {
    uint32_t comp;
    uint8_t rights;
} holder_t;

typedef struct flow_pair {
    uint32_t to, obj;
} flow_pair_t;

/* How holders of an object reach each other: writer to reader (frames, notifications), send or
 * reply (endpoints), any holder (I/O ports: both can write), none (other types). */
enum { HOLDER_NONE, HOLDER_WRITE_READ, HOLDER_ENDPOINT, HOLDER_ANY, HOLDER_RULES };

typedef struct flow_ctx {
    va_t *a;
    uint32_t from;
    /* The flows of one source are collected as (to, obj) pairs, then laid out by destination in
     * the arena: one exact slice per flow instead of a growing list per flow. */
    VEC(flow_pair_t) pend;
    VEC(va_flow_t) flows; /* this context's sources' flows, sorted by (from, to) */
    va_ids_t arena;       /* their objects: each flow's via.cap is its slice's offset here */
    uint32_t *last;      /* per destination: the object of its last pair, or CDL_NONE */
    size_t *count;       /* per destination: its pairs; then where its next object goes */
    size_t keep;         /* the pairs kept per destination (the objects its flow lists) */
    VEC(uint32_t) touched; /* destinations with pairs, in first-pair order */
    const uint32_t *hs;  /* holders of object o: all[hs[o]] .. all[hs[o + 1] - 1] */
    const holder_t *all;
    const uint32_t *os;  /* control objects owned by component c: owned[os[c]] .. owned[os[c + 1] - 1] */
    const uint32_t *owned;
    /* MCS: components with a passive thread; each component's SCs: sc[ss[c]] .. sc[ss[c + 1] - 1] */
    const bool *passive;
    bool any_passive;    /* without a passive thread there is no donation (most systems) */
    const uint32_t *ss, *sc;
    /* MCS: the timeout endpoints of each component's threads (TCB slot 7): te[ts[c]] .. */
    const uint32_t *ts, *te;
    /* flow_mask[rule][ri] has bit rj set when a holder with rights ri reaches one with rights rj
     * through an object of that rule (holder_rule): the rule decided once per pair of rights,
     * not once per pair of holders (7.7 million at 1,000 components of bench/tool/verify.sh). */
    uint16_t flow_mask[HOLDER_RULES][CDL_RIGHTS_ALL + 1];
} flow_ctx_t;

static int holder_rule(uint8_t type)
{
    switch (type) {
    case CDL_FRAME:
    case CDL_NOTIFICATION: return HOLDER_WRITE_READ;
    case CDL_ENDPOINT: return HOLDER_ENDPOINT;
    case CDL_IO_PORTS: return HOLDER_ANY;
    default: return HOLDER_NONE;
    }
}

/* Does a holder with rights ri reach one with rights rj under rule? */
static bool holder_reaches(int rule, uint8_t ri, uint8_t rj)
{
    switch (rule) {
    case HOLDER_WRITE_READ: return (ri & CDL_RIGHT_WRITE) && (rj & CDL_RIGHT_READ);
    case HOLDER_ENDPOINT: /* send, and the reply to a caller that can receive one */
        return ((ri & CDL_RIGHT_WRITE) && (rj & CDL_RIGHT_READ)) ||
               ((rj & CDL_RIGHT_WRITE) && (rj & (CDL_RIGHT_GRANT | CDL_RIGHT_GRANT_REPLY)) && (ri & CDL_RIGHT_READ));
    case HOLDER_ANY: return true;
    default: return false;
    }
}

static void init_flow_masks(flow_ctx_t *x)
{
    for (int rule = 0; rule < HOLDER_RULES; rule++) {
        for (uint8_t ri = 0; ri <= CDL_RIGHTS_ALL; ri++) {
            uint16_t m = 0;
            for (uint8_t rj = 0; rj <= CDL_RIGHTS_ALL; rj++) {
                m |= (uint16_t)(holder_reaches(rule, ri, rj) << rj);
            }
            x->flow_mask[rule][ri] = m;
        }
    }
}

/* A flow from the source to `to` through obj (an object is listed once per run of pairs). */
static void add_flow(flow_ctx_t *x, uint32_t to, uint32_t obj)
{
    if (x->from == to || x->last[to] == obj) {
        return;
    }
    if (x->last[to] == CDL_NONE) {
        VEC_PUSH(x->touched, to);
    }
    x->last[to] = obj;
    if (++x->count[to] <= x->keep) {
        VEC_PUSH(x->pend, ((flow_pair_t){ to, obj }));
    }
}

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
    return x < y ? -1 : x > y;
}

/* The source's flows, one per destination, each listing its objects in the order they were
 * found: the objects go to the arena (each flow notes its offset: the arena may still move).
 * Sources are flushed in order and destinations sorted, so a->flows is sorted by (from, to). */
static void flush_flows(flow_ctx_t *x)
{
    if (x->touched.n > 1) {
        qsort(x->touched.v, x->touched.n, sizeof(uint32_t), cmp_u32);
    }
    for (size_t t = 0; t < x->touched.n; t++) {
        uint32_t to = x->touched.v[t];
        size_t n = x->count[to] < x->keep ? x->count[to] : x->keep;
        va_flow_t f = { .from = x->from, .to = to, .objects = (uint32_t)x->count[to] };
        f.via.n = n;
        f.via.cap = x->arena.n; /* the slice's offset until build_flows ends */
        VEC_PUSH(x->flows, f);
        x->count[to] = x->arena.n;
        x->arena.n += n;
        x->last[to] = CDL_NONE;
    }
    if (x->arena.n > x->arena.cap) {
        x->arena.cap = x->arena.n * 2;
        x->arena.v = xrealloc(x->arena.v, x->arena.cap * sizeof(uint32_t));
    }
    for (size_t i = 0; i < x->pend.n; i++) {
        x->arena.v[x->count[x->pend.v[i].to]++] = x->pend.v[i].obj;
    }
    for (size_t t = 0; t < x->touched.n; t++) {
        x->count[x->touched.v[t]] = 0;
    }
    x->pend.n = 0;
    x->touched.n = 0;
}

/* Objects whose holder controls their owner: a thread, a CSpace, a VSpace and (MCS) a thread's
 * CPU time: an SC cap binds, unbinds and reads the consumption of the owner's scheduling context. */
static bool is_control(uint8_t t)
{
    return t == CDL_TCB || t == CDL_CNODE || t == CDL_PML4 || t == CDL_SC;
}

/* MCS donation: a passive thread runs on the SC of whoever Calls it (the Call lends it, the reply
 * gives it back), so caller and passive server share the caller's CPU time: a flow each way
 * through the caller's SCs, besides the endpoint. */
static void donation_flows(flow_ctx_t *x, uint8_t ri, uint32_t other, uint8_t rj)
{
    bool call_i = (ri & CDL_RIGHT_WRITE) && (ri & (CDL_RIGHT_GRANT | CDL_RIGHT_GRANT_REPLY));
    bool call_j = (rj & CDL_RIGHT_WRITE) && (rj & (CDL_RIGHT_GRANT | CDL_RIGHT_GRANT_REPLY));
    uint32_t caller = CDL_NONE;
    if (call_i && (rj & CDL_RIGHT_READ) && x->passive[other]) {
        caller = x->from;
    } else if (call_j && (ri & CDL_RIGHT_READ) && x->passive[x->from]) {
        caller = other;
    }
    for (uint32_t k = caller == CDL_NONE ? 0 : x->ss[caller]; caller != CDL_NONE && k < x->ss[caller + 1]; k++) {
        add_flow(x, other, x->sc[k]);
    }
}

/* Flows from the source, which holds object o with rights ri, to the object's other holders
 * (and, for an irq, to the readers of its notification; for another component's thread, CSpace
 * or VSpace, to that component). */
static void holder_flows(flow_ctx_t *x, uint32_t o, uint8_t ri)
{
    uint8_t type = x->a->type[o];
    uint16_t reach = x->flow_mask[holder_rule(type)][ri & CDL_RIGHTS_ALL];
    if (type == CDL_ENDPOINT && x->any_passive) {
        for (uint32_t k = x->hs[o]; k < x->hs[o + 1]; k++) {
            if (reach >> x->all[k].rights & 1) {
                add_flow(x, x->all[k].comp, o);
            }
            if (x->all[k].comp != x->from) {
                donation_flows(x, ri, x->all[k].comp, x->all[k].rights);
            }
        }
    } else if (reach) {
        /* The common case, written out: the holders are different components (one fact per
         * component and object) and this object is the first of the run, so add_flow's test
         * for a repeat cannot hold; the pairs have room reserved. */
        size_t room = x->hs[o + 1] - x->hs[o];
        if (x->pend.n + room > x->pend.cap) {
            x->pend.cap = (x->pend.n + room) * 2;
            x->pend.v = xrealloc(x->pend.v, x->pend.cap * sizeof(flow_pair_t));
        }
        flow_pair_t *out = x->pend.v + x->pend.n;
        for (uint32_t k = x->hs[o]; k < x->hs[o + 1]; k++) {
            uint32_t to = x->all[k].comp;
            if (!(reach >> x->all[k].rights & 1) || to == x->from) {
                continue;
            }
            if (x->last[to] == CDL_NONE) {
                VEC_PUSH(x->touched, to);
            }
            x->last[to] = o;
            if (++x->count[to] <= x->keep) {
                *out++ = (flow_pair_t){ to, o };
            }
        }
        x->pend.n = (size_t)(out - x->pend.v);
    }
    /* control of another component's thread, CSpace or VSpace: both directions (owner_flows) */
    if (is_control(type) && x->a->owner[o] != CDL_NONE) {
        add_flow(x, x->a->owner[o], o);
    }
    /* an irq handler (ack, mask, rebind) reaches whoever reads the irq's notification */
    const model_obj_t *ob = &x->a->m->objs.v[o];
    if (type == CDL_IRQ && ob->num_caps) {
        uint32_t nt = x->a->m->caps.v[ob->first_cap].obj;
        for (uint32_t k = x->hs[nt]; k < x->hs[nt + 1]; k++) {
            if (x->all[k].rights & CDL_RIGHT_READ) {
                add_flow(x, x->all[k].comp, o);
            }
        }
    }
}

/* Flows from the source, which owns the control object o, to every holder of it. */
static void owner_flows(flow_ctx_t *x, uint32_t o)
{
    for (uint32_t k = x->hs[o]; k < x->hs[o + 1]; k++) {
        add_flow(x, x->all[k].comp, o);
    }
}

/* All flows from component c: its facts (sorted by object) and its owned control objects, in
 * the global object order (declared objects, then owned ones). */
static void source_flows(flow_ctx_t *x, uint32_t c)
{
    va_t *a = x->a;
    x->from = c;
    const va_fact_t *f = a->facts[c].v;
    uint32_t nf = (uint32_t)a->facts[c].n;
    for (uint32_t i = 0; i < nf; i++) {
        if (a->owner[f[i].obj] == CDL_NONE) {
            holder_flows(x, f[i].obj, f[i].rights);
        }
    }
    uint32_t i = 0, k = x->os[c];
    while (i < nf || k < x->os[c + 1]) {
        while (i < nf && a->owner[f[i].obj] == CDL_NONE) {
            i++;
        }
        uint32_t fo = i < nf ? f[i].obj : CDL_NONE, oo = k < x->os[c + 1] ? x->owned[k] : CDL_NONE;
        if (fo == CDL_NONE && oo == CDL_NONE) {
            break;
        }
        if (fo <= oo) {
            holder_flows(x, fo, f[i].rights);
            i++;
        }
        if (oo <= fo) {
            owner_flows(x, oo);
            k++;
        }
    }
    /* MCS: the kernel sends a thread's timeout faults to its timeout endpoint on its behalf */
    for (uint32_t t = x->ts[c]; t < x->ts[c + 1]; t++) {
        for (uint32_t k = x->hs[x->te[t]]; k < x->hs[x->te[t] + 1]; k++) {
            if (x->all[k].rights & CDL_RIGHT_READ) {
                add_flow(x, x->all[k].comp, x->te[t]);
            }
        }
    }
    flush_flows(x);
}

/* Counting sort of (key, value) pairs by key into out; start[k] .. start[k + 1] is key k's run. */
static uint32_t *bucket_starts(uint32_t nkeys, const uint32_t *counts)
{
    uint32_t *start = xcalloc(nkeys + 1, sizeof(uint32_t));
    for (uint32_t k = 0; k < nkeys; k++) {
        start[k + 1] = start[k] + counts[k];
    }
    return start;
}

/* The component whose thread has cap c as its timeout endpoint (TCB slot 7), else none. */
static uint32_t timeout_owner(const model_t *m, const model_cap_t *c, uint32_t none)
{
    const model_obj_t *h = &m->objs.v[c->container];
    return h->type == CDL_TCB && c->slot == CDL_TCB_SLOT_TIMEOUT_EP && h->comp >= 0 ? (uint32_t)h->comp : none;
}

/* ---- flows in slices ----
 * The sources are independent: each slice of them (a run of components) is worked by its own
 * thread with its own scratch and output, and the outputs are joined in slice order, so the
 * flows come out exactly as one pass over all sources makes them. */

enum { FLOW_SLICES_MAX = 4, FLOW_SLICE_MIN_FACTS = 200000 }; /* below that, threads cost more than they save */

typedef struct flow_slice {
    flow_ctx_t x;
    uint32_t first, end; /* its sources */
    pthread_t thread;
    bool started;
} flow_slice_t;

static void *run_slice(void *p)
{
    flow_slice_t *sl = p;
    for (uint32_t c = sl->first; c < sl->end; c++) {
        source_flows(&sl->x, c);
    }
    return NULL;
}

/* How many slices: as asked, else one per online CPU (at most FLOW_SLICES_MAX), one for a small
 * system. */
static uint32_t slice_count(const va_t *a)
{
    if (a->threads) {
        return a->threads < FLOW_SLICES_MAX ? a->threads : FLOW_SLICES_MAX;
    }
    size_t facts = 0;
    for (size_t c = 0; c < a->m->comps.n; c++) {
        facts += a->facts[c].n;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (facts < FLOW_SLICE_MIN_FACTS || cpus < 2) {
        return 1;
    }
    return cpus < FLOW_SLICES_MAX ? (uint32_t)cpus : FLOW_SLICES_MAX;
}

/* Splits the sources into k runs of about equal facts (the work of a source is about its
 * facts times their holders). */
static void split_sources(const va_t *a, flow_slice_t *sl, uint32_t k)
{
    uint32_t nc = (uint32_t)a->m->comps.n;
    size_t total = 0, acc = 0;
    for (uint32_t c = 0; c < nc; c++) {
        total += a->facts[c].n;
    }
    uint32_t c = 0;
    for (uint32_t i = 0; i < k; i++) {
        sl[i].first = c;
        size_t goal = total * (i + 1) / k;
        while (c < nc && (acc < goal || i + 1 == k)) {
            acc += a->facts[c++].n;
        }
        sl[i].end = c;
    }
}

/* Every source's flows into a->flows and a->via_arena, the slices worked in parallel. A slice
 * whose thread cannot start is worked by this thread. */
static void flows_in_slices(va_t *a, const flow_ctx_t *shared)
{
    uint32_t nc = (uint32_t)a->m->comps.n, k = slice_count(a);
    flow_slice_t sl[FLOW_SLICES_MAX];
    memset(sl, 0, sizeof(sl));
    split_sources(a, sl, k);
    for (uint32_t i = 0; i < k; i++) {
        sl[i].x = *shared;
        sl[i].x.last = xmalloc((nc + 1) * sizeof(uint32_t));
        memset(sl[i].x.last, 0xff, (nc + 1) * sizeof(uint32_t));
        sl[i].x.count = xcalloc(nc + 1, sizeof(size_t));
    }
    for (uint32_t i = 1; i < k; i++) {
        sl[i].started = pthread_create(&sl[i].thread, NULL, run_slice, &sl[i]) == 0;
    }
    run_slice(&sl[0]);
    for (uint32_t i = 1; i < k; i++) {
        if (sl[i].started) {
            pthread_join(sl[i].thread, NULL);
        } else {
            run_slice(&sl[i]);
        }
    }
    size_t nflows = 0, nobjs = 0;
    for (uint32_t i = 0; i < k; i++) {
        nflows += sl[i].x.flows.n;
        nobjs += sl[i].x.arena.n;
    }
    a->flows.v = xmalloc((nflows + 1) * sizeof(va_flow_t));
    a->flows.cap = nflows + 1;
    a->via_arena.v = xmalloc((nobjs + 1) * sizeof(uint32_t));
    a->via_arena.cap = nobjs + 1;
    for (uint32_t i = 0; i < k; i++) {
        flow_ctx_t *x = &sl[i].x;
        for (size_t f = 0; f < x->flows.n; f++) {
            va_flow_t fl = x->flows.v[f];
            fl.via.cap += a->via_arena.n; /* the offset in the joined arena */
            a->flows.v[a->flows.n++] = fl;
        }
        if (x->arena.n) {
            memcpy(a->via_arena.v + a->via_arena.n, x->arena.v, x->arena.n * sizeof(uint32_t));
        }
        a->via_arena.n += x->arena.n;
        VEC_FREE(x->flows);
        VEC_FREE(x->arena);
        VEC_FREE(x->touched);
        VEC_FREE(x->pend);
        free(x->last);
        free(x->count);
    }
    for (size_t i = 0; i < a->flows.n; i++) {
        va_ids_t *v = &a->flows.v[i].via;
        v->v = a->via_arena.v + v->cap;
        v->cap = v->n;
    }
}

static void build_flows(va_t *a)
{
    const model_t *m = a->m;
    uint32_t no = (uint32_t)m->objs.n, nc = (uint32_t)m->comps.n;
    /* holders of each object, in component order */
    uint32_t *count = xcalloc(no + nc + 1, sizeof(uint32_t));
    for (uint32_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < a->facts[c].n; i++) {
            count[a->facts[c].v[i].obj]++;
        }
    }
    uint32_t *hs = bucket_starts(no, count);
    holder_t *all = xmalloc((hs[no] + 1) * sizeof(holder_t));
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (uint32_t c = 0; c < nc; c++) {
        for (size_t i = 0; i < a->facts[c].n; i++) {
            uint32_t o = a->facts[c].v[i].obj;
            all[hs[o] + count[o]++] = (holder_t){ c, a->facts[c].v[i].rights };
        }
    }
    /* control objects of each component, in object order */
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (uint32_t o = 0; o < no; o++) {
        count[a->owner[o] != CDL_NONE && is_control(m->objs.v[o].type) ? a->owner[o] : nc]++;
    }
    uint32_t *os = bucket_starts(nc + 1, count);
    uint32_t *owned = xmalloc((os[nc + 1] + 1) * sizeof(uint32_t));
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (uint32_t o = 0; o < no; o++) {
        uint32_t c = a->owner[o] != CDL_NONE && is_control(m->objs.v[o].type) ? a->owner[o] : nc;
        owned[os[c] + count[c]++] = o;
    }
    /* MCS: passive components and each component's SCs */
    bool *passive = xcalloc(nc + 1, sizeof(bool)), any_passive = false;
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (uint32_t o = 0; o < no; o++) {
        const model_obj_t *ob = &m->objs.v[o];
        if (ob->comp >= 0 && ob->type == CDL_TCB && m->tcbs.v[ob->aux].passive) {
            passive[ob->comp] = true;
            any_passive = true;
        }
        count[ob->comp >= 0 && ob->type == CDL_SC ? (uint32_t)ob->comp : nc]++;
    }
    uint32_t *ss = bucket_starts(nc + 1, count);
    uint32_t *scs = xmalloc((ss[nc + 1] + 1) * sizeof(uint32_t));
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (uint32_t o = 0; o < no; o++) {
        uint32_t c = m->objs.v[o].comp >= 0 && m->objs.v[o].type == CDL_SC ? (uint32_t)m->objs.v[o].comp : nc;
        scs[ss[c] + count[c]++] = o;
    }
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < m->caps.n; i++) {
        count[timeout_owner(m, &m->caps.v[i], nc)]++;
    }
    uint32_t *ts = bucket_starts(nc + 1, count);
    uint32_t *te = xmalloc((ts[nc + 1] + 1) * sizeof(uint32_t));
    memset(count, 0, (no + nc + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < m->caps.n; i++) {
        uint32_t c = timeout_owner(m, &m->caps.v[i], nc);
        te[ts[c] + count[c]++] = m->caps.v[i].obj;
    }
    flow_ctx_t shared = { .a = a, .hs = hs, .all = all, .os = os, .owned = owned, .passive = passive,
                          .any_passive = any_passive, .ss = ss, .sc = scs, .ts = ts, .te = te };
    init_flow_masks(&shared);
    shared.keep = a->all_via ? SIZE_MAX : VA_VIA_SHOWN;
    flows_in_slices(a, &shared);
    free(passive);
    free(ss);
    free(scs);
    free(ts);
    free(te);
    free(owned);
    free(os);
    free(all);
    free(hs);
    free(count);
}

/* Sorts each component's facts by object, in place: a radix sort of (object, index) items,
 * then the facts copied out in that order and back through one scratch list. One component's
 * facts (hundreds) stay in cache; sorting all facts at once by object built a second copy of
 * every list and an index as large (62 MB at 100,000 caps: their page faults were most of it). */
static void sort_facts(va_t *a)
{
    uint32_t nc = (uint32_t)a->m->comps.n;
    size_t most = 0;
    for (uint32_t c = 0; c < nc; c++) {
        most = a->facts[c].n > most ? a->facts[c].n : most;
    }
    sort_item_t *items = xmalloc((most + 1) * 2 * sizeof(sort_item_t));
    va_fact_t *scratch = xmalloc((most + 1) * sizeof(va_fact_t));
    for (uint32_t c = 0; c < nc; c++) {
        va_fact_t *f = a->facts[c].v;
        size_t n = a->facts[c].n;
        bool sorted = true;
        for (size_t i = 0; i < n; i++) {
            items[i] = (sort_item_t){ f[i].obj, (uint32_t)i };
            sorted = sorted && (i == 0 || f[i - 1].obj < f[i].obj);
        }
        if (sorted) {
            continue;
        }
        sort_by_key(items, n, items + most + 1);
        for (size_t i = 0; i < n; i++) {
            scratch[i] = f[items[i].id];
        }
        memcpy(f, scratch, n * sizeof(va_fact_t));
    }
    free(items);
    free(scratch);
}

void va_close(va_t *a, const model_t *m, va_options_t opts)
{
    memset(a, 0, sizeof(*a));
    a->m = m;
    a->all_via = opts.all_via;
    a->threads = opts.threads;
    uint32_t nc = (uint32_t)m->comps.n;
    build_contents(a);
    a->facts = xcalloc(nc + 1, sizeof(*a->facts));
    a->fidx = xcalloc(nc + 1, sizeof(*a->fidx));
    a->out = xcalloc(nc + 1, sizeof(*a->out));
    a->in = xcalloc(nc + 1, sizeof(*a->in));
    a->mark = xcalloc(nc + 1, sizeof(*a->mark));
    a->covered = xmalloc((nc + 1) * sizeof(*a->covered));
    for (uint32_t c = 0; c <= nc; c++) {
        a->covered[c].giver = CDL_NONE;
    }
    a->roles = xcalloc(m->objs.n + 1, sizeof(*a->roles));
    a->owner = xmalloc((m->objs.n + 1) * sizeof(uint32_t));
    a->type = xmalloc(m->objs.n + 1);
    for (uint32_t o = 0; o < m->objs.n; o++) {
        a->owner[o] = m->objs.v[o].comp >= 0 ? (uint32_t)m->objs.v[o].comp : CDL_NONE;
        a->type[o] = m->objs.v[o].type;
    }
    /* Start: the caps in each component's own CSpace. */
    for (uint32_t c = 0; c < nc; c++) {
        uint32_t cn = m->comps.v[c].cnode;
        for (uint32_t i = a->cstart[cn]; i < a->cstart[cn + 1]; i++) {
            add(a, c, a->content.v[i].obj, a->content.v[i].rights, VA_CAP, CDL_NONE, i, true);
        }
    }
    /* Every step of the closure is held and queued when made, so work.v[s] is step s's (its
     * fact's index) and the steps before a->cur are the processed ones. */
    for (a->cur = 0; a->cur < a->work.n; a->cur++) {
        /* the fact of a step a few ahead, fetched early: the steps' facts are scattered */
        uint32_t ahead = a->cur + 8;
        if (ahead < a->work.n) {
            __builtin_prefetch(&a->facts[a->steps.v[ahead].comp].v[a->work.v[ahead]]);
        }
        process(a, a->cur, a->work.v[a->cur]);
    }
    for (uint32_t c = 0; c < nc; c++) {
        add_mapped(a, c, m->comps.v[c].pml4);
    }
    /* From here on facts are found by binary search in each component's sorted list. */
    for (uint32_t c = 0; c < nc; c++) {
        free(a->fidx[c].slot);
    }
    sort_facts(a);
    free(a->fidx);
    a->fidx = NULL;
}

void va_flows(va_t *a)
{
    build_flows(a);
}

void va_run(va_t *a, const model_t *m, va_options_t opts)
{
    va_close(a, m, opts);
    va_flows(a);
}

void va_free(va_t *a)
{
    if (!a->m) {
        return;
    }
    for (size_t c = 0; c < a->m->comps.n; c++) {
        VEC_FREE(a->facts[c]);
        VEC_FREE(a->out[c]);
        VEC_FREE(a->in[c]);
    }
    for (size_t o = 0; o < a->m->objs.n; o++) {
        for (int r = 0; r < 4; r++) {
            VEC_FREE(a->roles[o][r]);
        }
    }
    VEC_FREE(a->via_arena);
    free(a->facts);
    free(a->out);
    free(a->in);
    free(a->mark);
    free(a->covered);
    free(a->roles);
    free(a->owner);
    free(a->type);
    free(a->cstart);
    VEC_FREE(a->content);
    VEC_FREE(a->steps);
    VEC_FREE(a->work);
    VEC_FREE(a->flows);
    vmap_free(&a->edge_set);
    memset(a, 0, sizeof(*a));
}

const va_fact_t *va_fact(const va_t *a, uint32_t comp, uint32_t obj)
{
    const va_fact_t *v = a->facts[comp].v;
    size_t lo = 0, hi = a->facts[comp].n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].obj < obj) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < a->facts[comp].n && v[lo].obj == obj ? &v[lo] : NULL;
}

uint32_t va_step_for(const va_t *a, const va_fact_t *f, uint8_t want)
{
    uint32_t s = f->step, first = s;
    for (; s != CDL_NONE; s = a->steps.v[s].prev) {
        if (want && (a->steps.v[s].rights & want)) {
            return s;
        }
        first = s;
    }
    return first;
}

/* A binary search: the flows are sorted by (from, to). */
const va_flow_t *va_flow(const va_t *a, uint32_t from, uint32_t to)
{
    uint64_t key = pair(from, to);
    size_t lo = 0, hi = a->flows.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t k = pair(a->flows.v[mid].from, a->flows.v[mid].to);
        if (k == key) {
            return &a->flows.v[mid];
        }
        if (k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return NULL;
}

/* ---- explanations ---- */

static void pos_str(strbuf_t *b, pos_t p)
{
    if (p.line) {
        sb_printf(b, " (%s:%u:%u)", p.file, p.line, p.col);
    }
}

static void explain_one(const va_t *a, const va_step_t *s, const char *indent, strbuf_t *b)
{
    const model_t *m = a->m;
    const char *comp = m->comps.v[s->comp].name, *obj = m->objs.v[s->obj].name;
    char r[64], rr[64];
    va_rights_str(s->rights, m->objs.v[s->obj].type, rr);
    snprintf(r, sizeof(r), rr[0] ? " [%s]" : "%s", rr);
    const va_content_t *ct = (s->kind == VA_CAP || s->kind == VA_CONTAINED || s->kind == VA_MAPPED) ? &a->content.v[s->via] : NULL;
    sb_printf(b, "%s", indent);
    switch (s->kind) {
    case VA_CAP:
        sb_printf(b, "%s holds '%s'%s in slot %u of its CSpace", comp, obj, r, ct->slot);
        break;
    case VA_CONTAINED: {
        const char *cont = m->objs.v[a->steps.v[s->from].obj].name;
        if (ct->share) {
            sb_printf(b, "%s gets '%s'%s, mapped in '%s'", comp, obj, r, cont);
        } else {
            sb_printf(b, "%s gets '%s'%s from slot %u of '%s'", comp, obj, r, ct->slot, cont);
        }
        break;
    }
    case VA_SEND:
        sb_printf(b, "%s can receive '%s'%s over '%s' from %s (write+grant on its side, read here)", comp, obj, r,
                  m->objs.v[s->via].name, m->comps.v[a->steps.v[s->from].comp].name);
        break;
    case VA_REPLY:
        sb_printf(b, "%s can receive '%s'%s in a reply over '%s' from %s (read+grant on its side, write and "
                  "grant or grant_reply here)", comp, obj, r, m->objs.v[s->via].name,
                  m->comps.v[a->steps.v[s->from].comp].name);
        break;
    case VA_CONTROL:
        sb_printf(b, "%s can issue '%s' with '%s'", comp, obj, m->objs.v[s->via].name);
        break;
    case VA_MAPPED:
        sb_printf(b, "%s has '%s'%s mapped in its own VSpace", comp, obj, r);
        break;
    default:
        break;
    }
    if (ct) {
        pos_str(b, ct->pos);
    }
    sb_printf(b, "\n");
}

void va_explain(const va_t *a, uint32_t s, const char *indent, strbuf_t *b)
{
    va_ids_t chain = { 0 };
    for (uint32_t x = s; x != CDL_NONE; x = a->steps.v[x].from) {
        VEC_PUSH(chain, x);
        if (a->steps.v[x].kind == VA_CAP || a->steps.v[x].kind == VA_MAPPED) {
            break;
        }
    }
    for (size_t i = chain.n; i-- > 0;) {
        explain_one(a, &a->steps.v[chain.v[i]], indent, b);
    }
    VEC_FREE(chain);
}
