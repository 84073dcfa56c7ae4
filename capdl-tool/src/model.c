/*
 * The model (model.h): object/cap storage, a name index (open-addressing hash table over
 * object names), singletons, and model_finalize, which fixes the object order shared with the
 * binary spec and the loader.
 */
#include "model.h"

#include "kernel_target.h"
#include "sort.h"

#include <stdlib.h>
#include <string.h>

/* The name index: open addressing over the objects' names. Objects are added to the model at
 * once but to the index only when a lookup (or the reorder) needs them (index_sync): the ELF
 * pages and paging tables, most of a large system's objects, arrive in runs of thousands with no
 * lookup between them, and a run is inserted in the order of its home slots, so that the
 * table is written front to back instead of at a random slot per object (at 2.6 million
 * objects, a cache and TLB miss each). */
typedef struct name_index {
    uint32_t *slots;  /* object id + 1, 0 = empty */
    size_t cap;
    uint32_t indexed; /* objects [0, indexed) are in the table */
    bool stale;       /* the capacity grew: every object is to be inserted again */
} name_index_t;

enum { INDEX_SORTED_RUN = 4096 }; /* runs this long are inserted in slot order */

static uint32_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    }
    return (uint32_t)(h ^ h >> 32);
}

/* The index's capacity is at most 2^32 / 2 slots (object ids are 32 bits): the 32-bit hash,
 * kept in the object so that a rebuild rehashes no name, has bits enough. */
static void index_insert(name_index_t *ix, const model_t *m, uint32_t id)
{
    size_t i = m->objs.v[id].name_hash & (ix->cap - 1);
    while (ix->slots[i] != 0) {
        i = (i + 1) & (ix->cap - 1);
    }
    ix->slots[i] = id + 1;
}

/* Inserts objects [first, end): a long run sorted by home slot (stable: objects of one slot
 * keep their order, as when inserted one by one). */
static void index_insert_run(name_index_t *ix, const model_t *m, uint32_t first, uint32_t end)
{
    size_t n = end - first;
    if (n < INDEX_SORTED_RUN) {
        for (uint32_t id = first; id < end; id++) {
            index_insert(ix, m, id);
        }
        return;
    }
    sort_item_t *v = xmalloc(2 * n * sizeof(sort_item_t));
    for (size_t i = 0; i < n; i++) {
        v[i] = (sort_item_t){ m->objs.v[first + i].name_hash & (ix->cap - 1), (uint32_t)(first + i) };
    }
    sort_by_key(v, n, v + n);
    for (size_t i = 0; i < n; i++) {
        index_insert(ix, m, v[i].id);
    }
    free(v);
}

/* Brings the index up to the model's objects. */
static void index_sync(const model_t *m)
{
    name_index_t *ix = m->name_index;
    if (ix->stale) {
        memset(ix->slots, 0, ix->cap * sizeof(uint32_t));
        ix->indexed = 0;
        ix->stale = false;
    }
    if (ix->indexed < m->objs.n) {
        index_insert_run(ix, m, ix->indexed, (uint32_t)m->objs.n);
        ix->indexed = (uint32_t)m->objs.n;
    }
}

/* An empty table of cap slots; the objects go in at the next index_sync. */
static void index_rebuild(model_t *m, size_t cap)
{
    name_index_t *ix = m->name_index;
    free(ix->slots);
    ix->cap = cap;
    ix->slots = xcalloc(cap, sizeof(uint32_t));
    ix->indexed = 0;
    ix->stale = false;
}

void model_init(model_t *m)
{
    memset(m, 0, sizeof(*m));
    m->name_index = xcalloc(1, sizeof(name_index_t));
    index_rebuild(m, 64);
    m->ram_bytes = 512ull << 20;
    m->domain_schedule.start = CDL_NONE;
    m->arch = CDL_ARCH_X86_64;
}

