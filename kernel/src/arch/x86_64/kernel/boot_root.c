/*
 * The root task (seL4 kernel/boot.c and arch/x86/kernel/boot.c, root-server part): load the
 * first boot module's ELF into a new VSpace, fill the initial CNode and BootInfo exactly in
 * seL4's layout (sel4-facts 1.5, 9.15) and make the thread runnable.
 *
 * Virtual layout: image pages, then the IPC buffer, the BootInfo frame, the extra BootInfo
 * pages. All root-task objects come from one physical chunk, in this order: CNode (2^17 bytes,
 * the chunk's alignment), PML4, PDPTs, PDs, PTs, the image/IPC/BootInfo/extra frames (so the
 * virtual and physical layouts match page for page), the ASID pool, the TCB.
 */
#include <arch/kernel/boot.h>
#include <arch/kernel/vspace.h>
#include <kernel/arch_thread.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/memlayout.h>
#include <arch/segments.h>
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
#define N_LEVELS 3 /* PDPT, PD, PT */

static const unsigned level_shift[N_LEVELS] = { PML4_SHIFT, PDPT_SHIFT, PD_SHIFT };
static const cap_tag_t level_cap[N_LEVELS] = { cap_pdpt_cap, cap_page_directory_cap, cap_page_table_cap };

extern char __kernel_end[];
static tcb_t idle_tcb ALIGN(2048);

typedef struct root_plan {
    elf_image_t img;
    vptr_t ipc_buf, bi_frame, extra_bi, vend;
    word_t n_tables[N_LEVELS];
    /* physical placement */
    paddr_t base, cnode, pml4, tables[N_LEVELS], frames, asid_pool, tcb, sc, size;
} root_plan_t;

