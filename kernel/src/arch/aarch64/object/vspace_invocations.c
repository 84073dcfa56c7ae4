/*
 * AArch64 VSpace invocations (seL4 src/arch/arm/64/kernel/vspace.c, decode part; check orders
 * in sel4-aarch64-facts.md 4.3, 4.4): PageTable_Map/Unmap for every level below the VSpace,
 * Page_Map/Unmap/GetAddress, the cache maintenance of pages and VSpaces, ASIDControl_MakePool
 * and ASIDPool_Assign. A page table is installed in the first empty slot the walk from the
 * root reaches, so one object type serves levels 1..3.
 */
#include <arch/object/vspace_invocations.h>
#include <api/user_error.h>
#include <arch/kernel/thread_switch.h>
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

#define CACHE_LINE 64

typedef struct pt_slot {
    pte_t *slot;
    unsigned bitsLeft; /* the size the slot maps: 39, 30, 21 or 12 */
} pt_slot_t;

/* Walks from the root along vaddr while the entries are tables (seL4 lookupPTSlot). */
static pt_slot_t lookup_pt_slot(pte_t *root, vptr_t vaddr)
{
    pt_slot_t r = { &root[(vaddr >> PML4_SHIFT) & MASK(PT_INDEX_BITS)], PML4_SHIFT };
    while (r.bitsLeft > PT_SHIFT && (*r.slot & 3) == PTE_TABLE) {
        pte_t *next = paddr_to_kptr(*r.slot & PTE_ADDR_MASK);
        r.bitsLeft -= PT_INDEX_BITS;
        r.slot = &next[(vaddr >> r.bitsLeft) & MASK(PT_INDEX_BITS)];
    }
    return r;
}

static void store_pte(pte_t *slot, pte_t v, word_t asid, vptr_t vaddr)
{
    *slot = v;
    clean_pte(slot);
    tlb_flush_page(asid, vaddr);
}

static exception_t missing_table(word_t bitsLeft)
{
    current_lookup_fault = lookup_fault_missing_capability_new(bitsLeft);
    return user_error_failed_lookup(false, "the walk does not end at the mapping's level");
}

/* Extra cap 0 must be a VSpace with an ASID (InvalidCapability 1). */
static exception_t vspace_cap_check(const extra_caps_t *extra, cap_t *vs)
{
    *vs = extra->slots[0]->cap;
    if (!cap_is_mapped_pml4(*vs)) {
        return user_error_invalid_cap(1, "extra cap is not a VSpace cap with an ASID");
    }
    return EXCEPTION_NONE;
}

/* The VSpace's ASID must still map to it: FailedLookup, then InvalidCapability 1. */
static exception_t vspace_of(cap_t vs, pte_t **root)
{
    *root = find_vspace_for_asid(cap_get_mappedASID(vs));
    if (!*root) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        return user_error_failed_lookup(false, "the VSpace's ASID maps to no VSpace");
    }
    if (kptr_to_paddr(*root) != cap_get_capPaddr(vs)) {
        return user_error_invalid_cap(1, "the VSpace cap does not match its ASID's VSpace");
    }
    return EXCEPTION_NONE;
}

/* --- page tables ---------------------------------------------------------------------------- */

