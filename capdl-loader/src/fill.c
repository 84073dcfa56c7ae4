/*
 * Frame fills: a frame's contents come from an embedded file (the component's ELF) at an
 * offset. The loader maps a copy of the frame's cap at a scratch address in its own VSpace,
 * copies, and unmaps. The scratch window has its own PDPT, PD and PT (created once): 4 KiB
 * frames go into the PT's first entry, 2 MiB frames into the PD's second entry.
 */
#include "loader.h"
#include <stdio.h>
#include <string.h>

#define SCRATCH_VADDR 0x7f0000000000ull      /* 4 KiB frames */
#define SCRATCH_LARGE_VADDR (SCRATCH_VADDR + (1ull << 21)) /* 2 MiB frames */

static bool scratch_ready;

static void make_scratch_window(void)
{
    seL4_CPtr pdpt = loader_retype_own(seL4_X86_PDPTObject), pd = loader_retype_own(seL4_X86_PageDirectoryObject);
    seL4_CPtr pt = loader_retype_own(seL4_X86_PageTableObject);
    seL4_X86_VMAttributes a = seL4_X86_Default_VMAttributes;
    loader_check(seL4_X86_PDPT_Map(pdpt, seL4_CapInitThreadVSpace, SCRATCH_VADDR, a), CDL_NONE, "scratch PDPT map");
    loader_check(seL4_X86_PageDirectory_Map(pd, seL4_CapInitThreadVSpace, SCRATCH_VADDR, a), CDL_NONE, "scratch PD map");
    loader_check(seL4_X86_PageTable_Map(pt, seL4_CapInitThreadVSpace, SCRATCH_VADDR, a), CDL_NONE, "scratch PT map");
    scratch_ready = true;
}

static void copy_fill(uint32_t frame, const cdl_fill_t *f, uint8_t *window)
{
    const char *file = cdl_spec_string(&loader.spec, f->file);
    const uint8_t *data;
    uint64_t size;
    if (!loader_file(file, &data, &size) || f->src_off > size || f->len > size - f->src_off) {
        printf("capdl-loader: frame %u: fill from '%s' [%lu, +%u) is not in the embedded files\n", frame, file,
               (unsigned long)f->src_off, f->len);
        loader_fail_msg("missing fill data", NULL);
    }
    memcpy(window + f->dest_off, data + f->src_off, f->len);
}

static void fill_frame(uint32_t i)
{
    const cdl_object_t *o = &loader.spec.objects[i];
    seL4_Word vaddr = o->size_bits == seL4_PageBits ? SCRATCH_VADDR : SCRATCH_LARGE_VADDR;
    seL4_CPtr copy = loader_alloc_slot();
    loader_check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, obj_slot(i),
                                 seL4_WordBits, seL4_AllRights), i, "seL4_CNode_Copy (fill)");
    loader_check(seL4_X86_Page_Map(copy, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                 i, "seL4_X86_Page_Map (fill)");
    for (uint32_t k = o->aux; k < loader.spec.n_fills && loader.spec.fills[k].frame == i; k++) {
        copy_fill(i, &loader.spec.fills[k], (uint8_t *)vaddr);
    }
    loader_check(seL4_CNode_Delete(seL4_CapInitThreadCNode, copy, seL4_WordBits), i, "seL4_CNode_Delete (fill)");
    loader.next_free_slot = copy; /* the scratch slot is free again */
}

void loader_fill_frames(void)
{
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type != CDL_FRAME || o->aux == CDL_NONE) {
            continue;
        }
        if (o->size_bits > 21) {
            loader_fail(i, "filling a 1 GiB frame (not supported)", seL4_IllegalOperation);
        }
        if (!scratch_ready) {
            make_scratch_window();
        }
        fill_frame(i);
    }
}
