/*
 * YAML front end, phase one for `components:`: each component gets a CNode, a PML4 and one TCB
 * plus IPC buffer frame per thread; its caps, shared frames and fault handlers are recorded in
 * the system view, with names left for yaml_resolve.c to resolve.
 */
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const comp_keys[] = {
    "elf", "priority", "max_priority", "domain", "stack", "entry", "args", "fault_handler",
    "cnode_bits", "allow_wx", "caps", "shared", "threads",
    "budget", "period", "passive", "timeout_handler", /* MCS: yaml_sched.c */
    "extra_refills", "sporadic", "sc_badge",
};
static const char *const thread_keys[] = {
    "entry", "priority", "max_priority", "domain", "stack", "args", "fault_handler",
    "budget", "period", "passive", "timeout_handler", "extra_refills", "sporadic", "sc_badge",
};
#define N_COMP_KEYS (sizeof(comp_keys) / sizeof(comp_keys[0]))
#define N_THREAD_KEYS (sizeof(thread_keys) / sizeof(thread_keys[0]))
static const char *const cap_keys[] = { "object", "cspace", "vspace", "tcb", "untyped", "control", "rights", "badge",
                                        "sc" };
static const char *const target_keys[] = { "object", "cspace", "vspace", "tcb", "untyped", "control", "sc" };
#define N_TARGET_KEYS (sizeof(target_keys) / sizeof(target_keys[0]))
static const char *const control_names[] = { "irq_control", "asid_control", "io_port_control", "domain",
                                             "sched_control" };
static const uint8_t control_types[] = { CDL_IRQ_CONTROL, CDL_ASID_CONTROL, CDL_IOPORT_CONTROL, CDL_DOMAIN,
                                         CDL_SCHED_CONTROL };
#define N_CONTROLS (sizeof(control_types) / sizeof(control_types[0]))
static const char *const fault_keys[] = { "object", "badge" };
static const char *const share_keys[] = { "object", "rights" };

static sys_comp_t *comp(yc_t *c, uint32_t ci)
{
    return &c->m->comps.v[ci];
}

/* "comp.part.suffix", or "comp.suffix" without part: the name of an object the tool makes for a
 * component (heap; copied, not printed: several per component). */
static char *comp_obj_name(const char *comp, const char *part, const char *suffix)
{
    size_t nc = strlen(comp), np = part ? strlen(part) + 1 : 0, ns = strlen(suffix);
    char *s = xmalloc(nc + np + ns + 2);
    memcpy(s, comp, nc);
    if (part) {
        s[nc] = '.';
        memcpy(s + nc + 1, part, np - 1);
    }
    s[nc + np] = '.';
    memcpy(s + nc + np + 1, suffix, ns + 1);
    return s;
}

static uint64_t num_key(yc_t *c, ynode_t *map, const char *path, const char *key, uint64_t min,
                        uint64_t max, bool sized, uint64_t def)
{
    ynode_t *n = get(c, map, key);
    char *p = subpath(path, key);
    uint64_t v = def;
    if (n && !get_num(c, n, p, min, max, sized, &v)) {
        v = def;
    }
    free(p);
    return v;
}

static void load_args(yc_t *c, ynode_t *map, const char *path, model_tcb_t *t)
{
    ynode_t *n = get(c, map, "args");
    char *p = subpath(path, "args");
    if (n && expect_type(c, n, YN_SEQUENCE, p)) {
        int i = 0;
        for (uint32_t it = 0; it < yitems(n); it++, i++) {
            char *ip = xasprintf("%s[%d]", p, i);
            if (i == 4) {
                err(c, pos_of(c, yitem(c, n, it)), ip, NULL, "at most 4 arguments can be passed in registers");
            } else if (i < 4) {
                get_num(c, yitem(c, n, it), ip, 0, UINT64_MAX, false, &t->args[i]);
            }
            free(ip);
        }
        t->nargs = (uint8_t)(i > 4 ? 4 : i);
    }
    free(p);
}

