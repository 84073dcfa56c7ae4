/*
 * The root task on AArch64 (seL4 kernel/boot.c and arch/arm/kernel/boot.c, root-server part):
 * load the ELF QEMU's loader device put at ROOTTASK_PADDR into a new VSpace, fill the initial
 * CNode and BootInfo in seL4's aarch64 layout (facts 5) and make the thread runnable.
 *
 * The plan is x86_64's (arch/x86_64/kernel/boot_root.c): image pages, then the IPC buffer, the
 * BootInfo frame, the extra BootInfo pages (here: the device tree); all root-task objects from
 * one physical chunk (CNode, VSpace, level-1, -2, -3 tables, frames, ASID pool, TCB). What
 * differs is the paging caps, the fixed caps ARM has, the device tree chunk, the reserved GIC
 * pages and the initial registers. (Moving the shared part into the core is follow-up work;
 * docs/aarch64.md.)
 */
#include <arch/kernel/boot.h>
#include <arch/kernel/fdt.h>
#include <arch/kernel/vspace.h>
#include <kernel/arch_thread.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/memlayout.h>
#include <kernel/elf.h>
#include <kernel/ipc.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <plat/machine.h>
#include <sel4/constants.h>
#include <util.h>

#define PAGE 4096ull
#define ROOT_ASID 1
#define N_LEVELS 3 /* level-1, level-2, level-3 tables */
#define PSTATE_USER 0x40ull /* EL0t, FIQ masked (debug build; facts 3.3) */
/* Physical addresses covered by untypeds on cortex-a57 (KernelPaddrUserTop 2^44). */
#define PADDR_USER_TOP_BITS 44
#define MAX_ELF_FILE (64ull << 20)

static const unsigned level_shift[N_LEVELS] = { PML4_SHIFT, PDPT_SHIFT, PD_SHIFT };

extern char __kernel_end[];
static tcb_t idle_tcb ALIGN(2048);

typedef struct root_plan {
    elf_image_t img;
    vptr_t ipc_buf, bi_frame, extra_bi, vend;
    word_t n_tables[N_LEVELS];
    paddr_t base, cnode, vspace, tables[N_LEVELS], frames, asid_pool, tcb, size;
} root_plan_t;

word_t elf_file_size(const void *p)
{
    const elf64_header_t *h = p;
    if (h->e_ident[0] != 0x7f || h->e_ident[1] != 'E' || h->e_ident[2] != 'L' || h->e_ident[3] != 'F' ||
        h->e_phentsize != sizeof(elf64_phdr_t)) {
        return 0;
    }
    word_t end = MAX(h->e_phoff + (word_t)h->e_phnum * h->e_phentsize,
                     h->e_shoff + (word_t)h->e_shnum * h->e_shentsize);
    const elf64_phdr_t *ph = (const elf64_phdr_t *)((const uint8_t *)p + h->e_phoff);
    for (unsigned i = 0; i < h->e_phnum && h->e_phoff < MAX_ELF_FILE; i++) {
        end = MAX(end, ph[i].p_offset + ph[i].p_filesz);
    }
    return end <= MAX_ELF_FILE ? end : 0;
}

static word_t regions_touched(vptr_t start, vptr_t end, unsigned shift)
{
    return ((end - 1) >> shift) - (start >> shift) + 1;
}

