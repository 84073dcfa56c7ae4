/*
 * YAML front end, phase one for the `objects:` section: every named kernel object a system
 * declares (endpoints, notifications, frames, untyped, CNodes, ASID pools, IRQs, I/O port
 * ranges). Each type has its allowed keys; references (an IRQ's notification) are resolved in
 * yaml_resolve.c.
 */
#include "arch_objects.h"
#include "yaml_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
    "endpoint", "notification", "frame", "untyped", "cnode", "asid_pool", "irq", "io_ports", "reply",
};
static const uint8_t type_codes[] = {
    CDL_ENDPOINT, CDL_NOTIFICATION, CDL_FRAME, CDL_UNTYPED, CDL_CNODE, CDL_ASID_POOL, CDL_IRQ, CDL_IO_PORTS,
    CDL_RTREPLY, /* MCS only */
};
#define N_TYPES (sizeof(type_codes) / sizeof(type_codes[0]))

/* The type code for a type name, or -1 with an error at n. */
static int parse_type(yc_t *c, ynode_t *n, const char *path)
{
    const char *s = scalar(n);
    for (size_t i = 0; s && i < N_TYPES; i++) {
        if (strcmp(s, type_names[i]) == 0) {
            if (type_codes[i] == CDL_RTREPLY && !yaml_sched_needs_mcs(c, n, path, "a reply object")) {
                return -1;
            }
            return type_codes[i];
        }
    }
    char *msg = xasprintf("unknown object type '%s' (types: endpoint, notification, frame, untyped, "
                          "cnode, asid_pool, irq, io_ports, reply)", s ? s : "");
    char *hint = s ? diag_hint_closest(s, type_names, N_TYPES) : NULL;
    err(c, pos_of(c, n), path, hint, msg);
    free(msg);
    free(hint);
    return -1;
}

static bool frame_size(yc_t *c, ynode_t *n, const char *path, uint8_t *bits)
{
    uint64_t v;
    if (!get_num(c, n, path, 0, UINT64_MAX, true, &v)) {
        return false;
    }
    if (v != (1u << 12) && v != (1u << 21) && v != (1u << 30)) {
        errf_node(c, n, path, "frame size '%s' is not a page size (4K, 2M or 1G)", scalar(n));
        return false;
    }
    *bits = v == (1u << 12) ? 12 : v == (1u << 21) ? 21 : 30;
    return true;
}

/* paddr: aligned to the object's size. */
static void get_paddr(yc_t *c, ynode_t *map, const char *path, uint32_t id)
{
    ynode_t *n = get(c, map, "paddr");
    model_obj_t *o = &c->m->objs.v[id];
    char *p = subpath(path, "paddr");
    uint64_t v;
    if (n && get_num(c, n, p, 0, (1ull << 47) - 1, false, &v)) {
        if (v & ((1ull << o->size_bits) - 1)) {
            errf_node(c, n, p, "paddr %s is not aligned to the object's size", scalar(n));
        }
        o->has_paddr = true;
        o->paddr = v;
    }
    free(p);
}

static const char *const frame_keys[] = { "type", "size", "paddr" };
static const char *const untyped_keys[] = { "type", "bits", "paddr" };
static const char *const cnode_keys[] = { "type", "bits" };
static const char *const plain_keys[] = { "type" };
static const char *const irq_keys[] = { "type", "irq", "ioapic", "pin", "level", "polarity", "vector",
                                        "notification", "badge", "gic", "trigger" };
static const char *const port_keys[] = { "type", "first", "last", "shared" };

static void load_frame(yc_t *c, ynode_t *map, const char *path, uint32_t id)
{
    check_keys(c, map, path, frame_keys, 3);
    ynode_t *n = get(c, map, "size");
    char *p = subpath(path, "size");
    if (n) {
        frame_size(c, n, p, &c->m->objs.v[id].size_bits);
    }
    free(p);
    get_paddr(c, map, path, id);
}

