/*
 * Object creation: every object that takes memory is retyped at the address the shared
 * allocation routine (capdl/alloc.h) chooses, the same routine the tool ran at build time, so a
 * system that fits at build time fits at boot. An object at a fixed physical address is reached
 * by retyping filler untypeds up to it (O(log distance) retypes, deleted afterwards). ASID pools
 * come from a 4 KiB untyped through ASIDControl_MakePool; I/O port ranges from IOPortControl.
 * Objects the routine puts back to back are retyped together (retype_run_t).
 */
#include "loader.h"
#include <capdl/alloc.h>
#include <stdio.h>

static cdl_untyped_t uts[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static uint64_t watermark[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static uint32_t order[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static uint64_t next_addr[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS]; /* where the next retype lands */
static cdl_alloc_state_t alloc;

static seL4_Word sel4_type(const cdl_object_t *o)
{
    switch (o->type) {
    case CDL_UNTYPED: return seL4_UntypedObject;
    case CDL_TCB: return seL4_TCBObject;
    case CDL_ENDPOINT: return seL4_EndpointObject;
    case CDL_NOTIFICATION: return seL4_NotificationObject;
    case CDL_CNODE: return seL4_CapTableObject;
    case CDL_FRAME: return o->size_bits == seL4_PageBits        ? ARCH_OBJ_4K
                           : o->size_bits == seL4_LargePageBits ? ARCH_OBJ_LARGE
                                                                : ARCH_OBJ_HUGE;
    case CDL_PT: return ARCH_OBJ_PT;
    case CDL_PD: return ARCH_OBJ_PD;
    case CDL_PDPT: return ARCH_OBJ_PDPT;
    case CDL_PML4: return ARCH_OBJ_VSPACE;
#ifdef CONFIG_KERNEL_MCS
    case CDL_SC: return seL4_SchedContextObject;
    case CDL_RTREPLY: return seL4_ReplyObject;
#endif
    default: return seL4_UntypedObject; /* ASID pools: a 4 KiB untyped first */
    }
}

static seL4_Word sel4_size(const cdl_object_t *o)
{
    return o->type == CDL_UNTYPED || o->type == CDL_CNODE || o->type == CDL_SC ? o->size_bits
           : o->type == CDL_ASID_POOL                                         ? seL4_ASIDPoolBits
                                                                              : 0;
}

/* Retypes untyped fillers until the untyped's next object lands at addr; returns how many
 * filler slots starting at first were used. */
static uint32_t advance_to(uint32_t ut, uint64_t addr, uint32_t obj, seL4_CPtr *fillers)
{
    uint32_t n = 0;
    while (next_addr[ut] < addr) {
        uint64_t at = next_addr[ut], gap = addr - at;
        unsigned bits = 63 - (unsigned)__builtin_clzll(gap);
        if (at) {
            unsigned align = (unsigned)__builtin_ctzll(at);
            bits = bits < align ? bits : align;
        }
        fillers[n] = loader_alloc_slot();
        loader_check(seL4_Untyped_Retype(loader.bi->untyped.start + ut, seL4_UntypedObject, bits, seL4_CapInitThreadCNode,
                                         0, 0, fillers[n], 1), obj, "seL4_Untyped_Retype (filler to a physical address)");
        next_addr[ut] = at + (1ull << bits);
        n++;
    }
    return n;
}

static void delete_fillers(const seL4_CPtr *fillers, uint32_t n, uint32_t obj)
{
    for (uint32_t i = 0; i < n; i++) {
        loader_check(seL4_CNode_Delete(seL4_CapInitThreadCNode, fillers[i], seL4_WordBits), obj, "seL4_CNode_Delete (filler)");
    }
}

/*
 * Objects retyped by one invocation: seL4_Untyped_Retype makes up to CONFIG_RETYPE_FAN_OUT_LIMIT
 * objects of one type and size, back to back, into consecutive slots. Consecutive spec objects
 * of one kernel type and size that the allocation routine put back to back in one untyped are
 * such a run (object i's slot is first_obj_slot + i), so the loader collects them and retypes
 * them together: one invocation for the run instead of one for each object.
 */
typedef struct retype_run {
    uint32_t first, count, ut;
    seL4_Word type, size;
    uint64_t end;          /* where the object after the run's last would land */
    seL4_CPtr fillers[64]; /* what advance_to retyped before the run's first object */
    uint32_t n_fillers;
} retype_run_t;

static retype_run_t run;

static bool extends_run(uint32_t obj, uint32_t ut, uint64_t addr, const cdl_object_t *o)
{
    return run.count > 0 && run.count < CONFIG_RETYPE_FAN_OUT_LIMIT && obj == run.first + run.count && ut == run.ut &&
           addr == run.end && sel4_type(o) == run.type && sel4_size(o) == run.size;
}

static void flush_run(void)
{
    if (run.count == 0) {
        return;
    }
    loader_check(seL4_Untyped_Retype(loader.bi->untyped.start + run.ut, run.type, run.size, seL4_CapInitThreadCNode, 0, 0,
                                     obj_slot(run.first), run.count),
                 run.first, run.count == 1 ? "seL4_Untyped_Retype" : "seL4_Untyped_Retype (this object and the ones after it)");
    next_addr[run.ut] = run.end;
    delete_fillers(run.fillers, run.n_fillers, run.first);
    run.count = 0;
}

static void start_run(uint32_t obj, uint32_t ut, uint64_t addr, const cdl_object_t *o)
{
    run.first = obj;
    run.ut = ut;
    run.type = sel4_type(o);
    run.size = sel4_size(o);
    run.n_fillers = advance_to(ut, addr, obj, run.fillers);
}

/* An ASID pool comes from a 4 KiB untyped retyped on its own, then ASIDControl_MakePool. */
static void create_asid_pool(uint32_t obj, uint32_t ut, uint64_t addr)
{
    seL4_CPtr fillers[64];
    uint32_t nf = advance_to(ut, addr, obj, fillers);
    seL4_CPtr untyped = loader_alloc_slot();
    loader_check(seL4_Untyped_Retype(loader.bi->untyped.start + ut, seL4_UntypedObject, seL4_ASIDPoolBits,
                                     seL4_CapInitThreadCNode, 0, 0, untyped, 1), obj, "seL4_Untyped_Retype");
    loader_check(arch_make_pool(untyped, obj_slot(obj)), obj, ARCH_MAKE_POOL_NAME);
    next_addr[ut] = addr + (1ull << seL4_ASIDPoolBits);
    delete_fillers(fillers, nf, obj);
}

static void create_one(uint32_t obj, uint32_t ut, uint64_t addr, void *ctx)
{
    (void)ctx;
    const cdl_object_t *o = &loader.spec.objects[obj];
    uint64_t size = 1ull << cdl_obj_mem_bits(o->type, o->size_bits);
    loader.untyped_bytes += size;
    if (o->type == CDL_ASID_POOL) {
        flush_run();
        create_asid_pool(obj, ut, addr);
        return;
    }
    if (!extends_run(obj, ut, addr, o)) {
        flush_run();
        start_run(obj, ut, addr, o);
    }
    run.count++;
    run.end = addr + size;
}

void loader_init_untypeds(void)
{
    uint32_t n = (uint32_t)(loader.bi->untyped.end - loader.bi->untyped.start);
    for (uint32_t i = 0; i < n; i++) {
        const seL4_UntypedDesc *d = &loader.bi->untypedList[i];
        uts[i] = (cdl_untyped_t){ .paddr = d->paddr, .size_bits = d->sizeBits, .is_device = d->isDevice };
        next_addr[i] = d->paddr;
    }
    cdl_alloc_init(&alloc, uts, n, watermark, order);
}

static void create_memoryless(uint32_t i)
{
    const cdl_object_t *o = &loader.spec.objects[i];
#ifdef CONFIG_ARCH_X86
    if (o->type == CDL_IO_PORTS) {
        loader_check(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, CDL_IO_PORTS_FIRST(o), CDL_IO_PORTS_LAST(o), seL4_CapInitThreadCNode,
                                                  obj_slot(i), seL4_WordBits), i, "seL4_X86_IOPortControl_Issue");
    }
#else
    if (o->type == CDL_IO_PORTS) {
        loader_fail_msg("I/O ports exist on x86 only", cdl_spec_string(&loader.spec, o->name));
    }
#endif
}

void loader_create_objects(void)
{
    const seL4_BootInfo *bi = loader.bi;
    if (loader.slot_limit - bi->empty.start < (seL4_Word)loader.spec.n_objects + 2) {
        loader_fail_msg("the system has more objects than the loader's CSpace has slots", NULL);
    }
    loader.first_obj_slot = bi->empty.start;
    loader.next_free_slot = bi->empty.start + loader.spec.n_objects;
    cdl_result_t r = cdl_alloc_spec(&loader.spec, &alloc, create_one, NULL);
    flush_run();
    if (r.status != CDL_OK) {
        printf("capdl-loader: the untypeds the kernel handed out cannot hold the system: %s\n",
               cdl_status_text(r.status));
        loader_fail(r.index, "placing the object in untyped memory", seL4_NotEnoughMemory);
    }
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        create_memoryless(i);
    }
}

/* An object of 2^bits bytes for the loader itself, placed by the allocation routine after
 * everything placed so far (before the spec's objects: only for the CSpace, see
 * cspace_grow.c, which the tool's check leaves room for). */
seL4_CPtr loader_retype_own_sized(seL4_Word type, seL4_Word size_bits, unsigned mem_bits, seL4_CPtr slot)
{
    uint32_t ut;
    uint64_t addr;
    if (cdl_alloc_place(&alloc, mem_bits, false, 0, &ut, &addr) != CDL_OK) {
        loader_fail_msg("no memory left for the loader's own objects", NULL);
    }
    seL4_CPtr fillers[64];
    uint32_t nf = advance_to(ut, addr, CDL_NONE, fillers);
    loader_check(seL4_Untyped_Retype(loader.bi->untyped.start + ut, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1),
                 CDL_NONE, "seL4_Untyped_Retype (loader's own object)");
    next_addr[ut] = addr + (1ull << mem_bits);
    delete_fillers(fillers, nf, CDL_NONE);
    return slot;
}

/* One more 4 KiB object for the loader itself, placed after the spec's objects. */
seL4_CPtr loader_retype_own(seL4_Word type)
{
    uint32_t ut;
    uint64_t addr;
    if (cdl_alloc_place(&alloc, seL4_PageBits, false, 0, &ut, &addr) != CDL_OK) {
        loader_fail_msg("no memory left for the loader's own mapping tables", NULL);
    }
    seL4_CPtr fillers[64], slot = loader_alloc_slot();
    uint32_t nf = advance_to(ut, addr, CDL_NONE, fillers);
    loader_check(seL4_Untyped_Retype(loader.bi->untyped.start + ut, type, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1), CDL_NONE,
                 "seL4_Untyped_Retype (loader scratch table)");
    next_addr[ut] = addr + 4096;
    delete_fillers(fillers, nf, CDL_NONE);
    return slot;
}