static word_t regions_touched(vptr_t start, vptr_t end, unsigned shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

/* The extra BootInfo chunks, in seL4's order and sizes: the ACPI RSDP (when the firmware has
 * one), the multiboot memory map, the TSC frequency. */
static word_t extra_bi_bytes(const boot_state_t *st)
{
    word_t rsdp = st->have_rsdp ? sizeof(seL4_BootInfoHeader) + ACPI_RSDP_BYTES : 0;
    return rsdp + sizeof(seL4_X86_BootInfo_mmap_t) + sizeof(seL4_X86_BootInfo_TSCFreq_t);
}

static void plan_virtual(const boot_state_t *st, root_plan_t *p)
{
    p->ipc_buf = p->img.end;
    p->bi_frame = p->ipc_buf + PAGE;
    p->extra_bi = p->bi_frame + PAGE;
    p->vend = p->extra_bi + ROUND_UP(extra_bi_bytes(st), 12);
    for (unsigned l = 0; l < N_LEVELS; l++) {
        p->n_tables[l] = regions_touched(p->img.start, p->vend, level_shift[l]);
    }
}

static void plan_physical(root_plan_t *p, region_list_t *free)
{
    word_t cnode_bytes = BIT(CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    word_t off = cnode_bytes;
    p->pml4 = off;
    off += PAGE;
    for (unsigned l = 0; l < N_LEVELS; l++) {
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
    p->pml4 += p->base;
    for (unsigned l = 0; l < N_LEVELS; l++) {
        p->tables[l] += p->base;
    }
    p->frames += p->base;
    p->asid_pool += p->base;
    p->tcb += p->base;
#ifdef CONFIG_KERNEL_MCS
    p->sc += p->base;
#endif
}

static void check_module(const boot_state_t *st, root_plan_t *p)
{
    if (st->module_count == 0) {
        boot_fail("no root task: the boot loader passed no module (QEMU: give the root task ELF with -initrd)");
    }
    const boot_module_t *m = &st->modules[0];
    paddr_t kstart = KERNEL_PHYS_BASE, kend = pptr_to_paddr(__kernel_end);
    if (m->start < kend && kstart < m->end) {
        boot_fail("root task module '%s' at [0x%lx, 0x%lx) overlaps the kernel image at [0x%lx, 0x%lx)",
                  m->name, m->start, m->end, kstart, kend);
    }
    elf_status_t s = elf_check(paddr_to_pptr(m->start), m->end - m->start, seL4_UserTop, &p->img);
    if (s == ELF_WRONG_MACHINE) {
        boot_fail("root task module '%s': %s (e_machine %lu)", m->name, elf_status_message(s), p->img.machine);
    }
    if (s == ELF_SEGMENT_NOT_IN_USER_SPACE || s == ELF_SEGMENT_OUTSIDE_FILE || s == ELF_SEGMENTS_OVERLAP) {
        boot_fail("root task module '%s': %s (program header %u)", m->name, elf_status_message(s),
                  p->img.bad_segment);
    }
    if (s != ELF_OK) {
        boot_fail("root task module '%s': %s", m->name, elf_status_message(s));
    }
}

/* Copies the ELF and builds the page tables and mappings of the root VSpace. */
static void build_vspace(const boot_state_t *st, const root_plan_t *p)
{
    pte_t *pml4 = paddr_to_pptr(p->pml4);
    elf_load(paddr_to_pptr(st->modules[0].start), &p->img, paddr_to_pptr(p->frames));
    vspace_init_user_root(pml4);
    for (unsigned l = 0; l < N_LEVELS; l++) {
        vptr_t first = ROUND_DOWN(p->img.start, level_shift[l]);
        for (word_t i = 0; i < p->n_tables[l]; i++) {
            vspace_link_table(pml4, first + (i << level_shift[l]), level_shift[l], p->tables[l] + i * PAGE);
        }
    }
    for (vptr_t v = p->img.start; v < p->vend; v += PAGE) {
        vspace_map_user_frame(pml4, v, p->frames + (v - p->img.start));
    }
    paddr_t *pool = paddr_to_pptr(p->asid_pool);
    pool[ROOT_ASID] = p->pml4;
    x86KSASIDTable[0] = p->asid_pool;
}

static cap_t frame_cap(const root_plan_t *p, vptr_t v)
{
    return cap_frame_cap_new(p->frames + (v - p->img.start), X86_SmallPage, VMReadWrite, false, ROOT_ASID, v);
}

static void provide_fixed_caps(root_cnode_filler_t *f, const root_plan_t *p)
{
    boot_write_slot(f, seL4_CapInitThreadTCB, cap_thread_cap_new(p->tcb));
    boot_write_slot(f, seL4_CapInitThreadCNode,
                    cap_cnode_cap_new(p->cnode, CONFIG_ROOT_CNODE_SIZE_BITS, wordBits - CONFIG_ROOT_CNODE_SIZE_BITS, 0));
    boot_write_slot(f, seL4_CapInitThreadVSpace, cap_pml4_cap_new(p->pml4, true, ROOT_ASID));
    boot_write_slot(f, seL4_CapIRQControl, cap_irq_control_cap_new());
    boot_write_slot(f, seL4_CapASIDControl, cap_asid_control_cap_new());
    boot_write_slot(f, seL4_CapInitThreadASIDPool, cap_asid_pool_cap_new(p->asid_pool, 0));
    boot_write_slot(f, seL4_CapIOPortControl, cap_io_port_control_cap_new());
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

/* Paging caps (all PDPTs, then PDs, then PTs), extra BootInfo frames, image frames. */
static void provide_vspace_caps(root_cnode_filler_t *f, const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->userImagePaging.start = f->next;
    for (unsigned l = 0; l < N_LEVELS; l++) {
        vptr_t first = ROUND_DOWN(p->img.start, level_shift[l]);
        for (word_t i = 0; i < p->n_tables[l]; i++) {
            boot_provide_cap(f, cap_paging_cap_new(level_cap[l], p->tables[l] + i * PAGE, true, ROOT_ASID,
                                                   first + (i << level_shift[l])));
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

/* Untypeds in seL4's order: device memory, then reclaimed boot memory, then free RAM. */
static void provide_untyped_caps(root_cnode_filler_t *f, boot_state_t *st, seL4_BootInfo *bi)
{
    region_list_t device = { .r = { { 0, BIT(CONFIG_PADDR_USER_BITS) } }, .count = 1 };
    for (unsigned i = 0; i < st->ram.count; i++) {
        region_list_remove(&device, st->ram.r[i].start, st->ram.r[i].end);
    }
    region_list_remove(&device, LAPIC_PADDR, LAPIC_PADDR + PAGE);
    region_list_remove(&device, IOAPIC_PADDR, IOAPIC_PADDR + PAGE);
    bi->untyped.start = bi->untyped.end = f->next;
    for (unsigned i = 0; i < device.count; i++) {
        boot_create_untypeds(f, bi, device.r[i].start, device.r[i].end, true);
    }
    const boot_module_t *m = &st->modules[0];
    boot_create_untypeds(f, bi, ROUND_DOWN(m->start, 12), ROUND_UP(m->end, 12), false);
    for (unsigned i = 0; i < st->free.count; i++) {
        boot_create_untypeds(f, bi, st->free.r[i].start, st->free.r[i].end, false);
    }
}

static void *write_chunk(void *at, seL4_Word id, seL4_Word len)
{
    seL4_BootInfoHeader *h = at;
    h->id = id;
    h->len = len;
    return (uint8_t *)at + len;
}

/* Extra BootInfo (extra_bi_bytes): extraLen is the chunks' exact length, as on seL4 (sel4-facts
 * 9.20); the rest of the last page stays zero. */
static void fill_extra_bootinfo(const boot_state_t *st, const root_plan_t *p, seL4_BootInfo *bi)
{
    uint8_t *start = paddr_to_pptr(p->frames + (p->extra_bi - p->img.start)), *next = start;
    if (st->have_rsdp) {
        kmemcpy(next + sizeof(seL4_BootInfoHeader), st->rsdp, ACPI_RSDP_BYTES);
        next = write_chunk(next, SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP, sizeof(seL4_BootInfoHeader) + ACPI_RSDP_BYTES);
    }
    seL4_X86_BootInfo_mmap_t *mm = (seL4_X86_BootInfo_mmap_t *)next;
    for (unsigned i = 0; i < st->mmap_count; i++) {
        mm->mmap[i] = st->mmap[i];
    }
    mm->mmap_length = st->mmap_count * sizeof(seL4_X86_mb_mmap_t);
    next = write_chunk(mm, SEL4_BOOTINFO_HEADER_X86_MBMMAP, sizeof(*mm));
    seL4_X86_BootInfo_TSCFreq_t *tsc = (seL4_X86_BootInfo_TSCFreq_t *)next;
    tsc->freq_mhz = st->tsc_mhz;
    next = write_chunk(tsc, SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, sizeof(*tsc));
    bi->extraLen = (word_t)(next - start);
}

static void fill_bootinfo_header(const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->nodeID = 0;
    bi->numNodes = 1;
    bi->numIOPTLevels = (seL4_Word)-1; /* no IOMMU (sel4-facts 9.15) */
    bi->ipcBuffer = (seL4_IPCBuffer *)p->ipc_buf;
    bi->initThreadCNodeSizeBits = CONFIG_ROOT_CNODE_SIZE_BITS;
    bi->initThreadDomain = 0;
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
    word_t *r = t->arch.context.regs;
    r[REG_RIP] = r[REG_FAULT_IP] = p->img.entry;
    r[REG_RDI] = p->bi_frame;
    r[REG_RFLAGS] = 0x202;
    r[REG_CS] = USER_CS;
    r[REG_SS] = USER_DS;
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

static void report(const boot_state_t *st, const root_plan_t *p, const seL4_BootInfo *bi)
{
    word_t ram = 0, dev = 0;
    for (word_t i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        *(bi->untypedList[i].isDevice ? &dev : &ram) += BIT(bi->untypedList[i].sizeBits);
    }
    kprintf("Boot: root task '%s': image [0x%lx, 0x%lx) entry 0x%lx, BootInfo at 0x%lx\n", st->modules[0].name,
            p->img.start, p->img.end, p->img.entry, p->bi_frame);
    kprintf("Boot: %lu untypeds (%lu KiB RAM, device memory up to 2^%u), empty slots [%lu, %lu)\n",
            bi->untyped.end - bi->untyped.start, ram >> 10, CONFIG_PADDR_USER_BITS, bi->empty.start, bi->empty.end);
}

void create_root_task(boot_state_t *st)
{
    root_plan_t plan = { 0 };
    check_module(st, &plan);
    plan_virtual(st, &plan);
    plan_physical(&plan, &st->free);
    memzero(paddr_to_pptr(plan.base), plan.size);
    build_vspace(st, &plan);

    seL4_BootInfo *bi = paddr_to_pptr(plan.frames + (plan.bi_frame - plan.img.start));
    root_cnode_filler_t f = { paddr_to_pptr(plan.cnode), BIT(CONFIG_ROOT_CNODE_SIZE_BITS), 0 };
    fill_bootinfo_header(&plan, bi);
    provide_fixed_caps(&f, &plan);
#ifdef CONFIG_KERNEL_MCS
    provide_sched_control_caps(&f, bi);
#endif
    provide_vspace_caps(&f, &plan, bi);
    provide_untyped_caps(&f, st, bi);
    bi->empty = (seL4_SlotRegion){ f.next, f.num_slots };
    fill_extra_bootinfo(st, &plan, bi);

    create_idle_thread();
#ifdef CONFIG_KERNEL_MCS
    sched_mcs_init(st->tsc_mhz, &idle_tcb);
#endif
    create_initial_thread(&plan, f.slots);
    report(st, &plan, bi);
}