/* The one extra BootInfo chunk on ARM: the device tree (facts 5), without padding. */
static word_t extra_bi_bytes(const boot_state_t *st)
{
    return st->dtb_size ? sizeof(seL4_BootInfoHeader) + st->dtb_size : 0;
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
    word_t off = BIT(CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    p->vspace = off;
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
    p->size = off + BIT(seL4_TCBBits);
    p->base = region_list_alloc(free, p->size, CONFIG_ROOT_CNODE_SIZE_BITS + seL4_SlotBits);
    if (p->base == 0) {
        boot_fail("not enough free RAM for the root task's objects (%lu KiB)", p->size >> 10);
    }
    p->cnode = p->base;
    p->vspace += p->base;
    for (unsigned l = 0; l < N_LEVELS; l++) {
        p->tables[l] += p->base;
    }
    p->frames += p->base;
    p->asid_pool += p->base;
    p->tcb += p->base;
}

static void check_image(const boot_state_t *st, root_plan_t *p)
{
    elf_status_t s = elf_check(paddr_to_pptr(st->root_start), st->root_end - st->root_start, seL4_UserTop + 1,
                               &p->img);
    if (s == ELF_WRONG_MACHINE) {
        boot_fail("root task: %s (e_machine %lu)", elf_status_message(s), p->img.machine);
    }
    if (s == ELF_SEGMENT_NOT_IN_USER_SPACE || s == ELF_SEGMENT_OUTSIDE_FILE || s == ELF_SEGMENTS_OVERLAP) {
        boot_fail("root task: %s (program header %u)", elf_status_message(s), p->img.bad_segment);
    }
    if (s != ELF_OK) {
        boot_fail("root task: %s", elf_status_message(s));
    }
}

/* Cleans [start, start + size) to the point of unification and drops the instruction cache,
 * so the freshly copied code is what the root task fetches (facts 5, last item). */
static void sync_icache(const void *start, word_t size)
{
    for (word_t a = ROUND_DOWN((word_t)start, 6); a < (word_t)start + size; a += 64) {
        __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
    }
    __asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}

static void build_vspace(const boot_state_t *st, const root_plan_t *p)
{
    pte_t *root = paddr_to_pptr(p->vspace);
    elf_load(paddr_to_pptr(st->root_start), &p->img, paddr_to_pptr(p->frames));
    sync_icache(paddr_to_pptr(p->frames), p->img.end - p->img.start);
    vspace_init_user_root(root);
    for (unsigned l = 0; l < N_LEVELS; l++) {
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
    armKSASIDTable[0] = p->asid_pool;
}

static cap_t frame_cap(const root_plan_t *p, vptr_t v)
{
    return cap_frame_cap_new(p->frames + (v - p->img.start), X86_SmallPage, VMReadWrite, false, ROOT_ASID, v);
}

/* ARM has no I/O ports or IOMMU: slots 7, 8, 12, 13 stay null, as 14 (MCS) and 15 (SMC). */
static void provide_fixed_caps(root_cnode_filler_t *f, const root_plan_t *p)
{
    boot_write_slot(f, seL4_CapInitThreadTCB, cap_thread_cap_new(p->tcb));
    boot_write_slot(f, seL4_CapInitThreadCNode,
                    cap_cnode_cap_new(p->cnode, CONFIG_ROOT_CNODE_SIZE_BITS, wordBits - CONFIG_ROOT_CNODE_SIZE_BITS, 0));
    boot_write_slot(f, seL4_CapInitThreadVSpace, cap_pml4_cap_new(p->vspace, true, ROOT_ASID));
    boot_write_slot(f, seL4_CapIRQControl, cap_irq_control_cap_new());
    boot_write_slot(f, seL4_CapASIDControl, cap_asid_control_cap_new());
    boot_write_slot(f, seL4_CapInitThreadASIDPool, cap_asid_pool_cap_new(p->asid_pool, 0));
    boot_write_slot(f, seL4_CapBootInfoFrame, frame_cap(p, p->bi_frame));
    boot_write_slot(f, seL4_CapInitThreadIPCBuffer, frame_cap(p, p->ipc_buf));
    boot_write_slot(f, seL4_CapDomain, cap_domain_cap_new());
    f->next = seL4_NumInitialCaps;
}

/* Page table caps (level 1, then 2, then 3), extra BootInfo frames, image frames. */
static void provide_vspace_caps(root_cnode_filler_t *f, const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->userImagePaging.start = f->next;
    for (unsigned l = 0; l < N_LEVELS; l++) {
        vptr_t first = ROUND_DOWN(p->img.start, level_shift[l]);
        for (word_t i = 0; i < p->n_tables[l]; i++) {
            boot_provide_cap(f, cap_paging_cap_new(cap_page_table_cap, p->tables[l] + i * PAGE, true, ROOT_ASID,
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

/* Untypeds in seL4's order: device memory (everything but RAM and the GIC pages the kernel
 * keeps; the UART stays user-available), then the root task ELF's pages, then free RAM. */
static void provide_untyped_caps(root_cnode_filler_t *f, boot_state_t *st, seL4_BootInfo *bi)
{
    region_list_t device = { .r = { { 0, BIT(PADDR_USER_TOP_BITS) } }, .count = 1 };
    for (unsigned i = 0; i < st->ram.count; i++) {
        region_list_remove(&device, st->ram.r[i].start, st->ram.r[i].end);
    }
    region_list_remove(&device, GICD_PADDR, GICD_PADDR + PAGE);
    region_list_remove(&device, GICC_PADDR, GICC_PADDR + PAGE);
    bi->untyped.start = bi->untyped.end = f->next;
    for (unsigned i = 0; i < device.count; i++) {
        boot_create_untypeds(f, bi, device.r[i].start, device.r[i].end, true);
    }
    boot_create_untypeds(f, bi, ROUND_DOWN(st->root_start, 12), ROUND_UP(st->root_end, 12), false);
    for (unsigned i = 0; i < st->free.count; i++) {
        boot_create_untypeds(f, bi, st->free.r[i].start, st->free.r[i].end, false);
    }
}

static void fill_extra_bootinfo(const boot_state_t *st, const root_plan_t *p, seL4_BootInfo *bi)
{
    if (st->dtb_size == 0) {
        return;
    }
    seL4_BootInfoHeader *h = paddr_to_pptr(p->frames + (p->extra_bi - p->img.start));
    h->id = SEL4_BOOTINFO_HEADER_FDT;
    h->len = sizeof(*h) + st->dtb_size;
    kmemcpy(h + 1, paddr_to_pptr(st->dtb), st->dtb_size);
    fdt_set_size(h + 1, st->dtb_size);
    bi->extraLen = h->len;
}

static void fill_bootinfo_header(const root_plan_t *p, seL4_BootInfo *bi)
{
    bi->nodeID = 0;
    bi->numNodes = 1;
    bi->numIOPTLevels = 0; /* no SMMU (facts 5; x86 writes -1) */
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
    r[REG_ELR] = r[REG_FAULT_IP] = p->img.entry;
    r[REG_X0] = p->bi_frame;
    r[REG_SPSR] = PSTATE_USER; /* sp = 0 and TPIDR_EL0 = 0: the runtime sets its own (facts 3.4) */
    t->ipc_buffer = p->ipc_buf;
    t->priority = t->mcp = seL4_MaxPrio;
    t->timeslice = CONFIG_TIME_SLICE;
    t->state = ThreadState_Running;
    setupReplyMaster(t);
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
    word_t ram = 0, dev = 0;
    for (word_t i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        *(bi->untypedList[i].isDevice ? &dev : &ram) += BIT(bi->untypedList[i].sizeBits);
    }
    kprintf("Boot: root task: image [0x%lx, 0x%lx) entry 0x%lx, BootInfo at 0x%lx\n", p->img.start, p->img.end,
            p->img.entry, p->bi_frame);
    kprintf("Boot: %lu untypeds (%lu KiB RAM, device memory up to 2^%u), empty slots [%lu, %lu)\n",
            bi->untyped.end - bi->untyped.start, ram >> 10, PADDR_USER_TOP_BITS, bi->empty.start, bi->empty.end);
}

void create_root_task(boot_state_t *st)
{
    root_plan_t plan = { 0 };
    check_image(st, &plan);
    plan_virtual(st, &plan);
    plan_physical(&plan, &st->free);
    memzero(paddr_to_pptr(plan.base), plan.size);
    build_vspace(st, &plan);

    seL4_BootInfo *bi = paddr_to_pptr(plan.frames + (plan.bi_frame - plan.img.start));
    root_cnode_filler_t f = { paddr_to_pptr(plan.cnode), BIT(CONFIG_ROOT_CNODE_SIZE_BITS), 0 };
    fill_bootinfo_header(&plan, bi);
    provide_fixed_caps(&f, &plan);
    provide_vspace_caps(&f, &plan, bi);
    provide_untyped_caps(&f, st, bi);
    bi->empty = (seL4_SlotRegion){ f.next, f.num_slots };
    fill_extra_bootinfo(st, &plan, bi);

    create_idle_thread();
    create_initial_thread(&plan, f.slots);
    report(&plan, bi);
}