uint32_t model_find(const model_t *m, const char *name)
{
    index_sync(m);
    const name_index_t *ix = m->name_index;
    uint32_t h = hash_str(name);
    for (size_t i = h & (ix->cap - 1); ix->slots[i] != 0; i = (i + 1) & (ix->cap - 1)) {
        const model_obj_t *o = &m->objs.v[ix->slots[i] - 1];
        if (o->name_hash == h && strcmp(o->name, name) == 0) {
            return ix->slots[i] - 1;
        }
    }
    return CDL_NONE;
}

char *model_strdup(model_t *m, const char *s)
{
    return arena_strdup(&m->strings, s);
}

uint32_t model_add_obj(model_t *m, const char *name, uint8_t type, uint8_t size_bits, pos_t pos)
{
    model_obj_t o = { .name = arena_strdup(&m->obj_names, name), .type = type, .size_bits = size_bits,
                      .pos = pos, .comp = -1, .aux = CDL_NONE, .name_hash = hash_str(name) };
    VEC_PUSH(m->objs, o);
    name_index_t *ix = m->name_index;
    if (m->objs.n * 2 > ix->cap) { /* at most half full: the table grows, refilled when next needed */
        free(ix->slots);
        ix->cap *= 2;
        ix->slots = xmalloc(ix->cap * sizeof(uint32_t));
        ix->stale = true;
    }
    return (uint32_t)(m->objs.n - 1);
}

void model_add_cap(model_t *m, uint32_t container, uint32_t slot, uint32_t obj, uint8_t rights,
                   uint64_t data, uint8_t guard_size, pos_t pos)
{
    model_cap_t c = { container, slot, obj, rights, guard_size, data, pos };
    VEC_PUSH(m->caps, c);
}

uint32_t model_add_tcb(model_t *m, const char *name, const model_tcb_t *t, pos_t pos)
{
    uint32_t id = model_add_obj(m, name, CDL_TCB, 0, pos);
    m->objs.v[id].aux = (uint32_t)m->tcbs.n;
    VEC_PUSH(m->tcbs, *t);
    return id;
}

uint32_t model_singleton(model_t *m, uint8_t type)
{
    const char *name = cdl_obj_type_name(type);
    uint32_t id = model_find(m, name);
    if (id == CDL_NONE) {
        id = model_add_obj(m, name, type, 0, (pos_t){ 0 });
        if (type == CDL_SCHED_CONTROL) {
            m->objs.v[id].aux = 0; /* MCS: the one SchedControl there is, core 0's */
        }
    }
    return id;
}

unsigned model_obj_mem_bits(const model_obj_t *o)
{
    return cdl_obj_mem_bits(o->type, o->size_bits);
}

void lint_allows_free(lint_allows_t *a)
{
    for (size_t i = 0; i < a->n; i++) {
        free(a->v[i].id);
        free(a->v[i].item);
        free(a->v[i].reason);
    }
    VEC_FREE(*a);
}

void model_free(model_t *m)
{
    arena_free(&m->obj_names);
    arena_free(&m->strings);
    for (size_t c = 0; c < m->comps.n; c++) {
        sys_comp_t *k = &m->comps.v[c];
        for (size_t i = 0; i < k->threads.n; i++) {
            free(k->threads.v[i].name);
            free(k->threads.v[i].entry);
        }
        for (size_t i = 0; i < k->shares.n; i++) {
            free(k->shares.v[i].symbol);
        }
        VEC_FREE(k->caps);
        VEC_FREE(k->threads);
        VEC_FREE(k->shares);
        VEC_FREE(k->maps);
        free(k->name);
        free(k->elf);
    }
    VEC_FREE(m->objs);
    VEC_FREE(m->caps);
    VEC_FREE(m->tcbs);
    VEC_FREE(m->fills);
    VEC_FREE(m->irqs);
    VEC_FREE(m->comps);
    VEC_FREE(m->sched);
    VEC_FREE(m->domain_schedule.entries);
    lint_allows_free(&m->lint_allow);
    free(m->system);
    free(((name_index_t *)m->name_index)->slots);
    free(m->name_index);
    memset(m, 0, sizeof(*m));
}