static void load_fault(yc_t *c, ynode_t *map, const char *path, uint32_t ci, uint32_t ti)
{
    ynode_t *n = get(c, map, "fault_handler");
    if (!n) {
        return;
    }
    char *p = subpath(path, "fault_handler");
    if (expect_type(c, n, YN_MAPPING, p)) {
        check_keys(c, n, p, fault_keys, 2);
        ynode_t *o = require(c, n, "object", p), *b = get(c, n, "badge");
        sys_thread_t *t = &comp(c, ci)->threads.v[ti];
        t->fault_pos = pos_of(c, n);
        char *op = subpath(p, "object"), *bp = subpath(p, "badge");
        if (o && expect_type(c, o, YN_SCALAR, op)) {
            add_ref(c, make_ref(c, REF_FAULT, ci, ti, o, op));
        }
        if (b) {
            get_badge(c, b, bp, &t->fault_badge);
        }
        free(op);
        free(bp);
    }
    free(p);
}

/* `domain:` (0 when not given), which must exist in the target kernel (get_domain). */
static uint8_t load_domain(yc_t *c, ynode_t *map, const char *path)
{
    ynode_t *n = get(c, map, "domain");
    uint8_t d = 0;
    if (n) {
        char *p = subpath(path, "domain");
        get_domain(c, n, p, &d);
        free(p);
    }
    return d;
}

/* One thread: its TCB (settings from map) and IPC buffer frame. */
static void add_thread(yc_t *c, uint32_t ci, const char *tname, ynode_t *map, const char *path, pos_t pos)
{
    sys_comp_t *k = comp(c, ci);
    model_tcb_t t = { .resume = true };
    t.prio = (uint8_t)num_key(c, map, path, "priority", 0, YAML_MAX_PRIO, false, YAML_DEFAULT_PRIO);
    t.mcp = (uint8_t)num_key(c, map, path, "max_priority", 0, YAML_MAX_PRIO, false, 0);
    t.domain = load_domain(c, map, path);
    load_args(c, map, path, &t);
    bool main = strcmp(tname, "main") == 0;
    char *tcb = comp_obj_name(k->name, main ? NULL : tname, "tcb");
    char *ipc = comp_obj_name(k->name, main ? NULL : tname, "ipc");
    sys_thread_t th = { .name = xstrdup(tname), .pos = pos, .fault_obj = CDL_NONE };
    th.tcb = model_add_tcb(c->m, tcb, &t, pos);
    th.ipc_frame = model_add_obj(c->m, ipc, CDL_FRAME, 12, pos);
    c->m->objs.v[th.tcb].comp = c->m->objs.v[th.ipc_frame].comp = (int32_t)ci;
    th.stack_size = num_key(c, map, path, "stack", 4096, YAML_MAX_STACK, true, YAML_DEFAULT_STACK);
    if (th.stack_size % 4096) {
        err(c, pos_of(c, get(c, map, "stack")), path, NULL, "stack size must be a multiple of 4K");
    }
    ynode_t *e = get(c, map, "entry");
    char *ep = subpath(path, "entry");
    if (e && expect_type(c, e, YN_SCALAR, ep)) {
        th.entry = xstrdup(scalar(e));
        th.entry_pos = pos_of(c, e);
    }
    free(ep);
    free(tcb);
    free(ipc);
    VEC_PUSH(k->threads, th);
    load_fault(c, map, path, ci, (uint32_t)k->threads.n - 1);
    yaml_sched_thread(c, ci, (uint32_t)k->threads.n - 1, map, path);
}

