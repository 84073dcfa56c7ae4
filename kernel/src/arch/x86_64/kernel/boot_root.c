/*
 * The x86_64 part of the root task's construction (seL4 arch/x86/kernel/boot.c; the rest is
 * src/kernel/boot_root.c): the ELF is the first Multiboot module; the extra BootInfo holds the
 * ACPI RSDP, the multiboot memory map and the TSC frequency; the paging tables are PDPTs, PDs
 * and PTs; I/O port control is one more fixed cap; the LAPIC and I/O APIC pages stay the
 * kernel's.
 */
#include <kernel/boot_root.h>
#include <arch/cpu.h>
#include <arch/kernel/vspace.h>
#include <arch/memlayout.h>
#include <arch/segments.h>
#include <kernel/arch_thread.h>
#include <util.h>

extern char __kernel_end[];

const cap_tag_t arch_root_table_caps[ROOT_TABLE_LEVELS] = { cap_pdpt_cap, cap_page_directory_cap,
                                                            cap_page_table_cap };

root_elf_t arch_root_elf(const boot_state_t *st)
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
    return (root_elf_t){ paddr_to_pptr(m->start), m->end - m->start, m->start, m->end, m->name };
}

/* In seL4's order and sizes: the ACPI RSDP (when the firmware has one), the multiboot memory
 * map, the TSC frequency. */
word_t arch_extra_bootinfo_bytes(const boot_state_t *st)
{
    word_t rsdp = st->have_rsdp ? sizeof(seL4_BootInfoHeader) + ACPI_RSDP_BYTES : 0;
    return rsdp + sizeof(seL4_X86_BootInfo_mmap_t) + sizeof(seL4_X86_BootInfo_TSCFreq_t);
}

static uint8_t *write_chunk(void *at, seL4_Word id, seL4_Word len)
{
    seL4_BootInfoHeader *h = at;
    h->id = id;
    h->len = len;
    return (uint8_t *)at + len;
}

void arch_write_extra_bootinfo(const boot_state_t *st, uint8_t *next)
{
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
    write_chunk(tsc, SEL4_BOOTINFO_HEADER_X86_TSC_FREQ, sizeof(*tsc));
}

/* x86 caches are coherent with instruction fetch: nothing to do. */
void arch_root_image_copied(const void *start, word_t size)
{
    (void)start, (void)size;
}

void arch_set_first_asid_pool(paddr_t pool)
{
    x86KSASIDTable[0] = pool;
}

void arch_provide_fixed_caps(root_cnode_filler_t *f)
{
    boot_write_slot(f, seL4_CapIOPortControl, cap_io_port_control_cap_new());
}

void arch_remove_kernel_devices(region_list_t *device)
{
    region_list_remove(device, LAPIC_PADDR, LAPIC_PADDR + 4096);
    region_list_remove(device, IOAPIC_PADDR, IOAPIC_PADDR + 4096);
}

void arch_init_root_registers(tcb_t *t, vptr_t entry, vptr_t bootinfo)
{
    word_t *r = t->arch.context.regs;
    r[REG_RIP] = r[REG_FAULT_IP] = entry;
    r[REG_RDI] = bootinfo;
    r[REG_RFLAGS] = 0x202; /* interrupts on */
    r[REG_CS] = USER_CS;
    r[REG_SS] = USER_DS;
}
