/*
 * YAML front end, phase two: resolves every name recorded in phase one (objects, components,
 * threads), checks that each use fits the target's type (rights, badges), and applies the
 * whole-system rules, one block per rule. Unknown names get a "did you mean".
 */
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

/* "did you mean" over the objects the user declared (names without a '.'). */
static char *object_hint(yc_t *c, const char *name)
{
    const char **cands = xmalloc(c->m->objs.n * sizeof(char *));
    size_t n = 0;
    for (size_t i = 0; i < c->m->objs.n; i++) {
        if (!strchr(c->m->objs.v[i].name, '.') && c->m->objs.v[i].pos.line != 0) {
            cands[n++] = c->m->objs.v[i].name;
        }
    }
    char *hint = diag_hint_closest(name, cands, n);
    free(cands);
    return hint;
}

static uint32_t find_object(yc_t *c, const pending_t *r)
{
    uint32_t id = strchr(r->name, '.') ? CDL_NONE : model_find(c->m, r->name);
    if (id == CDL_NONE || c->m->objs.v[id].pos.line == 0) {
        char *msg = xasprintf("unknown object '%s'", r->name), *hint = object_hint(c, r->name);
        err(c, r->pos, r->path, hint, msg);
        free(msg);
        free(hint);
        return CDL_NONE;
    }
    return id;
}

uint32_t yaml_find_object(yc_t *c, const pending_t *r)
{
    return find_object(c, r);
}

static const char *type_word(uint8_t t)
{
    static const char *const w[CDL_OBJ_TYPE_COUNT] = {
        "an untyped", "a TCB", "an endpoint", "a notification", "a CNode", "a frame", "a page table",
        "a page directory", "a PDPT", "a PML4", "an ASID pool", "an irq", "an io_ports range",
        "irq_control", "asid_control", "io_port_control", "domain",
        "a scheduling context", "a reply object", "sched_control",
    };
    return t < CDL_OBJ_TYPE_COUNT ? w[t] : "?";
}

/* Rights a cap to an object of this type may carry; 0 = rights do not apply. */
static uint8_t allowed_rights(uint8_t type)
{
    switch (type) {
    case CDL_ENDPOINT: return CDL_RIGHTS_ALL;
    case CDL_NOTIFICATION: return CDL_RIGHT_READ | CDL_RIGHT_WRITE;
    case CDL_FRAME: return CDL_RIGHT_READ | CDL_RIGHT_WRITE | CDL_RIGHT_GRANT;
    default: return 0;
    }
}

static const char *first_bad_right(uint8_t bad)
{
    for (int i = 0; i < 4; i++) {
        if (bad & right_bits[i]) {
            return right_names[i];
        }
    }
    return "?";
}

/* 'grant' and 'execute' are one bit: a frame takes execute, an endpoint grant; the other word
 * would silently mean something else. Returns true when one was misused (error given). */
static bool misnamed_right(yc_t *c, const pending_t *r, uint8_t type)
{
    bool frame = type == CDL_FRAME;
    int idx = frame ? r->grant_idx : r->exec_idx;
    if (idx < 0 || !allowed_rights(type)) {
        return false;
    }
    char *path = xasprintf("%s[%d]", r->rights_path, idx);
    char *msg = frame ? xasprintf("'grant' does not apply to a frame cap: frames take read, write and execute")
                      : xasprintf("'execute' applies only to frame caps, not to %s", type_word(type));
    err(c, frame ? r->grant_pos : r->exec_pos, path, frame ? NULL : "did you mean 'grant'?", msg);
    free(msg);
    free(path);
    return true;
}