void model_release_mappings(model_t *m)
{
    for (size_t c = 0; c < m->comps.n; c++) {
        VEC_FREE(m->comps.v[c].maps);
    }
}

void model_release_records(model_t *m)
{
    arena_free(&m->obj_names);
    VEC_FREE(m->objs);
    VEC_FREE(m->caps);
    VEC_FREE(m->tcbs);
    index_rebuild(m, 64);
}

/* ---- finalize ---- */

/* An object's place in the allocation order (model.h) but for its name and address: objects
 * with a paddr first, then those with memory by size, largest first, one size by type, then
 * those without memory by type. The loader retypes a run of one type and size with one
 * invocation (capdl-loader/src/objects.c), so grouping them makes few long runs. */
static uint64_t group_key(const model_obj_t *o)
{
    if (o->has_paddr) {
        return 0;
    }
    unsigned bits = model_obj_mem_bits(o); /* at most 255 + a slot's bits */
    return bits ? 1ull << 17 | (uint64_t)(511 - bits) << 8 | o->type : 2ull << 17 | o->type;
}

/* The allocation order: order[i] is the object that goes to place i. By group, one group by
 * name, except that paddr objects go by address and one address's by name; equal names keep
 * their ids' order (both sorts are stable), as in the comparison sort this replaces. */
static uint32_t *object_order(const model_t *m)
{
    size_t n = m->objs.n;
    uint32_t *order = xmalloc((n + 1) * sizeof(uint32_t));
    if (n == 0) {
        return order;
    }
    sort_item_t *v = xmalloc(2 * n * sizeof(sort_item_t)), *tmp = v + n;
    sort_names_t names = { &m->objs.v[0].name, sizeof(model_obj_t) };
    for (uint32_t i = 0; i < n; i++) {
        v[i] = (sort_item_t){ group_key(&m->objs.v[i]), i };
    }
    sort_by_key(v, n, tmp);
    for (size_t a = 0, b; a < n; a = b) {
        uint64_t group = v[a].key;
        for (b = a + 1; b < n && v[b].key == group; b++) {
        }
        sort_by_name(v + a, b - a, tmp, names);
        if (group == 0) {
            for (size_t i = a; i < b; i++) {
                v[i].key = m->objs.v[v[i].id].paddr;
            }
            sort_by_key(v + a, b - a, tmp);
        }
    }
    for (size_t i = 0; i < n; i++) {
        order[i] = v[i].id;
    }
    free(v);
    return order;
}

/* Sorts n records of size bytes by the keys v[i].key (record i's, with v[i].id = i), stable.
 * v has room for 2 * n items; frees it. */