static void load_threads(yc_t *c, uint32_t ci, ynode_t *map, const char *path)
{
    if (!expect_type(c, map, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, map, path, NULL, 0);
    for (uint32_t p = 0; p < ypairs(map); p++) {
        ynode_t *k = ykey(c, map, p), *v = yvalue(c, map, p);
        char *tp = subpath(path, scalar(k) ? scalar(k) : "?");
        if (check_name(c, k, tp, "thread")) {
            if (strcmp(scalar(k), "main") == 0) {
                err(c, pos_of(c, k), tp, NULL, "'main' is the component's own thread: set its keys on the component");
            } else if (expect_type(c, v, YN_MAPPING, tp)) {
                check_keys(c, v, tp, thread_keys, N_THREAD_KEYS);
                require(c, v, "entry", tp);
                add_thread(c, ci, scalar(k), v, tp, pos_of(c, k));
            }
        }
        free(tp);
    }
}

/* The single target key of a cap mapping, or NULL (with an error). */
static const char *cap_target(yc_t *c, ynode_t *map, const char *path)
{
    const char *found = NULL;
    for (size_t i = 0; i < N_TARGET_KEYS; i++) {
        if (get(c, map, target_keys[i])) {
            if (found) {
                char *msg = xasprintf("a cap has one target: '%s' and '%s' both given", found, target_keys[i]);
                err(c, pos_of(c, map), path, NULL, msg);
                free(msg);
                return NULL;
            }
            found = target_keys[i];
        }
    }
    if (!found) {
        err(c, pos_of(c, map), path, NULL,
            "a cap needs a target: one of object, cspace, vspace, tcb, untyped, control, sc (or write 'empty')");
    }
    return found;
}

static void cap_control(yc_t *c, ynode_t *v, const char *path, sys_cap_t *cap)
{
    const char *s = scalar(v);
    for (size_t i = 0; s && i < N_CONTROLS; i++) {
        if (strcmp(s, control_names[i]) == 0) {
            if (control_types[i] == CDL_SCHED_CONTROL && !yaml_sched_needs_mcs(c, v, path, "a sched_control cap")) {
                return;
            }
            cap->obj = model_singleton(c->m, control_types[i]);
            return;
        }
    }
    char *msg = xasprintf("unknown control cap '%s' (irq_control, asid_control, io_port_control, domain, "
                          "sched_control)", s ? s : "");
    char *hint = s ? diag_hint_closest(s, control_names, N_CONTROLS) : NULL;
    err(c, pos_of(c, v), path, hint, msg);
    free(msg);
    free(hint);
}

/* Fills cap from a mapping value; pending references are queued. */
static void cap_mapping(yc_t *c, uint32_t ci, ynode_t *map, const char *path, sys_cap_t *cap, pending_t *r)
{
    check_keys(c, map, path, cap_keys, sizeof(cap_keys) / sizeof(cap_keys[0]));
    const char *t = cap_target(c, map, path);
    if (!t) {
        return;
    }
    ynode_t *v = get(c, map, t);
    char *tp = subpath(path, t);
    if (strcmp(t, "untyped") == 0) {
        uint64_t bits;
        if (get_num(c, v, tp, 4, 47, false, &bits)) {
            /* "comp.cap.ut": two-part names are the tool's own (comp.tcb, comp.pt_0, ...) and
             * threads end in .tcb or .ipc, so this cannot clash with another object. */
            char *name = comp_obj_name(comp(c, ci)->name, cap->name, "ut");
            cap->obj = model_add_obj(c->m, name, CDL_UNTYPED, (uint8_t)bits, pos_of(c, v));
            c->m->objs.v[cap->obj].comp = (int32_t)ci;
            free(name);
        }
        cap->kind = CAPK_UNTYPED;
    } else if (strcmp(t, "control") == 0) {
        cap->kind = CAPK_CONTROL;
        if (expect_type(c, v, YN_SCALAR, tp)) {
            cap_control(c, v, tp, cap);
        }
    } else if (strcmp(t, "sc") == 0 && !yaml_sched_needs_mcs(c, v, tp, "a cap to a scheduling context")) {
        /* reported */
    } else if (expect_type(c, v, YN_SCALAR, tp)) {
        cap->kind = t[0] == 'o' ? CAPK_OBJECT : t[0] == 'c' ? CAPK_CSPACE : t[0] == 'v' ? CAPK_VSPACE
                  : t[0] == 's' ? CAPK_SC : CAPK_TCB;
        *r = make_ref(c, cap->kind == CAPK_OBJECT ? REF_CAP_OBJECT : REF_CAP_COMP, ci, 0, v, tp);
        r->cap_kind = cap->kind;
    }
    free(tp);
}

static void cap_rights_badge(yc_t *c, ynode_t *map, const char *path, sys_cap_t *cap, pending_t *r)
{
    ynode_t *rn = get(c, map, "rights"), *bn = get(c, map, "badge");
    if (rn) {
        bool exec;
        r->rights_path = subpath(path, "rights");
        r->rights_pos = pos_of(c, rn);
        r->rights_given = get_rights(c, rn, r->rights_path, &cap->rights, &exec) || true;
        ynode_t *g = find_right(c, rn, "grant", &r->grant_idx), *x = find_right(c, rn, "execute", &r->exec_idx);
        r->grant_pos = g ? pos_of(c, g) : r->rights_pos;
        r->exec_pos = x ? pos_of(c, x) : r->rights_pos;
    }
    if (bn) {
        r->badge_path = subpath(path, "badge");
        r->badge_pos = pos_of(c, bn);
        r->badge_given = true;
        get_badge(c, bn, r->badge_path, &cap->badge);
    }
}

static void load_cap(yc_t *c, uint32_t ci, ynode_t *k, ynode_t *v, const char *path)
{
    sys_cap_t cap = { .name = model_strdup(c->m, scalar(k)), .pos = pos_of(c, k), .kind = CAPK_EMPTY, .obj = CDL_NONE };
    pending_t r = { .kind = 0xff, .grant_idx = -1, .exec_idx = -1 };
    if (v->type == YN_SCALAR) {
        if (strcmp(scalar(v), "empty") != 0) {
            const char *const empty[] = { "empty" };
            char *hint = diag_hint_closest(scalar(v), empty, 1);
            char *msg = xasprintf("expected 'empty' or a mapping with the cap's target, found '%s'", scalar(v));
            err(c, pos_of(c, v), path, hint, msg);
            free(msg);
            free(hint);
        }
    } else if (expect_type(c, v, YN_MAPPING, path)) {
        cap_mapping(c, ci, v, path, &cap, &r);
        cap_rights_badge(c, v, path, &cap, &r);
    }
    VEC_PUSH(comp(c, ci)->caps, cap);
    if (r.kind != 0xff) {
        r.idx = (uint32_t)comp(c, ci)->caps.n - 1;
        add_ref(c, r);
    } else {
        free(r.rights_path);
        free(r.badge_path);
    }
}

static void load_caps(yc_t *c, uint32_t ci, ynode_t *map, const char *path)
{
    if (!expect_type(c, map, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, map, path, NULL, 0);
    for (uint32_t p = 0; p < ypairs(map); p++) {
        ynode_t *k = ykey(c, map, p);
        char *cp = subpath(path, scalar(k) ? scalar(k) : "?");
        if (check_name(c, k, cp, "cap")) {
            load_cap(c, ci, k, yvalue(c, map, p), cp);
        }
        free(cp);
    }
}

static void load_share(yc_t *c, uint32_t ci, ynode_t *k, ynode_t *v, const char *path)
{
    if (!expect_type(c, v, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, v, path, share_keys, 2);
    sys_share_t sh = { .symbol = xstrdup(scalar(k)), .pos = pos_of(c, k), .obj = CDL_NONE };
    ynode_t *o = require(c, v, "object", path), *r = require(c, v, "rights", path);
    char *rp = subpath(path, "rights"), *op = subpath(path, "object");
    bool exec;
    if (r && get_rights(c, r, rp, &sh.rights, &exec)) {
        if (sh.rights & (CDL_RIGHT_GRANT_REPLY) || ((sh.rights & CDL_RIGHT_GRANT) && !exec)) {
            err(c, pos_of(c, r), rp, NULL, "a shared frame's rights are read, write and execute");
        } else if ((sh.rights & CDL_RIGHT_WRITE) && !(sh.rights & CDL_RIGHT_READ)) {
            err(c, pos_of(c, r), rp, NULL, "write-only mappings are not supported by seL4: add read");
        } else if ((sh.rights & CDL_RIGHT_WRITE) && exec && !comp(c, ci)->allow_wx) {
            err(c, pos_of(c, r), rp, NULL, "a mapping both writable and executable needs 'allow_wx: true' on the component");
        }
    }
    VEC_PUSH(comp(c, ci)->shares, sh);
    if (o && expect_type(c, o, YN_SCALAR, op)) {
        add_ref(c, make_ref(c, REF_SHARE, ci, (uint32_t)comp(c, ci)->shares.n - 1, o, op));
    }
    free(rp);
    free(op);
}

static void load_shares(yc_t *c, uint32_t ci, ynode_t *map, const char *path)
{
    if (!expect_type(c, map, YN_MAPPING, path)) {
        return;
    }
    check_keys(c, map, path, NULL, 0);
    for (uint32_t p = 0; p < ypairs(map); p++) {
        ynode_t *k = ykey(c, map, p);
        char *sp = subpath(path, scalar(k) ? scalar(k) : "?");
        if (check_name(c, k, sp, "symbol")) {
            load_share(c, ci, k, yvalue(c, map, p), sp);
        }
        free(sp);
    }
}

/* Room for want items in vec: a component's threads, caps and shared frames, and the
 * components, are counted in the document before they are read (VEC_PUSH's first room of 8
 * would leave most of it unused: three quarters of the front end's part of the model at
 * 4,000 components). */
#define VEC_RESERVE(vec, want) do { \
        if ((vec).cap < (want)) { \
            (vec).cap = (want); \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof(*(vec).v)); \
        } \
    } while (0)

/* Pairs of the mapping at key of map (0 when absent or not a mapping). */
static uint32_t count_pairs(yc_t *c, ynode_t *map, const char *key)
{
    ynode_t *n = get(c, map, key);
    return n && n->type == YN_MAPPING ? ypairs(n) : 0;
}

static void load_component(yc_t *c, ynode_t *k, ynode_t *v, const char *path)
{
    check_keys(c, v, path, comp_keys, N_COMP_KEYS);
    sys_comp_t nc = { .name = xstrdup(scalar(k)), .pos = pos_of(c, k) };
    VEC_PUSH(c->m->comps, nc);
    uint32_t ci = (uint32_t)c->m->comps.n - 1;
    sys_comp_t *cp = comp(c, ci);
    VEC_RESERVE(cp->threads, 1 + (size_t)count_pairs(c, v, "threads"));
    VEC_RESERVE(cp->caps, (size_t)count_pairs(c, v, "caps"));
    VEC_RESERVE(cp->shares, (size_t)count_pairs(c, v, "shared"));
    ynode_t *elf = require(c, v, "elf", path);
    char *ep = subpath(path, "elf");
    if (elf && expect_type(c, elf, YN_SCALAR, ep)) {
        cp->elf = xstrdup(scalar(elf));
        cp->elf_pos = pos_of(c, elf);
    }
    free(ep);
    cp->cnode_bits = (uint8_t)num_key(c, v, path, "cnode_bits", 1, 20, false, 0);
    if (get(c, v, "cnode_bits")) {
        cp->cnode_bits_pos = pos_of(c, get(c, v, "cnode_bits"));
    }
    ynode_t *wx = get(c, v, "allow_wx");
    char *wp = subpath(path, "allow_wx");
    if (wx) {
        get_bool(c, wx, wp, &cp->allow_wx);
    }
    free(wp);
    char *cn = comp_obj_name(cp->name, NULL, "cnode"), *vs = comp_obj_name(cp->name, NULL, "vspace");
    cp->cnode = model_add_obj(c->m, cn, CDL_CNODE, 1, cp->pos);
    cp->pml4 = model_add_obj(c->m, vs, CDL_PML4, 0, cp->pos);
    c->m->objs.v[cp->cnode].comp = c->m->objs.v[cp->pml4].comp = (int32_t)ci;
    free(cn);
    free(vs);
    add_thread(c, ci, "main", v, path, cp->pos);
    const char *subs[] = { "caps", "shared", "threads" };
    void (*fns[])(yc_t *, uint32_t, ynode_t *, const char *) = { load_caps, load_shares, load_threads };
    for (int i = 0; i < 3; i++) {
        ynode_t *n = get(c, v, subs[i]);
        char *sp = subpath(path, subs[i]);
        if (n) {
            fns[i](c, ci, n, sp);
        }
        free(sp);
    }
}

void load_components(yc_t *c, ynode_t *comps)
{
    if (!expect_type(c, comps, YN_MAPPING, "components")) {
        return;
    }
    check_keys(c, comps, "components", NULL, 0);
    if (ypairs(comps) == 0) {
        err(c, pos_of(c, comps), "components", NULL, "a system needs at least one component");
    }
    VEC_RESERVE(c->m->comps, c->m->comps.n + ypairs(comps));
    for (uint32_t p = 0; p < ypairs(comps); p++) {
        ynode_t *k = ykey(c, comps, p), *v = yvalue(c, comps, p);
        char *path = subpath("components", scalar(k) ? scalar(k) : "?");
        char *cn = comp_obj_name(scalar(k) ? scalar(k) : "", NULL, "cnode");
        bool dup = model_find(c->m, cn) != CDL_NONE; /* a duplicate key, already reported */
        free(cn);
        if (!dup && check_name(c, k, path, "component") && expect_type(c, v, YN_MAPPING, path)) {
            load_component(c, k, v, path);
        }
        free(path);
    }
}