static void check_cap_rights(yc_t *c, const pending_t *r, sys_cap_t *cap, uint8_t type, bool allow_wx)
{
    uint8_t ok = allowed_rights(type);
    char *msg = NULL;
    if (misnamed_right(c, r, type)) {
        /* reported */
    } else if (ok && !r->rights_given) {
        msg = xasprintf("a cap to %s must list its rights (add 'rights: [...]')", type_word(type));
        err(c, cap->pos, r->path, NULL, msg);
    } else if (!ok && r->rights_given) {
        msg = xasprintf("rights do not apply to a cap to %s: remove 'rights'", type_word(type));
        err(c, r->rights_pos, r->rights_path, NULL, msg);
    } else if (cap->rights & ~ok) {
        msg = xasprintf("impossible right '%s' on a cap to %s", first_bad_right(cap->rights & ~ok), type_word(type));
        err(c, r->rights_pos, r->rights_path, NULL, msg);
    } else if (type == CDL_FRAME && (cap->rights & CDL_RIGHT_WRITE) && !(cap->rights & CDL_RIGHT_READ)) {
        err(c, r->rights_pos, r->rights_path, NULL, "write-only frame caps cannot be mapped on seL4: add read");
    } else if (type == CDL_FRAME && (cap->rights & CDL_RIGHT_WRITE) && (cap->rights & CDL_RIGHT_GRANT) && !allow_wx) {
        err(c, r->rights_pos, r->rights_path, NULL,
            "a frame cap both writable and executable needs 'allow_wx: true' on the component");
    }
    free(msg);
    if (!ok) {
        cap->rights = CDL_RIGHTS_ALL;
    }
}

static void check_badge(yc_t *c, const pending_t *r, uint8_t type)
{
    if (r->badge_given && type != CDL_ENDPOINT && type != CDL_NOTIFICATION) {
        char *msg = xasprintf("a badge applies only to endpoint and notification caps, not to %s", type_word(type));
        err(c, r->badge_pos, r->badge_path, NULL, msg);
        free(msg);
    }
}

static void resolve_cap_object(yc_t *c, const pending_t *r)
{
    sys_comp_t *k = &c->m->comps.v[r->comp];
    sys_cap_t *cap = &k->caps.v[r->idx];
    uint32_t id = find_object(c, r);
    if (id == CDL_NONE) {
        return;
    }
    cap->obj = id;
    check_cap_rights(c, r, cap, c->m->objs.v[id].type, k->allow_wx);
    check_badge(c, r, c->m->objs.v[id].type);
}

static uint32_t find_comp(yc_t *c, const char *name)
{
    for (uint32_t i = 0; i < c->m->comps.n; i++) {
        if (strcmp(c->m->comps.v[i].name, name) == 0) {
            return i;
        }
    }
    return CDL_NONE;
}

static void unknown_comp(yc_t *c, const pending_t *r, const char *name)
{
    const char **cands = xmalloc((c->m->comps.n + 1) * sizeof(char *));
    for (size_t i = 0; i < c->m->comps.n; i++) {
        cands[i] = c->m->comps.v[i].name;
    }
    cands[c->m->comps.n] = "self";
    char *msg = xasprintf("unknown component '%s'", name), *hint = diag_hint_closest(name, cands, c->m->comps.n + 1);
    err(c, r->pos, r->path, hint, msg);
    free(msg);
    free(hint);
    free(cands);
}

static uint32_t find_thread_tcb(yc_t *c, const pending_t *r, sys_comp_t *k, const char *tname)
{
    for (size_t i = 0; i < k->threads.n; i++) {
        if (strcmp(k->threads.v[i].name, tname) == 0) {
            return k->threads.v[i].tcb;
        }
    }
    const char **cands = xmalloc(k->threads.n * sizeof(char *));
    for (size_t i = 0; i < k->threads.n; i++) {
        cands[i] = k->threads.v[i].name;
    }
    char *msg = xasprintf("component '%s' has no thread '%s'", k->name, tname);
    char *hint = diag_hint_closest(tname, cands, k->threads.n);
    err(c, r->pos, r->path, hint, msg);
    free(msg);
    free(hint);
    free(cands);
    return CDL_NONE;
}