static void sort_records(void *records, size_t size, sort_item_t *v, size_t n)
{
    sort_by_key(v, n, v + n);
    uint32_t *order = xmalloc((n + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        order[i] = v[i].id;
    }
    free(v);
    sort_permute(records, size, order, n);
    free(order);
}

/* Caps by (container, slot) and fills by (frame, offset in it); equal ones in the order they
 * were added (the second cap in a slot is the one reported). */
static void sort_caps_and_fills(model_t *m)
{
    sort_item_t *v = xmalloc((2 * m->caps.n + 1) * sizeof(sort_item_t));
    for (uint32_t i = 0; i < m->caps.n; i++) {
        v[i] = (sort_item_t){ (uint64_t)m->caps.v[i].container << 32 | m->caps.v[i].slot, i };
    }
    sort_records(m->caps.v, sizeof(model_cap_t), v, m->caps.n);
    v = xmalloc((2 * m->fills.n + 1) * sizeof(sort_item_t));
    for (uint32_t i = 0; i < m->fills.n; i++) {
        v[i] = (sort_item_t){ (uint64_t)m->fills.v[i].frame << 32 | m->fills.v[i].dest_off, i };
    }
    sort_records(m->fills.v, sizeof(model_fill_t), v, m->fills.n);
}

static uint32_t remap(const uint32_t *newid, uint32_t id)
{
    return id == CDL_NONE ? id : newid[id];
}

static void remap_system(model_t *m, const uint32_t *newid)
{
    for (size_t c = 0; c < m->comps.n; c++) {
        sys_comp_t *k = &m->comps.v[c];
        k->cnode = remap(newid, k->cnode);
        k->pml4 = remap(newid, k->pml4);
        for (size_t i = 0; i < k->caps.n; i++) {
            k->caps.v[i].obj = remap(newid, k->caps.v[i].obj);
        }
        for (size_t i = 0; i < k->threads.n; i++) {
            sys_thread_t *t = &k->threads.v[i];
            t->tcb = remap(newid, t->tcb);
            t->ipc_frame = remap(newid, t->ipc_frame);
            t->fault_obj = remap(newid, t->fault_obj);
        }
        for (size_t i = 0; i < k->shares.n; i++) {
            k->shares.v[i].obj = remap(newid, k->shares.v[i].obj);
        }
        for (size_t i = 0; i < k->maps.n; i++) {
            k->maps.v[i].frame = remap(newid, k->maps.v[i].frame);
        }
    }
}

static void reorder_objects(model_t *m)
{
    index_sync(m); /* every object in the table under its old id, remapped below */
    size_t n = m->objs.n;
    uint32_t *order = object_order(m), *newid = xmalloc((n + 1) * sizeof(uint32_t));
    for (uint32_t i = 0; i < n; i++) {
        newid[order[i]] = i;
    }
    sort_permute(m->objs.v, sizeof(model_obj_t), order, n);
    for (size_t i = 0; i < m->caps.n; i++) {
        m->caps.v[i].container = newid[m->caps.v[i].container];
        m->caps.v[i].obj = newid[m->caps.v[i].obj];
    }
    for (size_t i = 0; i < m->fills.n; i++) {
        m->fills.v[i].frame = newid[m->fills.v[i].frame];
    }
    remap_system(m, newid);
    name_index_t *ix = m->name_index; /* the same names at new ids: the same slots */
    for (size_t i = 0; i < ix->cap; i++) {
        ix->slots[i] = ix->slots[i] ? newid[ix->slots[i] - 1] + 1 : 0;
    }
    free(order);
    free(newid);
}

/* TCB and IRQ records in object order, so that the spec's bytes do not depend on the order a
 * front end created them in (a system and its .cdl read back give the same spec). */
static void reorder_records(model_t *m)
{
    model_tcb_t *tcbs = xmalloc((m->tcbs.n + 1) * sizeof(model_tcb_t));
    cdl_irq_t *irqs = xmalloc((m->irqs.n + 1) * sizeof(cdl_irq_t));
    uint32_t nt = 0, nq = 0;
    for (size_t i = 0; i < m->objs.n; i++) {
        model_obj_t *o = &m->objs.v[i];
        if (o->type == CDL_TCB && o->aux < m->tcbs.n) {
            tcbs[nt] = m->tcbs.v[o->aux];
            o->aux = nt++;
        } else if (o->type == CDL_IRQ && o->aux < m->irqs.n) {
            irqs[nq] = m->irqs.v[o->aux];
            o->aux = nq++;
        }
    }
    free(m->tcbs.v);
    free(m->irqs.v);
    m->tcbs.v = tcbs, m->tcbs.cap = m->tcbs.n + 1, m->tcbs.n = nt;
    m->irqs.v = irqs, m->irqs.cap = m->irqs.n + 1, m->irqs.n = nq;
}

/* The kernel has a fixed number of ASIDs (kernel_target.h); the loader would fail at boot on the
 * first VSpace beyond them. Checked in declaration order, so the error names the first one over. */
static bool check_asids(const model_t *m, diag_t *d)
{
    unsigned pools = 0, vspaces = 0, all = kernel_target_asid_pools(m->arch);
    for (size_t i = 0; i < m->objs.n; i++) {
        if (m->objs.v[i].type == CDL_ASID_POOL && ++pools >= all) {
            diag_error(d, m->objs.v[i].pos, NULL, NULL, "asid_pool '%s' is one too many: the kernel has %u ASID pools "
                       "and the loader keeps the first, so at most %u", m->objs.v[i].name, all, all - 1);
            return false;
        }
    }
    unsigned limit = kernel_target_vspaces(m->arch, pools);
    for (size_t i = 0; i < m->objs.n; i++) {
        if (m->objs.v[i].type == CDL_PML4 && ++vspaces > limit) {
            diag_error(d, m->objs.v[i].pos, NULL, NULL, "address space '%s' is one too many: the kernel has ASIDs for "
                       "%u address spaces (%u pools of %u, less ASID 0, the loader's own and %u asid_pool objects' "
                       "pools)", m->objs.v[i].name, limit, all, KERNEL_TARGET_ASIDS_PER_POOL, pools);
            return false;
        }
    }
    return true;
}

bool model_finalize(model_t *m, diag_t *d)
{
    if (!check_asids(m, d)) {
        return false;
    }
    /* An MCS notification is 2^6 bytes (it can hold an SC), whoever added it (capdl/spec.h). */
    for (size_t i = 0; (m->spec_flags & CDL_SPEC_F_MCS) && i < m->objs.n; i++) {
        if (m->objs.v[i].type == CDL_NOTIFICATION) {
            m->objs.v[i].size_bits = CDL_MCS_NOTIFICATION_BITS;
        }
    }
    /* The records' growth slack (up to half of each array) goes before the sorts allocate
     * their keys: a large build's peak memory is here. */
    m->objs.v = xrealloc(m->objs.v, (m->objs.n ? m->objs.n : 1) * sizeof(model_obj_t));
    m->objs.cap = m->objs.n;
    m->caps.v = xrealloc(m->caps.v, (m->caps.n ? m->caps.n : 1) * sizeof(model_cap_t));
    m->caps.cap = m->caps.n;
    reorder_objects(m);
    reorder_records(m);
    sort_caps_and_fills(m);
    bool ok = true;
    for (size_t i = 0; i < m->objs.n; i++) {
        m->objs.v[i].num_caps = 0;
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        model_cap_t *c = &m->caps.v[i];
        model_obj_t *o = &m->objs.v[c->container];
        if (o->num_caps == 0) {
            o->first_cap = (uint32_t)i;
        }
        o->num_caps++;
        if (i > 0 && m->caps.v[i - 1].container == c->container && m->caps.v[i - 1].slot == c->slot) {
            diag_error(d, c->pos, NULL, NULL, "slot %u of '%s' is filled twice", c->slot, o->name);
            ok = false;
        }
        /* The binary spec's object record counts caps in 16 bits (capdl/spec.h); named at the
         * first cap over, once a container. */
        if (o->num_caps == CDL_MAX_CAPS_PER_OBJECT + 1) {
            diag_error(d, c->pos, NULL, NULL, "'%s' holds more than %u caps, the most one %s can hold in the binary "
                       "spec (a 16-bit count): this is cap %u, in slot %u", o->name, CDL_MAX_CAPS_PER_OBJECT,
                       cdl_obj_type_name(o->type), CDL_MAX_CAPS_PER_OBJECT + 1, c->slot);
            ok = false;
        }
    }
    for (size_t i = 0; i < m->objs.n; i++) {
        if (m->objs.v[i].num_caps == 0) {
            m->objs.v[i].first_cap = 0;
        }
    }
    return ok;
}
