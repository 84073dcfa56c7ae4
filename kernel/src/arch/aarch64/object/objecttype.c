/*
 * AArch64 caps and objects (seL4 src/arch/arm/object/objecttype.c): frames, page tables (one
 * type for every level below the VSpace), the VSpace, ASID control and pools; their
 * invocations are in vspace_invocations.c. Deleting a mapped cap removes its mapping. The
 * cap type numbers are seL4's ARM ones (facts 4.1): frame 1, page table 3, VSpace 9 (the
 * slot x86 uses for the PML4, hence cap_pml4_cap), ASID control 11, ASID pool 13.
 */
#include <api/user_error.h>
#include <kernel/arch_object.h>
#include <arch/kernel/vspace.h>
#include <arch/object/vspace_invocations.h>
#include <kernel/memory.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>

static bool is_paging_cap(cap_tag_t t)
{
    return t == cap_page_table_cap || t == cap_pml4_cap;
}

static deriveCap_ret_t derive_result(exception_t s, cap_t c)
{
    return (deriveCap_ret_t){ s, c };
}

deriveCap_ret_t Arch_deriveCap(cte_t *slot, cap_t cap)
{
    (void)slot;
    switch (cap_get_capType(cap)) {
    case cap_page_table_cap:
    case cap_pml4_cap:
        /* An unmapped paging structure cannot be copied (as on x86, sel4-facts 2.2). */
        if (cap_paging_cap_get_isMapped(cap)) {
            return derive_result(EXCEPTION_NONE, cap);
        }
        return derive_result(user_error(seL4_IllegalOperation, "an unmapped paging structure cannot be copied"),
                             cap_null_cap_new());
    case cap_frame_cap:
        /* A copy of a frame cap is unmapped: each mapping belongs to one cap. */
        return derive_result(EXCEPTION_NONE, cap_set_mapping(cap, 0, 0));
    default:
        return derive_result(EXCEPTION_NONE, cap);
    }
}

cap_t Arch_maskCapRights(word_t rights, cap_t cap)
{
    if (cap_get_capType(cap) != cap_frame_cap) {
        return cap;
    }
    word_t vm = cap_frame_cap_get_capFVMRights(cap);
    bool r = (vm & 2) && (rights & seL4_CanRead.words[0]);
    bool w = (vm & 1) && (rights & seL4_CanWrite.words[0]) && r; /* no write-only mappings (facts 4.3) */
    return cap_frame_cap_set_capFVMRights(cap, (r ? VMReadOnly : VMKernelOnly) | (w ? VMWriteOnly : 0));
}

static bool frames_contain(cap_t a, cap_t b)
{
    paddr_t botA = cap_get_capPaddr(a), topA = botA + MASK(frame_size_bits(cap_frame_cap_get_capFSize(a)));
    paddr_t botB = cap_get_capPaddr(b), topB = botB + MASK(frame_size_bits(cap_frame_cap_get_capFSize(b)));
    return botA <= botB && topA >= topB && botB <= topB;
}

bool Arch_sameRegionAs(cap_t a, cap_t b)
{
    cap_tag_t ta = cap_get_capType(a), tb = cap_get_capType(b);
    switch (ta) {
    case cap_frame_cap:
        return tb == ta && frames_contain(a, b);
    case cap_asid_control_cap:
        return tb == ta;
    case cap_asid_pool_cap:
        return tb == ta && cap_get_capPaddr(a) == cap_get_capPaddr(b);
    default:
        return is_paging_cap(ta) && tb == ta && cap_get_capPaddr(a) == cap_get_capPaddr(b);
    }
}

bool Arch_sameObjectAs(cap_t a, cap_t b)
{
    if (cap_get_capType(a) == cap_frame_cap && cap_get_capType(b) == cap_frame_cap) {
        return cap_get_capPaddr(a) == cap_get_capPaddr(b) &&
               cap_frame_cap_get_capFSize(a) == cap_frame_cap_get_capFSize(b) &&
               cap_frame_cap_get_capFIsDevice(a) == cap_frame_cap_get_capFIsDevice(b);
    }
    return Arch_sameRegionAs(a, b);
}

bool Arch_isCapRevocable(cap_t derived, cap_t src)
{
    (void)derived, (void)src;
    return false;
}