static void resolve_cap_comp(yc_t *c, const pending_t *r)
{
    sys_cap_t *cap = &c->m->comps.v[r->comp].caps.v[r->idx];
    char *name = xstrdup(r->name), *dot = strchr(name, '.');
    if (dot) {
        *dot = '\0';
    }
    uint32_t ci = strcmp(name, "self") == 0 ? r->comp : find_comp(c, name);
    if (ci == CDL_NONE) {
        unknown_comp(c, r, name);
    } else if (dot && r->cap_kind != CAPK_TCB && r->cap_kind != CAPK_SC) {
        err(c, r->pos, r->path, NULL, "only tcb and sc caps name a thread ('component.thread')");
    } else {
        sys_comp_t *k = &c->m->comps.v[ci];
        cap->obj = r->cap_kind == CAPK_CSPACE ? k->cnode : r->cap_kind == CAPK_VSPACE ? k->pml4
                 : find_thread_tcb(c, r, k, dot ? dot + 1 : "main");
        if (r->cap_kind == CAPK_SC && cap->obj != CDL_NONE) {
            cap->obj = yaml_sched_sc_of(c, cap->obj);
        }
    }
    uint8_t type = r->cap_kind == CAPK_CSPACE ? CDL_CNODE : r->cap_kind == CAPK_VSPACE ? CDL_PML4
                 : r->cap_kind == CAPK_SC ? CDL_SC : CDL_TCB;
    check_cap_rights(c, r, cap, type, false);
    check_badge(c, r, type);
    free(name);
}

static void resolve_share(yc_t *c, const pending_t *r)
{
    sys_share_t *sh = &c->m->comps.v[r->comp].shares.v[r->idx];
    uint32_t id = find_object(c, r);
    if (id != CDL_NONE && c->m->objs.v[id].type != CDL_FRAME) {
        char *msg = xasprintf("'%s' is %s: only frames can be shared at a symbol", r->name,
                              type_word(c->m->objs.v[id].type));
        err(c, r->pos, r->path, NULL, msg);
        free(msg);
        return;
    }
    sh->obj = id;
}

static void resolve_fault(yc_t *c, const pending_t *r)
{
    sys_thread_t *t = &c->m->comps.v[r->comp].threads.v[r->idx];
    uint32_t id = find_object(c, r);
    if (id != CDL_NONE && c->m->objs.v[id].type != CDL_ENDPOINT) {
        char *msg = xasprintf("a fault handler must be an endpoint; '%s' is %s", r->name,
                              type_word(c->m->objs.v[id].type));
        err(c, r->pos, r->path, NULL, msg);
        free(msg);
        return;
    }
    t->fault_obj = id;
}

static void resolve_irq(yc_t *c, const pending_t *r)
{
    uint32_t id = find_object(c, r);
    if (id != CDL_NONE && c->m->objs.v[id].type != CDL_NOTIFICATION) {
        char *msg = xasprintf("an irq delivers to a notification; '%s' is %s", r->name, type_word(c->m->objs.v[id].type));
        err(c, r->pos, r->path, NULL, msg);
        free(msg);
        return;
    }
    if (id != CDL_NONE) {
        model_add_cap(c->m, r->idx, 0, id, CDL_RIGHT_READ | CDL_RIGHT_WRITE, r->badge, 0, r->pos);
    }
}

/* An irq object whose settings were read: one written without parameters (already an error)
 * has no entry in the IRQ table, and must not be compared. */
static bool irq_loaded(const yc_t *c, const model_obj_t *o)
{
    return o->type == CDL_IRQ && o->aux < c->m->irqs.n;
}

/* Rule: an IRQ line (legacy number, IOAPIC pin or vector) is bound by one irq object only. */
static void rule_irq_unique(yc_t *c)
{
    for (uint32_t i = 0; i < c->m->objs.n; i++) {
        const model_obj_t *a = &c->m->objs.v[i];
        for (uint32_t j = 0; irq_loaded(c, a) && j < i; j++) {
            const model_obj_t *b = &c->m->objs.v[j];
            if (!irq_loaded(c, b)) {
                continue;
            }
            const cdl_irq_t *x = &c->m->irqs.v[a->aux], *y = &c->m->irqs.v[b->aux];
            bool same_line = x->kind == y->kind && x->kind == CDL_IRQ_IOAPIC && x->ioapic == y->ioapic && x->pin == y->pin;
            if (same_line || (x->kind == y->kind && x->irq == y->irq)) {
                char *msg = xasprintf("irq '%s' uses the same %s as '%s'", a->name,
                                      same_line ? "IOAPIC pin" : x->kind == CDL_IRQ_LEGACY ? "IRQ number"
                                      : x->kind == CDL_IRQ_ARM ? "GIC INTID" : "vector", b->name);
                err(c, a->pos, NULL, NULL, msg);
                free(msg);
                break;
            }
        }
    }
}

