/*
 * The object index of the capability dump (dump.c): for every spec object, what the kernel
 * says its cap names (seL4_DebugCapDescribe: cap type and physical address, IRQ number or port
 * range), so a live cap found in a CNode or TCB maps back to its spec object by binary search.
 * Built while the loader still holds every original cap (the IRQControl and IOPortControl caps
 * move into the components when the CSpaces are filled). The table lives in 2 MiB frames the
 * loader takes after the spec's objects and maps in a window of its own: its size grows with
 * the spec (16 bytes per object), and the loader's image stays the same without the dump.
 */
#include "loader.h"

#define INDEX_VADDR 0x7e0000000000ull /* PML4 slot 252: no other mapping of the loader is there */
#define INDEX_FRAME_BITS 21

typedef struct index_entry {
    uint64_t key; /* cap type << 59 | object word (physical addresses have 47 bits) */
    uint32_t obj;
    uint32_t pad;
} index_entry_t;

static index_entry_t *entries;
static uint32_t n_entries;

bool loader_dump_wanted(void)
{
    return (loader.spec.hdr->flags & CDL_SPEC_F_DUMP_CAPS) != 0;
}

static seL4_Word index_frames(void)
{
    uint64_t bytes = (uint64_t)loader.spec.n_objects * sizeof(index_entry_t);
    return (seL4_Word)((bytes + (1ull << INDEX_FRAME_BITS) - 1) >> INDEX_FRAME_BITS);
}

seL4_Word loader_dump_slots(void)
{
    return loader_dump_wanted() ? 2 + index_frames() : 0; /* PDPT, PD and the frames */
}

static uint64_t index_key(seL4_Word type, seL4_Word object)
{
    return (uint64_t)type << 59 | object;
}

/* Memory for the table: a PDPT and a PD for the window, then the 2 MiB frames in it. */
static void map_index_window(void)
{
    seL4_CPtr pdpt = loader_retype_own(ARCH_OBJ_PDPT), pd = loader_retype_own(ARCH_OBJ_PD);
    const char *what;
    loader_check(arch_table_map(CDL_PDPT, pdpt, seL4_CapInitThreadVSpace, INDEX_VADDR, &what), CDL_NONE,
                 "dump index PDPT map");
    loader_check(arch_table_map(CDL_PD, pd, seL4_CapInitThreadVSpace, INDEX_VADDR, &what), CDL_NONE,
                 "dump index PD map");
    for (seL4_Word k = 0; k < index_frames(); k++) {
        seL4_CPtr frame = loader_retype_own_sized(ARCH_OBJ_LARGE, 0, INDEX_FRAME_BITS, loader_alloc_slot());
        loader_check(arch_page_map(frame, seL4_CapInitThreadVSpace, INDEX_VADDR + (k << INDEX_FRAME_BITS),
                                   seL4_ReadWrite), CDL_NONE, "dump index frame map");
    }
    entries = (index_entry_t *)INDEX_VADDR;
}

static void sift_down(uint32_t root, uint32_t n)
{
    for (uint32_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && entries[child].key < entries[child + 1].key) {
            child++;
        }
        if (entries[root].key >= entries[child].key) {
            return;
        }
        index_entry_t t = entries[root];
        entries[root] = entries[child];
        entries[child] = t;
    }
}

/* Heapsort by key: in place, no recursion, n log n for any spec. */
static void sort_entries(void)
{
    for (uint32_t i = n_entries / 2; i-- > 0;) {
        sift_down(i, n_entries);
    }
    for (uint32_t end = n_entries; end-- > 1;) {
        index_entry_t t = entries[0];
        entries[0] = entries[end];
        entries[end] = t;
        sift_down(0, end);
    }
}

void loader_dump_index(void)
{
    if (!loader_dump_wanted() || loader.spec.n_objects == 0) {
        return;
    }
    map_index_window();
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        seL4_DebugCapInfo info;
        loader_check(seL4_DebugCapDescribe(seL4_CapInitThreadCNode, obj_slot(i), &info), i,
                     "seL4_DebugCapDescribe (the loader's cap)");
        if (info.type != 0) {
            entries[n_entries++] = (index_entry_t){ .key = index_key(info.type, info.object), .obj = i };
        }
    }
    sort_entries();
}

uint32_t loader_dump_lookup(seL4_Word type, seL4_Word object)
{
    uint64_t key = index_key(type, object);
    uint32_t lo = 0, hi = n_entries;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (entries[mid].key < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n_entries && entries[lo].key == key ? entries[lo].obj : CDL_NONE;
}
