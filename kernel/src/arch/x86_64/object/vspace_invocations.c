/*
 * x86_64 VSpace invocations (seL4 src/arch/x86/kernel/vspace.c and 64/kernel/vspace.c, decode
 * part): mapping and unmapping PDPTs, page directories, page tables and frames, GetAddress,
 * ASIDControl_MakePool and ASIDPool_Assign, with seL4's errors in seL4's order (sel4-facts
 * 2.10, 9.9-9.11): a missing level is FailedLookup whose bits left say which (39 no PDPT,
 * 30 no PD, 21 no PT), an occupied level is DeleteFirst.
 */
#include <arch/object/vspace_invocations.h>
#include <api/user_error.h>
#include <arch/kernel/vspace.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <kernel/memory.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>
#include <sel4/shared_types.h>

/* FailedLookup: no paging structure at the level the mapping needs. */
static exception_t missing_table(word_t bitsLeft)
{
    current_lookup_fault = lookup_fault_missing_capability_new(bitsLeft);
    return user_error_failed_lookup(false, "no paging structure above the mapping's level");
}

/* The VSpace (PML4) named by extra cap 0: assigned to an ASID that still maps to it. */
static exception_t target_vspace(const extra_caps_t *extra, pte_t **pml4, word_t *asid)
{
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no VSpace cap");
    }
    cap_t vs = extra->slots[0]->cap;
    if (cap_get_capType(vs) != cap_pml4_cap || !cap_paging_cap_get_isMapped(vs)) {
        return user_error_invalid_cap(1, "extra cap is not a PML4 cap with an ASID");
    }
    *asid = cap_get_mappedASID(vs);
    *pml4 = find_vspace_for_asid(*asid);
    if (!*pml4) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        return user_error_failed_lookup(false, "the VSpace's ASID maps to no VSpace");
    }
    if (kptr_to_paddr(*pml4) != cap_get_capPaddr(vs)) {
        return user_error_invalid_cap(1, "the PML4 cap does not match its ASID's VSpace");
    }
    return EXCEPTION_NONE;
}

static unsigned table_shift(cap_tag_t t)
{
    return t == cap_pdpt_cap ? PML4_SHIFT : t == cap_page_directory_cap ? PDPT_SHIFT : PD_SHIFT;
}

/* --- page tables, page directories, PDPTs ------------------------------------------------- */