static void load_bits(yc_t *c, ynode_t *map, const char *path, uint32_t id, bool untyped)
{
    check_keys(c, map, path, untyped ? untyped_keys : cnode_keys, untyped ? 3 : 2);
    ynode_t *n = require(c, map, "bits", path);
    char *p = subpath(path, "bits");
    uint64_t v;
    if (n && get_num(c, n, p, untyped ? 4 : 1, untyped ? 47 : 28, false, &v)) {
        c->m->objs.v[id].size_bits = (uint8_t)v;
    }
    free(p);
    if (untyped) {
        get_paddr(c, map, path, id);
    }
}

/* An optional number key of map; returns def when absent. */
static uint64_t opt_num(yc_t *c, ynode_t *map, const char *path, const char *key, uint64_t max, uint64_t def)
{
    ynode_t *n = get(c, map, key);
    char *p = subpath(path, key);
    uint64_t v = def;
    if (n && !get_num(c, n, p, 0, max, false, &v)) {
        v = def;
    }
    free(p);
    return v;
}

/* A GIC interrupt (AArch64; arch_objects.c refuses it in an x86_64 system): its INTID and trigger,
 * as seL4_IRQControl_GetTrigger takes them. */
static void load_gic_irq(yc_t *c, ynode_t *map, const char *path, ynode_t *trig, cdl_irq_t *irq)
{
    irq->kind = CDL_IRQ_ARM;
    irq->irq = (uint32_t)opt_num(c, map, path, "gic", ARCH_GIC_MAX_INTID, 0);
    if (trig && expect_type(c, trig, YN_SCALAR, path)) {
        if (strcmp(scalar(trig), "edge") == 0) {
            irq->level = 1;
        } else if (strcmp(scalar(trig), "level") != 0) {
            errf_node(c, trig, path, "trigger must be level or edge, not '%s'", scalar(trig));
        }
    }
}

static void load_irq(yc_t *c, ynode_t *map, const char *path, uint32_t id)
{
    check_keys(c, map, path, irq_keys, 11);
    cdl_irq_t irq = { 0 };
    bool legacy = get(c, map, "irq") != NULL, ioapic = get(c, map, "ioapic") || get(c, map, "pin");
    bool gic = get(c, map, "gic") != NULL;
    if (gic && (legacy || ioapic)) {
        err(c, pos_of(c, map), path, NULL, "an irq with 'gic' (a GIC interrupt) has no 'irq', 'ioapic' or 'pin'");
    } else if (!gic && legacy == ioapic) {
        err(c, pos_of(c, map), path, NULL,
            "an irq needs either 'irq' (a legacy PIC IRQ) or 'ioapic' and 'pin' (an IOAPIC line), not both");
    }
    ynode_t *trig = get(c, map, "trigger");
    if (trig && !gic) {
        err(c, pos_of(c, trig), path, NULL, "'trigger' belongs to a GIC interrupt ('gic'); an IOAPIC line has 'level'");
    }
    if (gic) {
        load_gic_irq(c, map, path, trig, &irq);
    } else if (legacy) {
        irq.kind = CDL_IRQ_LEGACY;
        irq.irq = (uint32_t)opt_num(c, map, path, "irq", 15, 0);
    } else {
        irq.kind = CDL_IRQ_IOAPIC;
        irq.ioapic = (uint32_t)opt_num(c, map, path, "ioapic", 7, 0);
        irq.pin = (uint32_t)opt_num(c, map, path, "pin", 23, 0);
        irq.level = (uint8_t)opt_num(c, map, path, "level", 1, 0);
        irq.polarity = (uint8_t)opt_num(c, map, path, "polarity", 1, 0);
        ynode_t *v = require(c, map, "vector", path);
        irq.irq = v ? (uint32_t)opt_num(c, map, path, "vector", 107, 0) : 0;
    }
    c->m->objs.v[id].aux = (uint32_t)c->m->irqs.n;
    VEC_PUSH(c->m->irqs, irq);
    ynode_t *nt = require(c, map, "notification", path);
    if (nt && expect_type(c, nt, YN_SCALAR, path)) {
        char *p = subpath(path, "notification");
        pending_t r = make_ref(c, REF_IRQ_NTFN, 0, id, nt, p);
        ynode_t *b = get(c, map, "badge");
        char *bp = subpath(path, "badge");
        if (b) {
            get_badge(c, b, bp, &r.badge);
        }
        free(bp);
        add_ref(c, r);
        free(p);
    }
}

