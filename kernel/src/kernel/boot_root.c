/*
 * The root task (seL4 kernel/boot.c, root-server part), the same on every architecture: load
 * the root task's ELF into a new VSpace, fill the initial CNode and BootInfo in seL4's layout
 * (sel4-facts 1.5, 9.15; sel4-aarch64-facts 5) and make the thread runnable. What differs per
 * architecture comes through kernel/boot_root.h.
 *
 * Virtual layout: image pages, then the IPC buffer, the BootInfo frame, the extra BootInfo
 * pages. All root-task objects come from one physical chunk, in this order: CNode (the chunk's
 * alignment), VSpace root, the tables of each level, the image/IPC/BootInfo/extra frames (so
 * the virtual and physical layouts match page for page), the ASID pool, the TCB (and, MCS, its
 * scheduling context).
 */
#include <kernel/boot_root.h>
#include <arch/kernel/vspace.h>
#include <arch/fpu.h>
#include <arch/memlayout.h>
#include <kernel/arch_thread.h>
#include <kernel/elf.h>
#include <kernel/ipc.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <sel4/constants.h>
#include <util.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <kernel/sporadic.h>
#endif

#define PAGE 4096ull
#define ROOT_ASID 1

static const unsigned level_shift[ROOT_TABLE_LEVELS] = { PML4_SHIFT, PDPT_SHIFT, PD_SHIFT };

static tcb_t idle_tcb ALIGN(2048);

typedef struct root_plan {
    root_elf_t elf;
    elf_image_t img;
    vptr_t ipc_buf, bi_frame, extra_bi, vend;
    word_t n_tables[ROOT_TABLE_LEVELS];
    /* physical placement */
    paddr_t base, cnode, vspace, tables[ROOT_TABLE_LEVELS], frames, asid_pool, tcb, sc, size;
} root_plan_t;

