/*
 * AArch64 boot (seL4 arch/arm/kernel/boot.c): from head.S, running at the kernel's virtual
 * address with only the kernel's GiB mapped, to the first user thread. Reads the device tree
 * QEMU placed at the start of RAM, maps the rest of RAM and the kernel's devices, starts the
 * GIC and the timer, builds the root task and starts it.
 */
#include <kernel/boot_root.h>
#include <arch/kernel/fdt.h>
#include <arch/kernel/vspace.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/gic.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <arch/timer.h>
#include <kernel/elf.h>
#include <kernel/interrupt.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <plat/machine.h>
#include <util.h>

void init_kernel(void) NORETURN;

extern char __kernel_end[];
static boot_state_t boot_state;

/* RAM from the device tree, or QEMU virt's default bank when there is no tree. */
static void read_device_tree(boot_state_t *st)
{
    const void *fdt = paddr_to_pptr(DTB_PADDR);
    st->dtb_size = fdt_size(fdt);
    if (st->dtb_size == 0) {
        boot_fail("no device tree at 0x%llx (is the kernel loaded 2 MiB above RAM?)", DTB_PADDR);
    }
    st->dtb = DTB_PADDR;
    if (!fdt_add_memory(fdt, &st->ram)) {
        boot_fail("too many RAM banks (more than %u)", CONFIG_MAX_BOOT_REGIONS);
    }
    region_list_clip(&st->ram, 0, PHYS_WINDOW_SIZE);
    if (st->ram.count == 0) {
        boot_fail("the device tree names no RAM");
    }
}

static void find_root_task(boot_state_t *st)
{
    const void *elf = paddr_to_pptr(ROOTTASK_PADDR);
    word_t size = elf_file_size(elf);
    if (size == 0) {
        boot_fail("no root task ELF at 0x%llx (QEMU: -device loader,file=ROOT.elf,addr=0x%llx,force-raw=on)",
                  ROOTTASK_PADDR, ROOTTASK_PADDR);
    }
    st->root_start = ROOTTASK_PADDR;
    st->root_end = ROOTTASK_PADDR + size;
}

static void build_free_list(boot_state_t *st)
{
    st->free = st->ram;
    boot_reserve(&st->free, st->dtb, st->dtb + st->dtb_size, "the device tree");
    boot_reserve(&st->free, KERNEL_PHYS_BASE, pptr_to_paddr(__kernel_end), "the kernel image");
    boot_reserve(&st->free, st->root_start, st->root_end, "the root task ELF");
}

static void init_cpu(void)
{
    arch_fpu_enable();
    MSR("tpidr_el0", 0);
    MSR("tpidrro_el0", 0);
}

void init_kernel(void)
{
    /* .bss is not cleared here: it holds the stack this runs on, and QEMU's ELF loader
     * zero-fills every segment beyond its file size (as a boot loader must). */
    boot_state_t *st = &boot_state;
    read_device_tree(st);
    vspace_init_kernel(st->ram.r[0].start, st->ram.r[st->ram.count - 1].end);
    uint64_t boot_start = timer_read_counter();
    kprintf("\nBoot: seL4-compatible kernel (aarch64, seL4 16.0.0 API, debug build)\n");
    init_cpu();
    find_root_task(st);
    build_free_list(st);
    kprintf("Boot: %lu MiB of RAM in %u regions, device tree %lu bytes\n", region_list_bytes(&st->ram) >> 20,
            st->ram.count, st->dtb_size);
    gic_init();
    timer_init();
    gic_mask(KERNEL_TIMER_IRQ, false);
    create_root_task(st);
    kprintf("Boot: kernel boot took %lu timer ticks; starting the root task\n", timer_read_counter() - boot_start);
    schedule();
    activateThread();
    restore_user_context();
}