static void load_ports(yc_t *c, ynode_t *map, const char *path, uint32_t id)
{
    check_keys(c, map, path, port_keys, 4);
    ynode_t *sh = get(c, map, "shared");
    bool shared = false;
    char *sp = subpath(path, "shared");
    if (sh && get_bool(c, sh, sp, &shared) && shared) {
        VEC_PUSH(c->shared_ports, id);
    }
    free(sp);
    model_obj_t *o = &c->m->objs.v[id];
    if (require(c, map, "first", path) && require(c, map, "last", path)) {
        o->aux = (uint32_t)opt_num(c, map, path, "first", 0xffff, 0);
        o->aux2 = (uint32_t)opt_num(c, map, path, "last", 0xffff, 0xffff);
        if (o->aux > o->aux2) {
            err(c, pos_of(c, get(c, map, "last")), path, NULL, "I/O port range ends before it starts (last < first)");
        }
    }
}

static void load_params(yc_t *c, ynode_t *map, const char *path, uint32_t id)
{
    switch (c->m->objs.v[id].type) {
    case CDL_FRAME: load_frame(c, map, path, id); break;
    case CDL_UNTYPED: load_bits(c, map, path, id, true); break;
    case CDL_CNODE: load_bits(c, map, path, id, false); break;
    case CDL_IRQ: load_irq(c, map, path, id); break;
    case CDL_IO_PORTS: load_ports(c, map, path, id); break;
    default: check_keys(c, map, path, plain_keys, 1); break;
    }
}

/* Types that need parameters cannot be written as a bare type name. */
static bool needs_params(uint8_t type)
{
    return type == CDL_UNTYPED || type == CDL_CNODE || type == CDL_IRQ || type == CDL_IO_PORTS;
}

static void load_object(yc_t *c, ynode_t *k, ynode_t *v, const char *path)
{
    ynode_t *tn = v->type == YN_MAPPING ? get(c, v, "type") : v;
    char *tp = v->type == YN_MAPPING ? subpath(path, "type") : xstrdup(path);
    if (v->type == YN_MAPPING && !tn) {
        require(c, v, "type", path);
    } else if (v->type == YN_SEQUENCE) {
        err(c, pos_of(c, v), path, NULL, "expected an object type or a mapping with 'type', found a list");
        tn = NULL;
    }
    int type = tn && expect_type(c, tn, YN_SCALAR, tp) ? parse_type(c, tn, tp) : -1;
    free(tp);
    if (type < 0) {
        return;
    }
    uint32_t id = model_add_obj(c->m, scalar(k), (uint8_t)type, type == CDL_FRAME ? 12 : 0, pos_of(c, k));
    if (v->type == YN_MAPPING) {
        load_params(c, v, path, id);
    } else if (needs_params((uint8_t)type)) {
        errf_node(c, v, path, "an object of type '%s' needs parameters: write it as a mapping", scalar(v));
    }
}

/* The objects behind control caps are named after their type (model_singleton, .cdl). */
static bool check_not_reserved(yc_t *c, ynode_t *k, const char *path)
{
    for (uint32_t t = CDL_IRQ_CONTROL; t < CDL_OBJ_TYPE_COUNT; t++) {
        if ((t <= CDL_DOMAIN || t == CDL_SCHED_CONTROL) && strcmp(scalar(k), cdl_obj_type_name(t)) == 0) {
            errf_node(c, k, path, "'%s' is reserved: it names the object behind a control cap", scalar(k));
            return false;
        }
    }
    return true;
}

void load_objects(yc_t *c, ynode_t *objs)
{
    if (!expect_type(c, objs, YN_MAPPING, "objects")) {
        return;
    }
    check_keys(c, objs, "objects", NULL, 0);
    for (uint32_t p = 0; p < ypairs(objs); p++) {
        ynode_t *k = ykey(c, objs, p), *v = yvalue(c, objs, p);
        char *path = subpath("objects", scalar(k) ? scalar(k) : "?");
        if (check_name(c, k, path, "object") && check_not_reserved(c, k, path) &&
            model_find(c->m, scalar(k)) == CDL_NONE) {
            load_object(c, k, v, path);
        }
        free(path);
    }
}