static exception_t map_table(cte_t *slot, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    cap_t cap = slot->cap;
    if (length < 2 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or no VSpace cap");
    }
    if (cap_paging_cap_get_isMapped(cap)) {
        return user_error_invalid_cap(0, "the table is mapped already"); /* a mapped table maps once (sel4-facts 9.10) */
    }
    unsigned shift = table_shift(cap_get_capType(cap));
    vptr_t vaddr = ROUND_DOWN(getMR(ksCurThread, buffer, 0), shift); /* the region the table covers */
    pte_t *pml4;
    word_t asid, bitsLeft;
    exception_t s = target_vspace(extra, &pml4, &asid);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    if (vaddr >= seL4_UserTop) {
        return user_error_invalid_argument(0, "address at or above seL4_UserTop");
    }
    pte_t *e = vspace_lookup_slot(pml4, vaddr, shift, &bitsLeft);
    if (!e) {
        return missing_table(bitsLeft);
    }
    if (*e & PTE_PRESENT) {
        return user_error(seL4_DeleteFirst, "a table is mapped there already");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    *e = cap_get_capPaddr(cap) | PTE_PRESENT | PTE_WRITE | PTE_USER;
    slot->cap = cap_paging_cap_new(cap_get_capType(cap), cap_get_capPaddr(cap), true, asid, vaddr);
    vspace_flush(pml4);
    return EXCEPTION_NONE;
}

static exception_t unmap_table_inv(cte_t *slot)
{
    cap_t cap = slot->cap;
    if (!isFinalCapability(slot)) {
        return user_error(seL4_RevokeFirst, "not the last cap of the table"); /* only the last copy may unmap (sel4-facts 2.10) */
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    if (cap_paging_cap_get_isMapped(cap)) {
        unmap_table(cap_get_mappedASID(cap), cap_get_mappedAddress(cap), table_shift(cap_get_capType(cap)),
                    cap_get_capPaddr(cap));
        memzero(paddr_to_kptr(cap_get_capPaddr(cap)), BIT(seL4_PageBits));
    }
    slot->cap = cap_paging_cap_new(cap_get_capType(cap), cap_get_capPaddr(cap), false, 0, 0);
    return EXCEPTION_NONE;
}

exception_t decodeX86TableInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     word_t *buffer)
{
    switch (label) {
    case X86PDPTMap:
    case X86PageDirectoryMap:
    case X86PageTableMap:
        return map_table(slot, length, extra, buffer);
    case X86PDPTUnmap:
    case X86PageDirectoryUnmap:
    case X86PageTableUnmap:
        return unmap_table_inv(slot);
    default:
        return user_error(seL4_IllegalOperation, "not a label of a paging structure cap");
    }
}

/* --- frames --------------------------------------------------------------------------------- */

static pte_t frame_pte(cap_t frame, word_t vmRights, word_t attr)
{
    pte_t e = cap_get_capPaddr(frame) | PTE_PRESENT | PTE_USER;
    if (vmRights == VMReadWrite) {
        e |= PTE_WRITE;
    }
    if (attr & 1) {
        e |= PTE_WRITE_THROUGH;
    }
    if (attr & 2) {
        e |= PTE_CACHE_DISABLE;
    }
    return cap_frame_cap_get_capFSize(frame) == X86_SmallPage ? e : e | PTE_LARGE;
}

/* Checks of Page_Map up to the entry: remap only at the same place, alignment, user range. */
static exception_t check_frame_map(cap_t cap, word_t asid, vptr_t vaddr)
{
    word_t bits = frame_size_bits(cap_frame_cap_get_capFSize(cap));
    if (cap_get_mappedASID(cap)) {
        if (cap_get_mappedASID(cap) != asid) {
            return user_error_invalid_cap(1, "frame mapped in another address space");
        }
        if (cap_get_mappedAddress(cap) != vaddr) {
            return user_error_invalid_argument(0, "frame mapped at another address"); /* copy the cap to map elsewhere (sel4-facts 9.10) */
        }
    }
    if (!IS_ALIGNED(vaddr, bits)) {
        return user_error(seL4_AlignmentError, "address not aligned to the frame size");
    }
    if (vaddr + BIT(bits) > seL4_UserTop || vaddr + BIT(bits) < vaddr) {
        return user_error_invalid_argument(0, "frame would reach beyond seL4_UserTop");
    }
    return EXCEPTION_NONE;
}

static exception_t map_frame(cte_t *slot, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    cap_t cap = slot->cap;
    if (length < 3 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 words or no VSpace cap");
    }
    vptr_t vaddr = getMR(ksCurThread, buffer, 0);
    word_t rights = getMR(ksCurThread, buffer, 1), attr = getMR(ksCurThread, buffer, 2);
    pte_t *pml4;
    word_t asid, bitsLeft;
    exception_t s = target_vspace(extra, &pml4, &asid);
    if (s == EXCEPTION_NONE) {
        s = check_frame_map(cap, asid, vaddr);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    word_t size = cap_frame_cap_get_capFSize(cap);
    if (size == X64_HugePage && !cpu_has_1g_pages()) {
        return user_error(seL4_IllegalOperation, "the CPU has no 1 GiB pages"); /* qemu64 has no 1 GiB pages */
    }
    pte_t *e = vspace_lookup_slot(pml4, vaddr, size == X86_SmallPage ? PT_SHIFT : size == X86_LargePage ? PD_SHIFT : PDPT_SHIFT,
                                  &bitsLeft);
    if (!e) {
        return missing_table(bitsLeft);
    }
    if (size != X86_SmallPage && (*e & PTE_PRESENT) && !(*e & PTE_LARGE)) {
        return user_error(seL4_DeleteFirst, "a large page over a page table"); /* a large page over a page table */
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t vmRights = cap_frame_cap_get_capFVMRights(maskCapRights(rights, cap));
    *e = vmRights == VMKernelOnly ? 0 : frame_pte(cap, vmRights, attr);
    slot->cap = cap_set_mapping(cap, asid, vaddr);
    vspace_flush(pml4);
    return EXCEPTION_NONE;
}

static exception_t unmap_frame_inv(cte_t *slot)
{
    cap_t cap = slot->cap;
    setThreadState(ksCurThread, ThreadState_Restart);
    if (cap_get_mappedASID(cap)) {
        unmap_frame(cap_get_mappedASID(cap), cap_get_mappedAddress(cap), frame_size_bits(cap_frame_cap_get_capFSize(cap)),
                    cap_get_capPaddr(cap));
    }
    slot->cap = cap_set_mapping(cap, 0, 0);
    return EXCEPTION_NONE;
}

exception_t decodeX86FrameInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     bool isCall, word_t *buffer)
{
    (void)buffer;
    switch (label) {
    case X86PageMap:
        return map_frame(slot, length, extra, buffer);
    case X86PageUnmap:
        return unmap_frame_inv(slot);
    case X86PageGetAddress:
        if (isCall) {
            setMR(ksCurThread, NULL, 0, cap_get_capPaddr(slot->cap));
            setRegister(ksCurThread, REG_BADGE, 0);
            setRegister(ksCurThread, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
        }
        setThreadState(ksCurThread, ThreadState_Running);
        return EXCEPTION_NONE;
    default:
        return user_error(seL4_IllegalOperation, "not a label of a frame cap");
    }
}

/* --- ASIDs ---------------------------------------------------------------------------------- */

exception_t decodeX86ASIDControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (label != X86ASIDControlMakePool) {
        return user_error(seL4_IllegalOperation, "not a label of the ASID control cap");
    }
    if (length < 2 || extra->count < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or 2 extra caps");
    }
    word_t i = 0;
    while (i < BIT(ASID_HIGH_BITS) && x86KSASIDTable[i]) {
        i++;
    }
    if (i == BIT(ASID_HIGH_BITS)) {
        return user_error(seL4_DeleteFirst, "no free ASID pool slot"); /* no free pool slot */
    }
    cte_t *untypedSlot = extra->slots[0];
    cap_t u = untypedSlot->cap;
    if (cap_get_capType(u) != cap_untyped_cap || cap_untyped_cap_get_capBlockSize(u) != seL4_ASIDPoolBits ||
        cap_untyped_cap_get_capIsDevice(u)) {
        return user_error_invalid_cap(1, "not a non-device untyped of exactly 4 KiB");
    }
    if (ensureNoChildren(untypedSlot) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    lookup_slot_ret_t dest = lookupSlotForCNodeOp(false, extra->slots[1]->cap, getMR(ksCurThread, buffer, 0),
                                                  getMR(ksCurThread, buffer, 1));
    if (dest.status != EXCEPTION_NONE) {
        return dest.status;
    }
    if (ensureEmptySlot(dest.slot) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    paddr_t pool = cap_get_capPaddr(u);
    untypedSlot->cap = cap_untyped_cap_set_capFreeIndex(u, BIT(seL4_ASIDPoolBits));
    memzero(paddr_to_kptr(pool), BIT(seL4_ASIDPoolBits));
    insertNewCap(untypedSlot, dest.slot, cap_asid_pool_cap_new(pool, i << ASID_LOW_BITS));
    x86KSASIDTable[i] = pool;
    return EXCEPTION_NONE;
}

exception_t decodeX86ASIDPoolInvocation(word_t label, cap_t cap, const extra_caps_t *extra)
{
    if (label != X86ASIDPoolAssign) {
        return user_error(seL4_IllegalOperation, "not a label of an ASID pool cap");
    }
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no VSpace cap");
    }
    cte_t *vsSlot = extra->slots[0];
    cap_t vs = vsSlot->cap;
    if (cap_get_capType(vs) != cap_pml4_cap || cap_paging_cap_get_isMapped(vs)) {
        return user_error_invalid_cap(1, "not a PML4 cap, or assigned already"); /* not a VSpace, or assigned already (sel4-facts 9.10) */
    }
    word_t base = cap_asid_pool_cap_get_capASIDBase(cap);
    paddr_t *pool = paddr_to_kptr(cap_get_capPaddr(cap));
    if (x86KSASIDTable[base >> ASID_LOW_BITS] != cap_get_capPaddr(cap)) {
        return user_error_invalid_cap(0, "the ASID pool was deleted");
    }
    word_t i = base == 0 ? 1 : 0; /* ASID 0 is never handed out */
    while (i < BIT(ASID_LOW_BITS) && pool[i]) {
        i++;
    }
    if (i == BIT(ASID_LOW_BITS)) {
        return user_error(seL4_DeleteFirst, "the ASID pool is full"); /* the pool is full */
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    pool[i] = cap_get_capPaddr(vs);
    vsSlot->cap = cap_pml4_cap_new(cap_get_capPaddr(vs), true, base + i);
    return EXCEPTION_NONE;
}