finaliseCap_ret_t Arch_finaliseCap(cap_t cap, bool final)
{
    cap_tag_t t = cap_get_capType(cap);
    word_t asid = cap_get_mappedASID(cap);
    if (t == cap_frame_cap && asid) {
        unmap_frame(asid, cap_get_mappedAddress(cap), frame_size_bits(cap_frame_cap_get_capFSize(cap)),
                    cap_get_capPaddr(cap));
    } else if (final && t == cap_pml4_cap && cap_paging_cap_get_isMapped(cap)) {
        delete_asid(asid, cap_get_capPaddr(cap));
    } else if (final && t == cap_page_table_cap && cap_paging_cap_get_isMapped(cap)) {
        unmap_table(asid, cap_get_mappedAddress(cap), cap_get_capPaddr(cap));
    } else if (final && t == cap_asid_pool_cap) {
        delete_asid_pool(cap_asid_pool_cap_get_capASIDBase(cap), cap_get_capPaddr(cap));
    }
    return (finaliseCap_ret_t){ cap_null_cap_new() };
}

word_t Arch_capObjectBits(cap_t cap)
{
    cap_tag_t t = cap_get_capType(cap);
    if (t == cap_frame_cap) {
        return frame_size_bits(cap_frame_cap_get_capFSize(cap));
    }
    return is_paging_cap(t) || t == cap_asid_pool_cap ? seL4_PageBits : 0;
}

word_t Arch_getObjectSize(word_t type)
{
    switch (type) {
    case seL4_ARM_SmallPageObject: return seL4_PageBits;
    case seL4_ARM_LargePageObject: return seL4_LargePageBits;
    case seL4_ARM_HugePageObject: return seL4_HugePageBits;
    case seL4_ARM_PageTableObject: return seL4_PageTableBits;
    case seL4_ARM_VSpaceObject: return seL4_VSpaceBits;
    default: return 0;
    }
}

bool Arch_isFrameType(word_t type)
{
    return type == seL4_ARM_SmallPageObject || type == seL4_ARM_LargePageObject || type == seL4_ARM_HugePageObject;
}

/* New tables are zero (retype zeroed them); clean them so the table walker sees the zeros
 * (facts 9.1). Frames sizes reuse the x86 numbering: 0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB. */
static void clean_table(paddr_t p)
{
    const uint8_t *k = paddr_to_kptr(p);
    for (word_t off = 0; off < BIT(seL4_PageTableBits); off += 64) {
        __asm__ volatile("dc cvau, %0" ::"r"(k + off) : "memory");
    }
    __asm__ volatile("dsb ish" ::: "memory");
}

/* A new RAM frame was zeroed through the cached window: clean it to the point of coherency so
 * an uncached (Device) mapping of it sees the zeros too (seL4 cleanCacheRange_RAM; facts 9.1). */
static void clean_frame(paddr_t p, word_t bits, bool device)
{
    if (device) {
        return;
    }
    const uint8_t *k = paddr_to_kptr(p);
    for (word_t off = 0; off < BIT(bits); off += 64) {
        __asm__ volatile("dc cvac, %0" ::"r"(k + off) : "memory");
    }
    __asm__ volatile("dsb sy" ::: "memory");
}

cap_t Arch_createObject(word_t type, paddr_t p, word_t userSize, bool device)
{
    (void)userSize;
    if (Arch_isFrameType(type)) {
        clean_frame(p, Arch_getObjectSize(type), device);
    }
    switch (type) {
    case seL4_ARM_SmallPageObject:
        return cap_frame_cap_new(p, X86_SmallPage, VMReadWrite, device, 0, 0);
    case seL4_ARM_LargePageObject:
        return cap_frame_cap_new(p, X86_LargePage, VMReadWrite, device, 0, 0);
    case seL4_ARM_HugePageObject:
        return cap_frame_cap_new(p, X64_HugePage, VMReadWrite, device, 0, 0);
    case seL4_ARM_PageTableObject:
        clean_table(p);
        return cap_paging_cap_new(cap_page_table_cap, p, false, 0, 0);
    default: /* seL4_ARM_VSpaceObject */
        clean_table(p);
        return cap_pml4_cap_new(p, false, 0);
    }
}

exception_t Arch_decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                                  const extra_caps_t *extra, bool isCall, word_t *buffer)
{
    (void)cptr;
    switch (cap_get_capType(cap)) {
    case cap_frame_cap:
        return decodeARMFrameInvocation(label, length, slot, extra, isCall, buffer);
    case cap_page_table_cap:
        return decodeARMPageTableInvocation(label, length, slot, extra, buffer);
    case cap_asid_control_cap:
        return decodeARMASIDControlInvocation(label, length, extra, buffer);
    case cap_asid_pool_cap:
        return decodeARMASIDPoolInvocation(label, cap, extra);
    default: /* cap_pml4_cap: the VSpace's cache maintenance */
        return decodeARMVSpaceInvocation(label, length, cap, buffer);
    }
}
