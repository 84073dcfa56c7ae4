/*
 * The system view of a .cdl (cdl_components.h): capDL has no components, so they are derived
 * from the threads: the TCBs that share a CSpace and a VSpace make one component, whose caps are
 * its CNode's slots and whose mappings are its page tables' frames. The objects it alone uses
 * (its TCBs, CNode, paging tables, the frames only it maps) become its own, as the YAML front
 * end marks them, so verify, graph and the report see the same shape from either front end.
 */
#include "cdl_components.h"

#include <stdlib.h>
#include <string.h>

/* The target of the cap in slot of container, or CDL_NONE. */
static uint32_t cap_target(const model_t *m, uint32_t container, uint32_t slot)
{
    const model_obj_t *o = &m->objs.v[container];
    for (uint32_t k = 0; k < o->num_caps; k++) {
        const model_cap_t *c = &m->caps.v[o->first_cap + k];
        if (c->slot == slot) {
            return c->obj;
        }
    }
    return CDL_NONE;
}

static int32_t find_comp(const model_t *m, uint32_t cnode, uint32_t pml4)
{
    for (size_t c = 0; c < m->comps.n; c++) {
        if (m->comps.v[c].cnode == cnode && m->comps.v[c].pml4 == pml4) {
            return (int32_t)c;
        }
    }
    return -1;
}

/* The name without suffix, or NULL if it does not end so. */
static char *strip(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcmp(name + n - k, suffix) == 0 ? xstrndup(name, n - k) : NULL;
}

/* A CSpace "client.cnode" (as capdl-tool writes it) or else a TCB "client.tcb" names component
 * "client"; otherwise the TCB's name is used whole (also when the short name is taken). */
static char *comp_name(const model_t *m, const char *cnode, const char *tcb)
{
    char *name = strip(cnode, ".cnode");
    if (!name) {
        name = strip(tcb, ".tcb");
    }
    if (!name) {
        return xstrdup(tcb);
    }
    for (size_t c = 0; c < m->comps.n; c++) {
        if (strcmp(m->comps.v[c].name, name) == 0) {
            free(name);
            return xstrdup(tcb);
        }
    }
    return name;
}

static uint8_t cap_kind(const model_t *m, const sys_comp_t *k, uint32_t obj)
{
    uint8_t t = m->objs.v[obj].type;
    if (t >= CDL_IRQ_CONTROL) {
        return CAPK_CONTROL;
    }
    if (t == CDL_UNTYPED) {
        return CAPK_UNTYPED;
    }
    return obj == k->cnode ? CAPK_CSPACE : obj == k->pml4 ? CAPK_VSPACE : t == CDL_TCB ? CAPK_TCB : CAPK_OBJECT;
}

static void add_caps(model_t *m, sys_comp_t *k)
{
    const model_obj_t *cn = &m->objs.v[k->cnode];
    for (uint32_t i = 0; i < cn->num_caps; i++) {
        const model_cap_t *c = &m->caps.v[cn->first_cap + i];
        char name[32];
        snprintf(name, sizeof(name), "slot_%u", c->slot);
        sys_cap_t s = { .name = model_strdup(m, name), .pos = c->pos, .kind = cap_kind(m, k, c->obj),
                        .rights = c->rights, .obj = c->obj, .slot = c->slot };
        s.badge = m->objs.v[c->obj].type == CDL_CNODE ? 0 : c->data;
        VEC_PUSH(k->caps, s);
    }
}

/* Walks a paging table at level (0 = PML4 .. 3 = PT) whose first address is base. */
static void walk(model_t *m, int32_t comp, uint32_t table, int level, uint64_t base)
{
    sys_comp_t *k = &m->comps.v[comp];
    const model_obj_t *t = &m->objs.v[table];
    uint32_t first = t->first_cap, n = t->num_caps;
    for (uint32_t i = 0; i < n; i++) {
        const model_cap_t c = m->caps.v[first + i];
        uint64_t vaddr = base + ((uint64_t)c.slot << (39 - 9 * level));
        model_obj_t *o = &m->objs.v[c.obj];
        if (o->type == CDL_FRAME) {
            VEC_PUSH(k->maps, ((sys_mapping_t){ .vaddr = vaddr, .frame = c.obj, .rights = c.rights, .pos = c.pos }));
        } else if (level < 3) {
            o->comp = comp;
            walk(m, comp, c.obj, level + 1, vaddr);
        }
    }
}

static void add_thread(model_t *m, int32_t comp, uint32_t tcb)
{
    sys_comp_t *k = &m->comps.v[comp];
    /* "client.tcb" is the component's main thread (as capdl-tool writes it); others keep their name */
    char *main_name = xasprintf("%s.tcb", k->name);
    bool is_main = strcmp(m->objs.v[tcb].name, main_name) == 0;
    free(main_name);
    sys_thread_t t = { .name = xstrdup(is_main ? "main" : m->objs.v[tcb].name), .pos = m->objs.v[tcb].pos,
                       .tcb = tcb, .ipc_frame = cap_target(m, tcb, CDL_TCB_SLOT_IPC_BUFFER),
                       .fault_obj = CDL_NONE };
    VEC_PUSH(k->threads, t);
    m->objs.v[tcb].comp = comp;
    if (t.ipc_frame != CDL_NONE) {
        m->objs.v[t.ipc_frame].comp = comp;
    }
}

/* Frames mapped by exactly one component and held in no CNode are that component's. */
static void own_frames(model_t *m)
{
    int32_t *owner = xmalloc((m->objs.n + 1) * sizeof(int32_t));
    for (size_t i = 0; i < m->objs.n; i++) {
        owner[i] = -1;
    }
    for (size_t c = 0; c < m->comps.n; c++) {
        for (size_t i = 0; i < m->comps.v[c].maps.n; i++) {
            uint32_t f = m->comps.v[c].maps.v[i].frame;
            owner[f] = owner[f] == -1 || owner[f] == (int32_t)c ? (int32_t)c : -2;
        }
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->objs.v[m->caps.v[i].container].type == CDL_CNODE) {
            owner[m->caps.v[i].obj] = -2;
        }
    }
    for (size_t i = 0; i < m->objs.n; i++) {
        if (owner[i] >= 0 && m->objs.v[i].comp < 0) {
            m->objs.v[i].comp = owner[i];
        }
    }
    free(owner);
}

void cdl_derive_components(model_t *m)
{
    for (uint32_t i = 0; i < m->objs.n; i++) {
        if (m->objs.v[i].type != CDL_TCB) {
            continue;
        }
        uint32_t cnode = cap_target(m, i, CDL_TCB_SLOT_CSPACE), pml4 = cap_target(m, i, CDL_TCB_SLOT_VSPACE);
        if (cnode == CDL_NONE || pml4 == CDL_NONE) {
            continue; /* a TCB that cannot run is no component */
        }
        int32_t c = find_comp(m, cnode, pml4);
        if (c < 0) {
            sys_comp_t k = { .name = comp_name(m, m->objs.v[cnode].name, m->objs.v[i].name),
                             .pos = m->objs.v[i].pos, .cnode = cnode, .pml4 = pml4,
                             .cnode_bits = m->objs.v[cnode].size_bits };
            VEC_PUSH(m->comps, k);
            c = (int32_t)m->comps.n - 1;
            m->objs.v[cnode].comp = m->objs.v[pml4].comp = c;
            add_caps(m, &m->comps.v[c]);
            walk(m, c, pml4, 0, 0);
        }
        add_thread(m, c, i);
    }
    own_frames(m);
}
