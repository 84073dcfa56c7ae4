/*
 * Address spaces: every PML4 gets an ASID from the initial pool, then the paging structures
 * its caps name are mapped level by level (a PML4 cap in slot i maps a PDPT at i << 39, and so
 * on down), and every frame is mapped with the rights of the spec's cap: the first time through
 * its own cap, then through copies (a mapping belongs to one cap). Four nested levels: no
 * recursion.
 */
#include "loader.h"

#define PT_BITS 9
static const unsigned level_shift[] = { 39, 30, 21, 12 }; /* PML4, PDPT, PD, PT entries */

/* A new ASID pool (512 more VSpaces) from a 4 KiB untyped of the loader's own. */
static seL4_CPtr new_asid_pool(uint32_t obj)
{
    seL4_CPtr ut = loader_retype_own_sized(seL4_UntypedObject, seL4_ASIDPoolBits, seL4_ASIDPoolBits, loader_alloc_slot());
    seL4_CPtr pool = loader_alloc_slot();
    loader_check(arch_make_pool(ut, pool), obj, ARCH_MAKE_POOL_NAME " (more VSpaces than one pool holds)");
    return pool;
}

void loader_assign_asids(void)
{
    seL4_CPtr pool = seL4_CapInitThreadASIDPool;
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        if (loader.spec.objects[i].type != CDL_PML4) {
            continue;
        }
        seL4_Error e = arch_assign(pool, obj_slot(i));
        if (e == seL4_DeleteFirst) { /* this pool is full */
            pool = new_asid_pool(i);
            e = arch_assign(pool, obj_slot(i));
        }
        loader_check(e, i, ARCH_ASSIGN_NAME);
    }
}

static seL4_CapRights_t frame_rights(const cdl_cap_t *c)
{
    uint32_t r = cdl_cap_rights(c);
    return seL4_CapRights_new(0, 0, (r & CDL_RIGHT_READ) != 0, (r & CDL_RIGHT_WRITE) != 0);
}

/* One bit an object: set once the frame's own cap is mapped (in loader_own_pages). */
static uint64_t *mapped;

seL4_Word loader_mapped_record_pages(void)
{
    return (loader.spec.n_objects + 32767) / 32768; /* 32,768 bits a page */
}

/* A frame's first mapping uses its own cap (fill.c left it unmapped); each further mapping
 * needs a copy of it, as a cap holds one mapping. Copies of a mapped cap come out unmapped, so
 * the CSpaces and IPC buffers filled later are as before. */
static seL4_CPtr mapping_cap(uint32_t frame)
{
    if (!mapped) {
        mapped = loader_own_pages(loader_mapped_record_pages());
    }
    uint64_t bit = 1ull << (frame % 64);
    if (!(mapped[frame / 64] & bit)) {
        mapped[frame / 64] |= bit;
        return obj_slot(frame);
    }
    seL4_CPtr copy = loader_alloc_slot();
    loader_check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, obj_slot(frame),
                                 seL4_WordBits, seL4_AllRights), frame, "seL4_CNode_Copy (mapping)");
    return copy;
}

static void map_frame(uint32_t pml4, const cdl_cap_t *c, seL4_Word vaddr)
{
    loader_check(arch_page_map(mapping_cap(c->obj), obj_slot(pml4), vaddr, frame_rights(c)), c->obj,
                 ARCH_PAGE_MAP_NAME);
    loader.mappings++;
}

static void map_table(uint32_t pml4, uint32_t table, seL4_Word vaddr)
{
    const char *what;
    seL4_Error e = arch_table_map(loader.spec.objects[table].type, obj_slot(table), obj_slot(pml4), vaddr, &what);
    loader_check(e, table, what);
}

/* Maps what the caps of `table` (at `level`, covering base) name, and returns the child tables
 * to walk next through child_obj/child_vaddr (at most 512; NULL for a page table). */
static uint32_t map_level(uint32_t pml4, uint32_t table, unsigned level, seL4_Word base, uint32_t *child_obj,
                          seL4_Word *child_vaddr)
{
    const cdl_object_t *o = &loader.spec.objects[table];
    /* A paging table's aux is its first cap (capdl/spec.h); table is one: the PML4 or a child
     * the kernel has just mapped as a table, which it does only for table caps. The walk keeps
     * a pointer, not an index: one register across the invocations instead of a reload and a
     * multiplication by the record size for every cap. */
    const cdl_cap_t *c = &loader.spec.caps[o->aux], *end = c + o->num_caps;
    uint32_t n = 0;
    for (; c < end; c++) {
        seL4_Word vaddr = base + ((seL4_Word)cdl_cap_slot(c) << level_shift[level]);
        if (loader.spec.objects[c->obj].type == CDL_FRAME) {
            map_frame(pml4, c, vaddr);
        } else if (child_obj) { /* the validator allows only frames in page tables */
            map_table(pml4, c->obj, vaddr);
            child_obj[n] = c->obj;
            child_vaddr[n++] = vaddr;
        }
    }
    return n;
}

/* The tables of one level wait in these arrays while the next level is mapped. */
static uint32_t tables[3][512];
static seL4_Word vaddrs[3][512];

static void map_vspace(uint32_t pml4)
{
    uint32_t n1 = map_level(pml4, pml4, 0, 0, tables[0], vaddrs[0]);
    for (uint32_t a = 0; a < n1; a++) {
        uint32_t n2 = map_level(pml4, tables[0][a], 1, vaddrs[0][a], tables[1], vaddrs[1]);
        for (uint32_t b = 0; b < n2; b++) {
            uint32_t n3 = map_level(pml4, tables[1][b], 2, vaddrs[1][b], tables[2], vaddrs[2]);
            for (uint32_t d = 0; d < n3; d++) {
                map_level(pml4, tables[2][d], 3, vaddrs[2][d], NULL, NULL);
            }
        }
    }
}

void loader_map_vspaces(void)
{
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        if (loader.spec.objects[i].type == CDL_PML4) {
            map_vspace(i);
        }
    }
}