static exception_t map_table(cte_t *slot, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    cap_t cap = slot->cap, vs;
    if (length < 2 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or no VSpace cap");
    }
    if (cap_paging_cap_get_isMapped(cap)) {
        return user_error_invalid_cap(0, "the page table is mapped already");
    }
    exception_t s = vspace_cap_check(extra, &vs);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    vptr_t vaddr = getMR(ksCurThread, buffer, 0);
    if (vaddr > seL4_UserTop) {
        return user_error_invalid_argument(0, "address above seL4_UserTop");
    }
    pte_t *root;
    s = vspace_of(vs, &root);
    if (s != EXCEPTION_NONE) {
        return s;
    }
    pt_slot_t e = lookup_pt_slot(root, vaddr);
    if (e.bitsLeft == PT_SHIFT || (*e.slot & PTE_VALID)) {
        return user_error(seL4_DeleteFirst, "a page table or a mapping is there already");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    vaddr = ROUND_DOWN(vaddr, e.bitsLeft);
    store_pte(e.slot, cap_get_capPaddr(cap) | PTE_TABLE, cap_get_mappedASID(vs), vaddr);
    slot->cap = cap_paging_cap_new(cap_page_table_cap, cap_get_capPaddr(cap), true, cap_get_mappedASID(vs), vaddr);
    return EXCEPTION_NONE;
}

static exception_t unmap_table_inv(cte_t *slot)
{
    cap_t cap = slot->cap;
    if (!isFinalCapability(slot)) {
        return user_error(seL4_RevokeFirst, "not the last cap of the page table");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    if (cap_paging_cap_get_isMapped(cap)) {
        unmap_table(cap_get_mappedASID(cap), cap_get_mappedAddress(cap), cap_get_capPaddr(cap));
        memzero(paddr_to_kptr(cap_get_capPaddr(cap)), BIT(seL4_PageTableBits));
    }
    slot->cap = cap_paging_cap_new(cap_page_table_cap, cap_get_capPaddr(cap), false, 0, 0);
    return EXCEPTION_NONE;
}

exception_t decodeARMPageTableInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                         word_t *buffer)
{
    switch (label) {
    case ARMPageTableMap:
        return map_table(slot, length, extra, buffer);
    case ARMPageTableUnmap:
        return unmap_table_inv(slot);
    default:
        return user_error(seL4_IllegalOperation, "not a label of a page table cap");
    }
}

/* --- frames ----------------------------------------------------------------------------------- */

/* The entry of a user frame (facts 4.3): Normal write-back or Device-nGnRnE, UXN for
 * ExecuteNever, AP 01 read-write / 11 read-only / 00 kernel only; never executable at EL1. */
static pte_t frame_pte(cap_t frame, word_t vmRights, word_t attr)
{
    pte_t e = cap_get_capPaddr(frame) | PTE_AF | PTE_NG | PTE_PXN;
    e |= cap_frame_cap_get_capFSize(frame) == X86_SmallPage ? PTE_PAGE : PTE_BLOCK;
    e |= (attr & seL4_ARM_PageCacheable) ? PTE_ATTR_NORMAL : PTE_ATTR_DEVICE;
    if (attr & seL4_ARM_ExecuteNever) {
        e |= PTE_UXN;
    }
    if (vmRights == VMReadWrite) {
        e |= PTE_AP_EL0;
    } else if (vmRights == VMReadOnly) {
        e |= PTE_AP_EL0 | PTE_AP_RO;
    }
    return e;
}

/* The checks of Page_Map after the VSpace's (facts 4.4): alignment, same ASID and address
 * for a remap, the user range. */
static exception_t check_frame_map(cap_t cap, word_t asid, vptr_t vaddr)
{
    word_t bits = frame_size_bits(cap_frame_cap_get_capFSize(cap));
    if (!IS_ALIGNED(vaddr, bits)) {
        return user_error(seL4_AlignmentError, "address not aligned to the frame size");
    }
    if (cap_get_mappedASID(cap)) {
        if (cap_get_mappedASID(cap) != asid) {
            return user_error_invalid_cap(1, "frame mapped in another address space");
        }
        if (cap_get_mappedAddress(cap) != vaddr) {
            return user_error_invalid_argument(0, "frame mapped at another address");
        }
    } else if (vaddr + BIT(bits) - 1 > seL4_UserTop || vaddr + BIT(bits) - 1 < vaddr) {
        return user_error_invalid_argument(0, "frame would reach beyond seL4_UserTop");
    }
    return EXCEPTION_NONE;
}

static exception_t map_frame(cte_t *slot, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    cap_t cap = slot->cap, vs;
    if (length < 3 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 3 words or no VSpace cap");
    }
    vptr_t vaddr = getMR(ksCurThread, buffer, 0);
    word_t rights = getMR(ksCurThread, buffer, 1), attr = getMR(ksCurThread, buffer, 2);
    pte_t *root;
    exception_t s = vspace_cap_check(extra, &vs);
    if (s == EXCEPTION_NONE) {
        s = vspace_of(vs, &root);
    }
    if (s == EXCEPTION_NONE) {
        s = check_frame_map(cap, cap_get_mappedASID(vs), vaddr);
    }
    if (s != EXCEPTION_NONE) {
        return s;
    }
    pt_slot_t e = lookup_pt_slot(root, vaddr);
    if (e.bitsLeft != frame_size_bits(cap_frame_cap_get_capFSize(cap))) {
        return missing_table(e.bitsLeft);
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t vmRights = cap_frame_cap_get_capFVMRights(maskCapRights(rights, cap));
    word_t asid = cap_get_mappedASID(vs);
    store_pte(e.slot, frame_pte(cap, vmRights, attr), asid, vaddr);
    slot->cap = cap_set_mapping(cap, asid, vaddr);
    return EXCEPTION_NONE;
}

static exception_t unmap_frame_inv(cte_t *slot)
{
    cap_t cap = slot->cap;
    setThreadState(ksCurThread, ThreadState_Restart);
    if (cap_get_mappedASID(cap)) {
        unmap_frame(cap_get_mappedASID(cap), cap_get_mappedAddress(cap),
                    frame_size_bits(cap_frame_cap_get_capFSize(cap)), cap_get_capPaddr(cap));
    }
    slot->cap = cap_set_mapping(cap, 0, 0);
    return EXCEPTION_NONE;
}

/* One data cache operation by kernel virtual address over [start, end). */
static void cache_op_range(word_t label, word_t start, word_t end)
{
    for (word_t a = ROUND_DOWN(start, 6); a < end; a += CACHE_LINE) {
        switch (label) {
        case ARMPageClean_Data:
        case ARMVSpaceClean_Data:
            __asm__ volatile("dc cvac, %0" ::"r"(a) : "memory");
            break;
        case ARMPageInvalidate_Data:
        case ARMVSpaceInvalidate_Data:
            __asm__ volatile("dc ivac, %0" ::"r"(a) : "memory");
            break;
        case ARMPageCleanInvalidate_Data:
        case ARMVSpaceCleanInvalidate_Data:
            __asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
            break;
        default: /* Unify_Instruction: clean to the point of unification */
            __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
        }
    }
    __asm__ volatile("dsb sy" ::: "memory");
    if (label == ARMPageUnify_Instruction || label == ARMVSpaceUnify_Instruction) {
        __asm__ volatile("ic iallu; dsb sy; isb" ::: "memory");
    }
}

static exception_t page_cache_op(word_t label, word_t length, cap_t cap, word_t *buffer)
{
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words");
    }
    if (!cap_get_mappedASID(cap)) {
        return user_error(seL4_IllegalOperation, "the frame is not mapped");
    }
    word_t start = getMR(ksCurThread, buffer, 0), end = getMR(ksCurThread, buffer, 1);
    word_t size = BIT(frame_size_bits(cap_frame_cap_get_capFSize(cap)));
    if (start >= end || end > size) {
        return user_error_invalid_argument(0, "offsets outside the page");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t k = (word_t)paddr_to_kptr(cap_get_capPaddr(cap));
    cache_op_range(label, k + start, k + end);
    return EXCEPTION_NONE;
}

static exception_t get_address(cap_t cap, bool isCall)
{
    if (isCall) {
        setMR(ksCurThread, NULL, 0, cap_get_capPaddr(cap));
        setRegister(ksCurThread, REG_BADGE, 0);
        setRegister(ksCurThread, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}

exception_t decodeARMFrameInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                     bool isCall, word_t *buffer)
{
    switch (label) {
    case ARMPageMap:
        return map_frame(slot, length, extra, buffer);
    case ARMPageUnmap:
        return unmap_frame_inv(slot);
    case ARMPageGetAddress:
        return get_address(slot->cap, isCall);
    case ARMPageClean_Data:
    case ARMPageInvalidate_Data:
    case ARMPageCleanInvalidate_Data:
    case ARMPageUnify_Instruction:
        return page_cache_op(label, length, slot->cap, buffer);
    default:
        return user_error(seL4_IllegalOperation, "not a label of a frame cap");
    }
}

/* --- the VSpace's cache maintenance (facts 4.4) ------------------------------------------------ */

exception_t decodeARMVSpaceInvocation(word_t label, word_t length, cap_t cap, word_t *buffer)
{
    if (label < ARMVSpaceClean_Data || label > ARMVSpaceUnify_Instruction) {
        return user_error(seL4_IllegalOperation, "not a label of a VSpace cap");
    }
    if (length < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words");
    }
    word_t start = getMR(ksCurThread, buffer, 0), end = getMR(ksCurThread, buffer, 1);
    if (start >= end) {
        return user_error_invalid_argument(1, "start not below end");
    }
    if (end > USER_TOP) {
        return user_error(seL4_IllegalOperation, "end beyond the user address space");
    }
    pte_t *root;
    exception_t s = cap_is_mapped_pml4(cap) ? vspace_of(cap, &root) : user_error_invalid_cap(0, "no ASID");
    if (s != EXCEPTION_NONE) {
        return s;
    }
    pt_slot_t e = lookup_pt_slot(root, start);
    if (!(*e.slot & PTE_VALID) || (e.bitsLeft != PT_SHIFT && (*e.slot & 3) == PTE_TABLE)) {
        setThreadState(ksCurThread, ThreadState_Restart);
        return EXCEPTION_NONE; /* an unmapped start page: nothing to do */
    }
    word_t page_end = ROUND_DOWN(start, e.bitsLeft) + BIT(e.bitsLeft);
    if (end > page_end) {
        return user_error_range(start, page_end - 1, "the range leaves the start's page");
    }
    if (label == ARMVSpaceInvalidate_Data && (*e.slot & PTE_AP_RO)) {
        return user_error(seL4_IllegalOperation, "invalidating a page mapped read-only");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    word_t k = (word_t)paddr_to_kptr((*e.slot & PTE_ADDR_MASK) + (start & MASK(e.bitsLeft)));
    cache_op_range(label, k, k + (end - start));
    return EXCEPTION_NONE;
}

/* --- ASIDs -------------------------------------------------------------------------------------- */

exception_t decodeARMASIDControlInvocation(word_t label, word_t length, const extra_caps_t *extra, word_t *buffer)
{
    if (label != ARMASIDControlMakePool) {
        return user_error(seL4_IllegalOperation, "not a label of the ASID control cap");
    }
    if (length < 2 || extra->count < 2) {
        return user_error(seL4_TruncatedMessage, "fewer than 2 words or 2 extra caps");
    }
    word_t i = 0;
    while (i < BIT(ASID_HIGH_BITS) && armKSASIDTable[i]) {
        i++;
    }
    if (i == BIT(ASID_HIGH_BITS)) {
        return user_error(seL4_DeleteFirst, "no free ASID pool slot");
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
                                                  getMR(ksCurThread, buffer, 1) & 0xff);
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
    armKSASIDTable[i] = pool;
    return EXCEPTION_NONE;
}

exception_t decodeARMASIDPoolInvocation(word_t label, cap_t cap, const extra_caps_t *extra)
{
    if (label != ARMASIDPoolAssign) {
        return user_error(seL4_IllegalOperation, "not a label of an ASID pool cap");
    }
    if (extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "no VSpace cap");
    }
    cte_t *vsSlot = extra->slots[0];
    cap_t vs = vsSlot->cap;
    if (cap_get_capType(vs) != cap_pml4_cap || cap_paging_cap_get_isMapped(vs)) {
        return user_error_invalid_cap(1, "not a VSpace cap, or assigned already");
    }
    word_t base = cap_asid_pool_cap_get_capASIDBase(cap);
    paddr_t *pool = paddr_to_kptr(cap_get_capPaddr(cap));
    if (armKSASIDTable[base >> ASID_LOW_BITS] != cap_get_capPaddr(cap)) {
        current_lookup_fault = lookup_fault_invalid_root_new();
        return user_error_failed_lookup(false, "the ASID pool was deleted");
    }
    word_t i = base == 0 ? 1 : 0; /* ASID 0 is never handed out */
    while (i < BIT(ASID_LOW_BITS) && pool[i]) {
        i++;
    }
    if (i == BIT(ASID_LOW_BITS)) {
        return user_error(seL4_DeleteFirst, "the ASID pool is full");
    }
    setThreadState(ksCurThread, ThreadState_Restart);
    pool[i] = cap_get_capPaddr(vs);
    vsSlot->cap = cap_pml4_cap_new(cap_get_capPaddr(vs), true, base + i);
    return EXCEPTION_NONE;
}

/* --- unmapping on deletion ---------------------------------------------------------------------- */

void unmap_frame(word_t asid, vptr_t vaddr, word_t size_bits, paddr_t frame)
{
    pte_t *root = find_vspace_for_asid(asid);
    if (!root) {
        return;
    }
    pt_slot_t e = lookup_pt_slot(root, vaddr);
    /* Silently nothing if the mapping is gone or was replaced (facts 4.4). */
    if (e.bitsLeft == size_bits && (*e.slot & PTE_VALID) && (*e.slot & PTE_ADDR_MASK) == frame) {
        store_pte(e.slot, 0, asid, vaddr);
    }
}

void unmap_table(word_t asid, vptr_t vaddr, paddr_t table)
{
    pte_t *root = find_vspace_for_asid(asid);
    pte_t *t = root;
    for (unsigned s = PML4_SHIFT; t && s > PT_SHIFT; s -= PT_INDEX_BITS) {
        pte_t *slot = &t[(vaddr >> s) & MASK(PT_INDEX_BITS)];
        if ((*slot & 3) != PTE_TABLE) {
            return;
        }
        if ((*slot & PTE_ADDR_MASK) == table) {
            *slot = 0;
            clean_pte(slot);
            tlb_flush_asid(asid);
            return;
        }
        t = paddr_to_kptr(*slot & PTE_ADDR_MASK);
    }
}

/* A deleted VSpace must not stay loaded: fall back to the empty table (seL4 setVMRoot). */
static void leave_vspace(paddr_t vspace)
{
    if ((loaded_ttbr0 & PTE_ADDR_MASK) == vspace) {
        vspace_activate(0, 0);
    }
}

void delete_asid(word_t asid, paddr_t vspace)
{
    paddr_t pool = armKSASIDTable[asid >> ASID_LOW_BITS];
    paddr_t *entry = pool ? &((paddr_t *)paddr_to_pptr(pool))[asid & MASK(ASID_LOW_BITS)] : NULL;
    if (entry && *entry == vspace) {
        *entry = 0;
        tlb_flush_asid(asid);
        leave_vspace(vspace);
    }
}

void delete_asid_pool(word_t base, paddr_t pool)
{
    if (armKSASIDTable[base >> ASID_LOW_BITS] != pool) {
        return;
    }
    armKSASIDTable[base >> ASID_LOW_BITS] = 0;
    const paddr_t *entries = paddr_to_pptr(pool);
    for (word_t i = 0; i < BIT(ASID_LOW_BITS); i++) {
        if (entries[i]) {
            tlb_flush_asid(base + i);
            leave_vspace(entries[i]);
        }
    }
}
