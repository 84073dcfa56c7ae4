/*
 * The VSpace layout pass (vspace_layout.h). Mappings are sorted by address, so the tables of
 * one component are created in address order and each level only needs to remember the table
 * it made last (same index prefix => same table).
 */
#include "vspace_layout.h"

#include "sort.h"

#include <stdlib.h>

/* By address, then by frame id: a total order, so the result does not depend on the sort. Two
 * stable radix sorts (sort.h): by frame, then by address. */
static void sort_maps(sys_comp_t *k)
{
    size_t n = k->maps.n;
    sort_item_t *v = xmalloc((2 * n + 1) * sizeof(sort_item_t));
    for (uint32_t i = 0; i < n; i++) {
        v[i] = (sort_item_t){ k->maps.v[i].frame, i };
    }
    sort_by_key(v, n, v + n);
    for (size_t i = 0; i < n; i++) {
        v[i].key = k->maps.v[v[i].id].vaddr;
    }
    sort_by_key(v, n, v + n);
    uint32_t *order = xmalloc((n + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < n; i++) {
        order[i] = v[i].id;
    }
    free(v);
    sort_permute(k->maps.v, sizeof(sys_mapping_t), order, n);
    free(order);
}

typedef struct walk {
    model_t *m;
    uint32_t ci;
    uint64_t prefix[3]; /* vaddr >> shift of the table last made at each level, +1 (0 = none) */
    uint32_t table[3];  /* PDPT, PD, PT */
} walk_t;

static const unsigned level_shift[3] = { 39, 30, 21 }; /* a PDPT covers 512 GiB, PD 1 GiB, PT 2 MiB */
static const uint8_t level_type[3] = { CDL_PDPT, CDL_PD, CDL_PT };
static const char *const level_name[3] = { ".pdpt_", ".pd_", ".pt_" };

/* The table at level l covering vaddr, made (and linked into its parent) if needed. */
static uint32_t table_for(walk_t *w, unsigned l, uint64_t vaddr, uint32_t parent)
{
    uint64_t key = (vaddr >> level_shift[l]) + 1;
    if (w->prefix[l] == key) {
        return w->table[l];
    }
    char small[128], *name = name_hex(small, sizeof(small), w->m->comps.v[w->ci].name, level_name[l],
                                      (key - 1) << level_shift[l]);
    uint32_t t = model_add_obj(w->m, name, level_type[l], 0, w->m->comps.v[w->ci].pos);
    w->m->objs.v[t].comp = (int32_t)w->ci;
    if (name != small) {
        free(name);
    }
    uint32_t slot = (uint32_t)((vaddr >> level_shift[l]) & 511);
    model_add_cap(w->m, parent, slot, t, CDL_RIGHTS_ALL, 0, 0, (pos_t){ 0 });
    w->prefix[l] = key;
    w->table[l] = t;
    for (unsigned k = l + 1; k < 3; k++) {
        w->prefix[k] = 0;
    }
    return t;
}

static void map_one(walk_t *w, const sys_mapping_t *mp)
{
    unsigned bits = w->m->objs.v[mp->frame].size_bits;
    uint32_t parent = w->m->comps.v[w->ci].pml4;
    unsigned levels = bits == 30 ? 1 : bits == 21 ? 2 : 3;
    for (unsigned l = 0; l < levels; l++) {
        parent = table_for(w, l, mp->vaddr, parent);
    }
    uint32_t slot = (uint32_t)((mp->vaddr >> bits) & 511);
    model_add_cap(w->m, parent, slot, mp->frame, mp->rights, 0, 0, (pos_t){ 0 });
}

static bool layout_one(model_t *m, uint32_t ci, diag_t *d)
{
    sys_comp_t *k = &m->comps.v[ci];
    sort_maps(k);
    walk_t w = { .m = m, .ci = ci };
    bool ok = true;
    uint64_t end = 0;
    const sys_mapping_t *last = NULL; /* the mapping that ends at end */
    for (size_t i = 0; i < k->maps.n; i++) {
        const sys_mapping_t *mp = &k->maps.v[i];
        uint64_t size = 1ull << m->objs.v[mp->frame].size_bits;
        pos_t at = mp->pos.line ? mp->pos : k->pos;
        if (mp->vaddr & (size - 1)) {
            diag_error(d, at, NULL, NULL, "component '%s': mapping of '%s' at 0x%llx is not aligned to the frame size",
                       k->name, m->objs.v[mp->frame].name, (unsigned long long)mp->vaddr);
            ok = false;
            continue;
        }
        if (i > 0 && mp->vaddr < end) {
            diag_error(d, at, NULL, NULL, "component '%s': mapping of '%s' at 0x%llx overlaps '%s' at 0x%llx", k->name,
                       m->objs.v[mp->frame].name, (unsigned long long)mp->vaddr, m->objs.v[last->frame].name,
                       (unsigned long long)last->vaddr);
            ok = false;
            continue;
        }
        end = mp->vaddr + size;
        last = mp;
        map_one(&w, mp);
    }
    return ok;
}

bool vspace_layout(model_t *m, diag_t *d)
{
    bool ok = true;
    for (uint32_t ci = 0; ci < m->comps.n; ci++) {
        ok &= layout_one(m, ci, d);
    }
    return ok;
}
