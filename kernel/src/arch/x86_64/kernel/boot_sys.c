/*
 * x86_64 boot (seL4 arch/x86/kernel/boot_sys.c): from the Multiboot hand-over to the first
 * user thread. Reads what the loader passed (memory map, modules) into kernel memory, sets up
 * the CPU and the kernel page tables, measures the TSC, builds the root task and starts it.
 */
#include <kernel/boot_root.h>
#include <arch/kernel/vspace.h>
#include <arch/apic.h>
#ifdef CONFIG_KERNEL_MCS
#include <arch/timer_mcs.h>
#endif
#include <arch/cpu.h>
#include <arch/ioapic.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <plat/acpi.h>
#include <plat/machine.h>
#include <util.h>

void boot_sys(word_t magic, word_t mbi_paddr) NORETURN;

extern char __kernel_end[];
static boot_state_t boot_state;

static void copy_string(char *dst, word_t size, paddr_t src)
{
    const char *s = src ? paddr_to_pptr(src) : "";
    word_t n = kstrnlen(s, size - 1);
    kmemcpy(dst, s, n);
    dst[n] = '\0';
}

static void read_modules(const multiboot_info_t *mbi, boot_state_t *st)
{
    if (!(mbi->flags & MULTIBOOT_INFO_MODS)) {
        return;
    }
    const multiboot_module_t *m = paddr_to_pptr(mbi->mods_addr);
    st->module_count = MIN(mbi->mods_count, CONFIG_MAX_BOOT_MODULES);
    for (unsigned i = 0; i < st->module_count; i++) {
        st->modules[i].start = m[i].mod_start;
        st->modules[i].end = m[i].mod_end;
        copy_string(st->modules[i].name, sizeof(st->modules[i].name), m[i].string);
    }
}

static void read_memory_map(const multiboot_info_t *mbi, boot_state_t *st)
{
    if (!(mbi->flags & MULTIBOOT_INFO_MMAP)) {
        if (!(mbi->flags & MULTIBOOT_INFO_MEMORY)) {
            boot_fail("the boot loader gave no memory map and no memory size");
        }
        st->mmap[0] = (seL4_X86_mb_mmap_t){ 20, CONFIG_LOW_MEMORY_TOP, (word_t)mbi->mem_upper * 1024,
                                            SEL4_MULTIBOOT_RAM_REGION_TYPE };
        st->mmap_count = 1;
        return;
    }
    /* Entries are variable-sized: each `size` excludes the size field itself. */
    for (word_t off = 0; off < mbi->mmap_length && st->mmap_count < SEL4_MULTIBOOT_MAX_MMAP_ENTRIES;) {
        const seL4_X86_mb_mmap_t *e = paddr_to_pptr(mbi->mmap_addr + off);
        st->mmap[st->mmap_count++] = *e;
        off += e->size + sizeof(e->size);
    }
}

/* Usable RAM: available entries above low memory and inside the physical window. */
static void build_ram_list(boot_state_t *st)
{
    for (unsigned i = 0; i < st->mmap_count; i++) {
        const seL4_X86_mb_mmap_t *e = &st->mmap[i];
        if (e->type == SEL4_MULTIBOOT_RAM_REGION_TYPE &&
            !region_list_add(&st->ram, ROUND_UP(e->base_addr, 12), ROUND_DOWN(e->base_addr + e->length, 12))) {
            boot_fail("too many RAM regions (more than %u)", CONFIG_MAX_BOOT_REGIONS);
        }
    }
    region_list_clip(&st->ram, CONFIG_LOW_MEMORY_TOP, PHYS_WINDOW_SIZE);
    if (st->ram.count == 0) {
        boot_fail("no usable RAM above 1 MiB");
    }
}

static void build_free_list(boot_state_t *st)
{
    st->free = st->ram;
    boot_reserve(&st->free, KERNEL_PHYS_BASE, pptr_to_paddr(__kernel_end), "the kernel image");
    for (unsigned i = 0; i < st->module_count; i++) {
        boot_reserve(&st->free, st->modules[i].start, st->modules[i].end, "a boot module");
    }
}

static void init_kernel_window(boot_state_t *st)
{
    paddr_t ram_top = st->ram.r[st->ram.count - 1].end;
    if (!vspace_init_kernel(&st->free, MAX(ram_top, 1ull << 32))) {
        boot_fail("cannot build the kernel page tables");
    }
}

void boot_sys(word_t magic, word_t mbi_paddr)
{
    uint64_t boot_start = rdtsc();
    boot_state_t *st = &boot_state;
    serial_init();
    pic_mask_all();
    pit_stop_channel0();
    kprintf("\nBoot: seL4-compatible kernel (x86_64, seL4 16.0.0 API, debug build)\n");
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
        boot_fail("not started by a Multiboot 1 boot loader (magic 0x%lx)", magic);
    }
    cpu_init();
    const multiboot_info_t *mbi = paddr_to_pptr(mbi_paddr);
    read_memory_map(mbi, st);
    read_modules(mbi, st);
    build_ram_list(st);
    build_free_list(st);
    init_kernel_window(st);
    uint64_t tsc_advance, apic_advance;
    lapic_start_free_count();
    pit_measure_window(rdtsc, lapic_elapsed, &tsc_advance, &apic_advance);
    st->tsc_mhz = pit_window_rate(tsc_advance, 1000000);
    uint32_t apic_ticks = pit_window_rate(apic_advance, 1000);
    st->have_rsdp = acpi_find_rsdp(st->rsdp);
    kprintf("Boot: %lu MiB of RAM in %u regions, TSC %u MHz\n", region_list_bytes(&st->ram) >> 20,
            st->ram.count, st->tsc_mhz);
#ifdef CONFIG_KERNEL_MCS
    (void)apic_ticks;
    mcs_timer_init(tsc_advance, apic_advance); /* tickless: one deadline at a time */
#else
    lapic_init_timer(apic_ticks);
#endif
    ioapic_init();
    create_root_task(st);
    kprintf("Boot: kernel boot took %lu TSC ticks; starting the root task\n", rdtsc() - boot_start);
    schedule();
    activateThread();
    restore_user_context();
}
