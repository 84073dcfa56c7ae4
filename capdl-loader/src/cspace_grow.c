/*
 * A CSpace for any number of objects. The loader keeps every object's original cap and every
 * mapping's cap in its own CSpace; the initial CNode has 2^initThreadCNodeSizeBits slots (4096 in
 * the default configuration). When the system needs
 * more, the loader makes a CNode of 2^R slots, moves its boot caps into it at the same slot
 * numbers (copies of its TCB and VSpace caps, so it can still switch), gives it the guard that
 * makes a 64-bit CPtr land in one level, and makes it its CSpace root: every CPtr keeps its
 * meaning. The new CNode is the only allocation made before the spec's objects (docs/
 * deviations.md: the tool's --reserved margin covers it).
 */
#include "loader.h"

#define SLACK_SLOTS 128 /* fillers, the loader's own tables */
#define MAX_RADIX 22    /* 4 Mi slots, 128 MiB of CNode */

static seL4_Word slots_needed(void)
{
    seL4_Word n = loader.spec.n_objects + SLACK_SLOTS + loader_dump_slots();
    n += loader_scratch_slots(loader_mapped_record_pages() + loader_file_index_pages());
    uint32_t first_cap = 0; /* caps follow object order (capdl/spec.h) */
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        bool paging = o->type == CDL_PT || o->type == CDL_PD || o->type == CDL_PDPT || o->type == CDL_PML4;
        for (uint32_t k = 0; paging && k < o->num_caps; k++) {
            /* at most a copy per mapping (vspace.c copies only for a frame's second mapping on) */
            n += loader.spec.objects[loader.spec.caps[first_cap + k].obj].type == CDL_FRAME;
        }
        n += o->type == CDL_IRQ; /* the badged notification copy */
        first_cap += o->num_caps;
    }
    return n;
}

static unsigned radix_for(seL4_Word slots)
{
    unsigned r = (unsigned)loader.bi->initThreadCNodeSizeBits; /* growing: never below the boot CNode */
    while (r < MAX_RADIX && (1ull << r) < slots) {
        r++;
    }
    return r;
}

/* Moves (or, for the caps the switch itself needs, copies) the boot caps into the new CNode. */
static void move_boot_caps(seL4_CPtr big, unsigned radix)
{
    for (seL4_CPtr s = 1; s < loader.bi->empty.start; s++) {
        if (s == seL4_CapInitThreadCNode || seL4_DebugCapIdentify(s) == 0) {
            continue;
        }
        bool copy = s == seL4_CapInitThreadTCB || s == seL4_CapInitThreadVSpace;
        seL4_Error e = copy ? seL4_CNode_Copy(big, s, radix, seL4_CapInitThreadCNode, s, seL4_WordBits, seL4_AllRights)
                            : seL4_CNode_Move(big, s, radix, seL4_CapInitThreadCNode, s, seL4_WordBits);
        loader_check(e, CDL_NONE, copy ? "seL4_CNode_Copy (growing the CSpace)" : "seL4_CNode_Move (growing the CSpace)");
    }
}

void loader_grow_cspace(void)
{
    loader.slot_limit = loader.bi->empty.end;
    seL4_Word need = loader.bi->empty.start + slots_needed();
    if (need < loader.slot_limit) {
        return;
    }
    unsigned radix = radix_for(need);
    if ((1ull << radix) < need) {
        loader_fail_msg("the system needs more CSpace slots than the loader supports (2^22)", NULL);
    }
    seL4_CPtr big = loader.bi->empty.end - 2;
    loader_retype_own_sized(seL4_CapTableObject, radix, radix + seL4_SlotBits, big);
    move_boot_caps(big, radix);
    seL4_Word guard = seL4_CNode_CapData_new(0, seL4_WordBits - radix).words[0];
    loader_check(seL4_CNode_Mint(big, seL4_CapInitThreadCNode, radix, seL4_CapInitThreadCNode, big, seL4_WordBits,
                                 seL4_AllRights, guard), CDL_NONE, "seL4_CNode_Mint (the new root's own cap)");
    loader_check(seL4_TCB_SetSpace(seL4_CapInitThreadTCB, 0, big, guard, seL4_CapInitThreadVSpace, 0), CDL_NONE,
                 "seL4_TCB_SetSpace (switching to the larger CSpace)");
    loader.slot_limit = 1ull << radix;
}