static word_t regions_touched(vptr_t start, vptr_t end, unsigned shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

static void plan_virtual(const boot_state_t *st, root_plan_t *p)
{
    p->ipc_buf = p->img.end;
    p->bi_frame = p->ipc_buf + PAGE;
    p->extra_bi = p->bi_frame + PAGE;
    p->vend = p->extra_bi + ROUND_UP(arch_extra_bootinfo_bytes(st), 12);
    for (unsigned l = 0; l < ROOT_TABLE_LEVELS; l++) {
        p->n_tables[l] = regions_touched(p->img.start, p->vend, level_shift[l]);
    }
}

/* Offsets in the chunk first, then the chunk, aligned to the CNode's size. */
static void plan_physical(root_plan_t *p, region_list_t *free)
{
    word_t off = BIT(CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    p->vspace = off;
    off += PAGE;
    for (unsigned l = 0; l < ROOT_TABLE_LEVELS; l++) {
        p->tables[l] = off;
        off += PAGE * p->n_tables[l];
    }
    p->frames = off;
    off += p->vend - p->img.start;
    p->asid_pool = off;
    off += PAGE;
    p->tcb = off;
    off += BIT(seL4_TCBBits);
#ifdef CONFIG_KERNEL_MCS
    p->sc = off; /* the root task's SC: 2^seL4_MinSchedContextBits (sel4-mcs-facts 3.1) */
    off += BIT(seL4_MinSchedContextBits);
#endif
    p->size = off;
    p->base = region_list_alloc(free, p->size, CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    if (p->base == 0) {
        boot_fail("not enough free RAM for the root task's objects (%lu KiB)", p->size >> 10);
    }
    p->cnode = p->base;
    p->vspace += p->base;
    for (unsigned l = 0; l < ROOT_TABLE_LEVELS; l++) {
        p->tables[l] += p->base;
    }
    p->frames += p->base;
    p->asid_pool += p->base;
    p->tcb += p->base;
#ifdef CONFIG_KERNEL_MCS
    p->sc += p->base;
#endif
}

/* The messages name the boot module where the architecture has modules: "root task module
 * 'NAME': ..." (x86_64), else "root task: ...". */
#define ELF_FAIL(e, fmt, ...)                                                                    \
    boot_fail("root task%s%s%s: " fmt, (e)->module ? " module '" : "", (e)->module ? (e)->module : "", \
              (e)->module ? "'" : "", __VA_ARGS__)

static void check_elf(root_plan_t *p)
{
    const root_elf_t *e = &p->elf;
    elf_status_t s = elf_check(e->file, e->size, ROOT_ELF_USER_END, &p->img);
    if (s == ELF_WRONG_MACHINE) {
        ELF_FAIL(e, "%s (e_machine %lu)", elf_status_message(s), p->img.machine);
    }
    if (s == ELF_SEGMENT_NOT_IN_USER_SPACE || s == ELF_SEGMENT_OUTSIDE_FILE || s == ELF_SEGMENTS_OVERLAP) {
        ELF_FAIL(e, "%s (program header %u)", elf_status_message(s), p->img.bad_segment);
    }
    if (s != ELF_OK) {
        ELF_FAIL(e, "%s", elf_status_message(s));
    }
}

/* Copies the ELF and builds the page tables and mappings of the root VSpace. */
static void build_vspace(const root_plan_t *p)
{
    pte_t *root = paddr_to_pptr(p->vspace);
    elf_load(p->elf.file, &p->img, paddr_to_pptr(p->frames));
    arch_root_image_copied(paddr_to_pptr(p->frames), p->img.end - p->img.start);
    vspace_init_user_root(root);
    for (unsigned l = 0; l < ROOT_TABLE_LEVELS; l++) {
        vptr_t first = ROUND_DOWN(p->img.start, level_shift[l]);
        for (word_t i = 0; i < p->n_tables[l]; i++) {
            vspace_link_table(root, first + (i << level_shift[l]), level_shift[l], p->tables[l] + i * PAGE);
        }
    }
    for (vptr_t v = p->img.start; v < p->vend; v += PAGE) {
        vspace_map_user_frame(root, v, p->frames + (v - p->img.start));
    }
    paddr_t *pool = paddr_to_pptr(p->asid_pool);
    pool[ROOT_ASID] = p->vspace;
    arch_set_first_asid_pool(p->asid_pool);
}

static cap_t frame_cap(const root_plan_t *p, vptr_t v)
{
    return cap_frame_cap_new(p->frames + (v - p->img.start), X86_SmallPage, VMReadWrite, false, ROOT_ASID, v);
}

/* Slots an architecture has no cap for (x86: IOSpace; ARM: I/O ports, IOSpace, SMC) stay null. */
static void provide_fixed_caps(root_cnode_filler_t *f, const root_plan_t *p)
{
    boot_write_slot(f, seL4_CapInitThreadTCB, cap_thread_cap_new(p->tcb));
    boot_write_slot(f, seL4_CapInitThreadCNode,
                    cap_cnode_cap_new(p->cnode, CONFIG_ROOT_CNODE_SIZE_BITS, wordBits - CONFIG_ROOT_CNODE_SIZE_BITS, 0));
    boot_write_slot(f, seL4_CapInitThreadVSpace, cap_pml4_cap_new(p->vspace, true, ROOT_ASID));
    boot_write_slot(f, seL4_CapIRQControl, cap_irq_control_cap_new());
    boot_write_slot(f, seL4_CapASIDControl, cap_asid_control_cap_new());
    boot_write_slot(f, seL4_CapInitThreadASIDPool, cap_asid_pool_cap_new(p->asid_pool, 0));
    arch_provide_fixed_caps(f);
    boot_write_slot(f, seL4_CapBootInfoFrame, frame_cap(p, p->bi_frame));
    boot_write_slot(f, seL4_CapInitThreadIPCBuffer, frame_cap(p, p->ipc_buf));
    boot_write_slot(f, seL4_CapDomain, cap_domain_cap_new());
#ifdef CONFIG_KERNEL_MCS
    boot_write_slot(f, seL4_CapInitThreadSC, cap_sched_context_cap_new(p->sc, seL4_MinSchedContextBits));
#endif
    f->next = seL4_NumInitialCaps;
}

#ifdef CONFIG_KERNEL_MCS
/* One SchedControl cap per core, the first caps after the fixed slots (sel4-mcs-facts 3.1). */
static void provide_sched_control_caps(root_cnode_filler_t *f, seL4_BootInfo *bi)
{
    bi->schedcontrol.start = f->next;
    for (word_t core = 0; core < CONFIG_MAX_NUM_NODES; core++) {
        boot_provide_cap(f, cap_sched_control_cap_new(core));
    }
    bi->schedcontrol.end = f->next;
}
#endif

/* Paging caps (the tables of level 0, then 1, then 2), extra BootInfo frames, image frames. */
static void provide_vspace_caps(root_cnode_filler_t *f, const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->userImagePaging.start = f->next;
    for (unsigned l = 0; l < ROOT_TABLE_LEVELS; l++) {
        vptr_t first = ROUND_DOWN(p->img.start, level_shift[l]);
        for (word_t i = 0; i < p->n_tables[l]; i++) {
            boot_provide_cap(f, cap_paging_cap_new(arch_root_table_caps[l], p->tables[l] + i * PAGE, true,
                                                   ROOT_ASID, first + (i << level_shift[l])));
        }
    }
    bi->userImagePaging.end = bi->extraBIPages.start = f->next;
    for (vptr_t v = p->extra_bi; v < p->vend; v += PAGE) {
        boot_provide_cap(f, frame_cap(p, v));
    }
    bi->extraBIPages.end = bi->userImageFrames.start = f->next;
    for (vptr_t v = p->img.start; v < p->img.end; v += PAGE) {
        boot_provide_cap(f, frame_cap(p, v));
    }
    bi->userImageFrames.end = f->next;
}

/* Untypeds in seL4's order: device memory (all but RAM and the kernel's own devices), then
 * the root task ELF's pages, then free RAM. */
static void provide_untyped_caps(root_cnode_filler_t *f, const boot_state_t *st, const root_plan_t *p,
                                 seL4_BootInfo *bi)
{
    region_list_t device = { .r = { { 0, BIT(ROOT_PADDR_USER_BITS) } }, .count = 1 };
    for (unsigned i = 0; i < st->ram.count; i++) {
        region_list_remove(&device, st->ram.r[i].start, st->ram.r[i].end);
    }
    arch_remove_kernel_devices(&device);
    bi->untyped.start = bi->untyped.end = f->next;
    for (unsigned i = 0; i < device.count; i++) {
        boot_create_untypeds(f, bi, device.r[i].start, device.r[i].end, true);
    }
    boot_create_untypeds(f, bi, ROUND_DOWN(p->elf.start, 12), ROUND_UP(p->elf.end, 12), false);
    for (unsigned i = 0; i < st->free.count; i++) {
        boot_create_untypeds(f, bi, st->free.r[i].start, st->free.r[i].end, false);
    }
}

/* extraLen is the chunks' exact length, as on seL4 (sel4-facts 9.20); the rest of the last
 * page stays zero. */
static void fill_bootinfo(const boot_state_t *st, const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->nodeID = 0;
    bi->numNodes = 1;
    bi->numIOPTLevels = ROOT_NUM_IOPT_LEVELS;
    bi->ipcBuffer = (seL4_IPCBuffer *)p->ipc_buf;
    bi->initThreadCNodeSizeBits = CONFIG_ROOT_CNODE_SIZE_BITS;
    bi->initThreadDomain = 0;
    bi->extraLen = arch_extra_bootinfo_bytes(st);
    arch_write_extra_bootinfo(st, paddr_to_pptr(p->frames + (p->extra_bi - p->img.start)));
}

/* Puts a copy of the cap in `src` into `dest` as its CDT child (seL4 cteInsert, boot use). */
static void boot_copy_cap(cte_t *src, cte_t *dest)
{
    cte_t *next = mdb_get_next(src->mdb);
    dest->cap = src->cap;
    dest->mdb = mdb_node_new(src, next, false, false);
    if (next) {
        mdb_set_prev(&next->mdb, dest);
    }
    mdb_set_next(&src->mdb, dest);
}

static void create_initial_thread(const root_plan_t *p, cte_t *root_slots)
{
    tcb_t *t = paddr_to_pptr(p->tcb);
    boot_copy_cap(&root_slots[seL4_CapInitThreadCNode], &t->ctes[tcbCTable]);
    boot_copy_cap(&root_slots[seL4_CapInitThreadVSpace], &t->ctes[tcbVTable]);
    boot_copy_cap(&root_slots[seL4_CapInitThreadIPCBuffer], &t->ctes[tcbBuffer]);
    t->arch.fpu = fpu_initial_state;
    arch_init_root_registers(t, p->img.entry, p->bi_frame);
    t->ipc_buffer = p->ipc_buf;
    t->priority = t->mcp = seL4_MaxPrio;
    t->state = ThreadState_Running;
#ifdef CONFIG_KERNEL_MCS
    /* round robin with the boot time slice, badge 0, core 0 (sel4-mcs-facts 3.2) */
    sched_context_t *sc = paddr_to_pptr(p->sc);
    refill_new(sc, 2, usToTicks(CONFIG_BOOT_THREAD_TIME_SLICE * 1000ull), 0, ksCurTime);
    sc->tcb = t;
    t->sc = sc;
#else
    t->timeslice = CONFIG_TIME_SLICE;
    setupReplyMaster(t);
#endif
    debug_register_tcb(t, "rootserver");
    tcbSchedEnqueue(t);
}

static void create_idle_thread(void)
{
    scheduler_init(&idle_tcb);
    Arch_configureIdleThread(&idle_tcb);
    debug_register_tcb(&idle_tcb, "idle_thread");
}

static void report(const root_plan_t *p, const seL4_BootInfo *bi)
{
    word_t ram = 0;
    for (word_t i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        ram += bi->untypedList[i].isDevice ? 0 : BIT(bi->untypedList[i].sizeBits);
    }
    if (p->elf.module) {
        kprintf("Boot: root task '%s': ", p->elf.module);
    } else {
        kprintf("Boot: root task: ");
    }
    kprintf("image [0x%lx, 0x%lx) entry 0x%lx, BootInfo at 0x%lx\n", p->img.start, p->img.end, p->img.entry,
            p->bi_frame);
    kprintf("Boot: %lu untypeds (%lu KiB RAM, device memory up to 2^%u), empty slots [%lu, %lu)\n",
            bi->untyped.end - bi->untyped.start, ram >> 10, ROOT_PADDR_USER_BITS, bi->empty.start, bi->empty.end);
}

void create_root_task(boot_state_t *st)
{
    root_plan_t plan = { .elf = arch_root_elf(st) };
    check_elf(&plan);
    plan_virtual(st, &plan);
    plan_physical(&plan, &st->free);
    memzero(paddr_to_pptr(plan.base), plan.size);
    build_vspace(&plan);

    seL4_BootInfo *bi = paddr_to_pptr(plan.frames + (plan.bi_frame - plan.img.start));
    root_cnode_filler_t f = { paddr_to_pptr(plan.cnode), BIT(CONFIG_ROOT_CNODE_SIZE_BITS), 0 };
    provide_fixed_caps(&f, &plan);
#ifdef CONFIG_KERNEL_MCS
    provide_sched_control_caps(&f, bi);
#endif
    provide_vspace_caps(&f, &plan, bi);
    provide_untyped_caps(&f, st, &plan, bi);
    bi->empty = (seL4_SlotRegion){ f.next, f.num_slots };
    fill_bootinfo(st, &plan, bi);

    create_idle_thread();
#ifdef CONFIG_KERNEL_MCS
    sched_mcs_init(st->tsc_mhz, &idle_tcb);
#endif
    create_initial_thread(&plan, f.slots);
    report(&plan, bi);
}
