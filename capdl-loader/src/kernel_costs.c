/*
 * For bench/loader only (the CAPDL_LOADER_PHASE_TICKS variant): what one kernel invocation of
 * each kind the loader makes costs, timed after loading on objects of the loader's own, so the
 * per-phase figures can be split into kernel work and the loader's own. A Retype of one 4 KiB
 * frame less a Retype of one endpoint is the kernel zeroing 4 KiB (both go through the same
 * placement code of the loader, which the two figures include).
 */
#include "loader.h"

#ifdef CAPDL_LOADER_PHASE_TICKS
#include <stdio.h>

static inline uint64_t tsc(void)
{
    return arch_ticks(); /* the TSC on x86_64, the virtual counter on AArch64 */
}

void loader_print_kernel_costs(void)
{
    uint64_t t0 = tsc();
    seL4_CPtr frame = loader_retype_own(ARCH_OBJ_4K);
    uint64_t t1 = tsc();
    seL4_CPtr ep = loader_retype_own_sized(seL4_EndpointObject, 0, seL4_EndpointBits, loader_alloc_slot());
    uint64_t t2 = tsc();
    loader_scratch_map_cap(frame, false, CDL_NONE);
    uint64_t t3 = tsc();
    loader_scratch_unmap_cap(frame, CDL_NONE);
    uint64_t t4 = tsc();
    seL4_CPtr copy = loader_alloc_slot();
    loader_check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, ep, seL4_WordBits,
                                 seL4_AllRights), CDL_NONE, "seL4_CNode_Copy (kernel costs)");
    uint64_t t5 = tsc();
    loader_check(seL4_CNode_Delete(seL4_CapInitThreadCNode, copy, seL4_WordBits), CDL_NONE, "seL4_CNode_Delete (kernel costs)");
    uint64_t t6 = tsc();
    printf("capdl-loader: kernel invocation ticks: retype_4k_frame=%lu retype_endpoint=%lu page_map=%lu page_unmap=%lu "
           "cnode_copy=%lu cnode_delete=%lu\n", (unsigned long)(t1 - t0), (unsigned long)(t2 - t1),
           (unsigned long)(t3 - t2), (unsigned long)(t4 - t3), (unsigned long)(t5 - t4), (unsigned long)(t6 - t5));
}
#endif
