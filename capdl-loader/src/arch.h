/*
 * What the loader does differently per architecture (docs/aarch64.md): the seL4 object types
 * of frames and paging structures, the paging and ASID invocations, and the registers a
 * component starts with. Both VSpaces have the same shape (four levels of 512 entries), so the
 * spec's PML4/PDPT/PD/PT map to the AArch64 VSpace and three levels of page tables, each
 * installed by the walk of seL4_ARM_PageTable_Map in the order vspace.c maps them.
 * The *_NAME strings name the invocation in failure messages.
 */
#pragma once

#include <sel4/sel4.h>
#include <sel4runtime/start.h>

#ifdef __aarch64__
#define ARCH_OBJ_4K seL4_ARM_SmallPageObject
#define ARCH_OBJ_LARGE seL4_ARM_LargePageObject
#define ARCH_OBJ_HUGE seL4_ARM_HugePageObject
#define ARCH_OBJ_PT seL4_ARM_PageTableObject
#define ARCH_OBJ_PD seL4_ARM_PageTableObject
#define ARCH_OBJ_PDPT seL4_ARM_PageTableObject
#define ARCH_OBJ_VSPACE seL4_ARM_VSpaceObject
#define ARCH_PAGE_MAP_NAME "seL4_ARM_Page_Map"
#define ARCH_PAGE_UNMAP_NAME "seL4_ARM_Page_Unmap"
#define ARCH_MAKE_POOL_NAME "seL4_ARM_ASIDControl_MakePool"
#define ARCH_ASSIGN_NAME "seL4_ARM_ASIDPool_Assign"

static inline seL4_Error arch_page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights)
{
    return seL4_ARM_Page_Map(frame, vspace, vaddr, rights, seL4_ARM_Default_VMAttributes);
}

static inline seL4_Error arch_page_unmap(seL4_CPtr frame)
{
    return seL4_ARM_Page_Unmap(frame);
}

/* Maps a paging structure of spec type `type` (CDL_PDPT, CDL_PD or CDL_PT) at vaddr; *what
 * names the invocation. */
static inline seL4_Error arch_table_map(uint32_t type, seL4_CPtr table, seL4_CPtr vspace, seL4_Word vaddr,
                                        const char **what)
{
    (void)type;
    *what = "seL4_ARM_PageTable_Map";
    return seL4_ARM_PageTable_Map(table, vspace, vaddr, seL4_ARM_Default_VMAttributes);
}

static inline seL4_Error arch_make_pool(seL4_CPtr untyped, seL4_CPtr dest)
{
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, seL4_CapInitThreadCNode, dest, seL4_WordBits);
}

static inline seL4_Error arch_assign(seL4_CPtr pool, seL4_CPtr vspace)
{
    return seL4_ARM_ASIDPool_Assign(pool, vspace);
}

/* A component starts at ip with sp, x0..x3 = its arguments, x4 = its IPC buffer and x5 = the
 * component magic: the arguments of the runtime's __sel4runtime_start_c. */
static inline void arch_start_registers(seL4_UserContext *r, seL4_Word ip, seL4_Word sp, const seL4_Word args[4],
                                        seL4_Word ipc_buffer)
{
    r->pc = ip;
    r->sp = sp;
    r->x0 = args[0];
    r->x1 = args[1];
    r->x2 = args[2];
    r->x3 = args[3];
    r->x4 = ipc_buffer;
    r->x5 = SEL4RUNTIME_COMPONENT_MAGIC;
}

/* The generic timer's virtual counter (the kernel lets EL0 read it). */
static inline uint64_t arch_ticks(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
}
#else
#define ARCH_OBJ_4K seL4_X86_4K
#define ARCH_OBJ_LARGE seL4_X86_LargePageObject
#define ARCH_OBJ_HUGE seL4_X64_HugePageObject
#define ARCH_OBJ_PT seL4_X86_PageTableObject
#define ARCH_OBJ_PD seL4_X86_PageDirectoryObject
#define ARCH_OBJ_PDPT seL4_X86_PDPTObject
#define ARCH_OBJ_VSPACE seL4_X64_PML4Object
#define ARCH_PAGE_MAP_NAME "seL4_X86_Page_Map"
#define ARCH_PAGE_UNMAP_NAME "seL4_X86_Page_Unmap"
#define ARCH_MAKE_POOL_NAME "seL4_X86_ASIDControl_MakePool"
#define ARCH_ASSIGN_NAME "seL4_X86_ASIDPool_Assign"

static inline seL4_Error arch_page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights)
{
    return seL4_X86_Page_Map(frame, vspace, vaddr, rights, seL4_X86_Default_VMAttributes);
}

static inline seL4_Error arch_page_unmap(seL4_CPtr frame)
{
    return seL4_X86_Page_Unmap(frame);
}

static inline seL4_Error arch_table_map(uint32_t type, seL4_CPtr table, seL4_CPtr vspace, seL4_Word vaddr,
                                        const char **what)
{
    seL4_X86_VMAttributes a = seL4_X86_Default_VMAttributes;
    switch (type) {
    case CDL_PDPT:
        *what = "seL4_X86_PDPT_Map";
        return seL4_X86_PDPT_Map(table, vspace, vaddr, a);
    case CDL_PD:
        *what = "seL4_X86_PageDirectory_Map";
        return seL4_X86_PageDirectory_Map(table, vspace, vaddr, a);
    default:
        *what = "seL4_X86_PageTable_Map";
        return seL4_X86_PageTable_Map(table, vspace, vaddr, a);
    }
}

static inline seL4_Error arch_make_pool(seL4_CPtr untyped, seL4_CPtr dest)
{
    return seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, seL4_CapInitThreadCNode, dest, seL4_WordBits);
}

static inline seL4_Error arch_assign(seL4_CPtr pool, seL4_CPtr vspace)
{
    return seL4_X86_ASIDPool_Assign(pool, vspace);
}

/* rip, rsp, rdi..rcx = the arguments, r8 = the IPC buffer, r9 = the component magic. */
static inline void arch_start_registers(seL4_UserContext *r, seL4_Word ip, seL4_Word sp, const seL4_Word args[4],
                                        seL4_Word ipc_buffer)
{
    r->rip = ip;
    r->rsp = sp;
    r->rdi = args[0];
    r->rsi = args[1];
    r->rdx = args[2];
    r->rcx = args[3];
    r->r8 = ipc_buffer;
    r->r9 = SEL4RUNTIME_COMPONENT_MAGIC;
}

static inline uint64_t arch_ticks(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}
#endif