/* Rule: I/O port ranges do not overlap (the kernel refuses a second overlapping issue). */
static void rule_ports_disjoint(yc_t *c)
{
    for (uint32_t i = 0; i < c->m->objs.n; i++) {
        const model_obj_t *a = &c->m->objs.v[i];
        for (uint32_t j = 0; a->type == CDL_IO_PORTS && j < i; j++) {
            const model_obj_t *b = &c->m->objs.v[j];
            if (b->type == CDL_IO_PORTS && a->aux <= b->aux2 && b->aux <= a->aux2) {
                char *msg = xasprintf("I/O ports of '%s' overlap those of '%s'", a->name, b->name);
                err(c, a->pos, NULL, NULL, msg);
                free(msg);
                break;
            }
        }
    }
}

static bool ports_shared(const yc_t *c, uint32_t obj)
{
    for (size_t i = 0; i < c->shared_ports.n; i++) {
        if (c->shared_ports.v[i] == obj) {
            return true;
        }
    }
    return false;
}

/* Rule: an I/O port range is driven by one component, unless the description marks it
 * `shared: true`: two drivers of one device is almost always a mistake the kernel allows. */
static void rule_ports_one_component(yc_t *c)
{
    int32_t *owner = xmalloc((c->m->objs.n + 1) * sizeof(int32_t));
    for (size_t i = 0; i < c->m->objs.n; i++) {
        owner[i] = -1;
    }
    for (size_t ci = 0; ci < c->m->comps.n; ci++) {
        const sys_comp_t *k = &c->m->comps.v[ci];
        for (size_t i = 0; i < k->caps.n; i++) {
            uint32_t o = k->caps.v[i].obj;
            if (k->caps.v[i].kind != CAPK_OBJECT || o == CDL_NONE || c->m->objs.v[o].type != CDL_IO_PORTS) {
                continue;
            }
            if (owner[o] >= 0 && owner[o] != (int32_t)ci && !ports_shared(c, o)) {
                char *msg = xasprintf("I/O ports '%s' are given to '%s' and '%s'", c->m->objs.v[o].name,
                                      c->m->comps.v[owner[o]].name, k->name);
                char *path = xasprintf("components.%s.caps.%s", k->name, k->caps.v[i].name);
                err(c, k->caps.v[i].pos, path, "if both drive them on purpose, mark the object 'shared: true'", msg);
                free(path);
                free(msg);
            } else if (owner[o] < 0) {
                owner[o] = (int32_t)ci;
            }
        }
    }
    free(owner);
}

/* Rule: within a component, a name is either a cap or a shared region, not both; and no
 * component is called "self" (it names the component itself in caps). */
static void rule_names(yc_t *c)
{
    for (size_t ci = 0; ci < c->m->comps.n; ci++) {
        sys_comp_t *k = &c->m->comps.v[ci];
        if (strcmp(k->name, "self") == 0) {
            err(c, k->pos, NULL, NULL, "'self' is reserved: it names the component itself in caps");
        }
        for (size_t s = 0; s < k->shares.n; s++) {
            for (size_t i = 0; i < k->caps.n; i++) {
                if (strcmp(k->shares.v[s].symbol, k->caps.v[i].name) == 0) {
                    char *msg = xasprintf("'%s' is both a cap and a shared region of '%s'", k->shares.v[s].symbol, k->name);
                    err(c, k->shares.v[s].pos, NULL, NULL, msg);
                    free(msg);
                }
            }
        }
    }
}

void resolve_all(yc_t *c)
{
    for (size_t i = 0; i < c->refs.n; i++) {
        const pending_t *r = &c->refs.v[i];
        switch (r->kind) {
        case REF_CAP_OBJECT: resolve_cap_object(c, r); break;
        case REF_CAP_COMP: resolve_cap_comp(c, r); break;
        case REF_SHARE: resolve_share(c, r); break;
        case REF_FAULT: resolve_fault(c, r); break;
        case REF_IRQ_NTFN: resolve_irq(c, r); break;
        case REF_TIMEOUT: yaml_sched_resolve_timeout(c, r); break;
        default: break;
        }
    }
    rule_irq_unique(c);
    rule_ports_disjoint(c);
    rule_ports_one_component(c);
    rule_names(c);
    yaml_sched_finish(c);
}
