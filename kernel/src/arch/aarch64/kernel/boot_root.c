/*
 * The AArch64 part of the root task's construction (seL4 arch/arm/kernel/boot.c; the rest is
 * src/kernel/boot_root.c): the ELF is where QEMU's loader device put it (ROOTTASK_PADDR); the
 * extra BootInfo is the device tree; every paging table is a page table cap; ARM has no fixed
 * caps of its own (slots 7, 8, 12, 13, 14 (MCS) and 15 (SMC) stay null); the GIC pages stay the
 * kernel's (the UART stays user-available); the thread starts at EL0 (facts 3.3, 5).
 */
#include <kernel/boot_root.h>
#include <arch/cpu.h>
#include <arch/kernel/fdt.h>
#include <arch/kernel/vspace.h>
#include <arch/memlayout.h>
#include <kernel/arch_thread.h>
#include <plat/machine.h>
#include <util.h>

#define PSTATE_USER 0x40ull /* EL0t, FIQ masked (debug build; facts 3.3) */

const cap_tag_t arch_root_table_caps[ROOT_TABLE_LEVELS] = { cap_page_table_cap, cap_page_table_cap,
                                                            cap_page_table_cap };

root_elf_t arch_root_elf(const boot_state_t *st)
{
    return (root_elf_t){ paddr_to_pptr(st->root_start), st->root_end - st->root_start, st->root_start,
                         st->root_end, NULL };
}

/* The one extra BootInfo chunk on ARM: the device tree (facts 5), without padding. */
word_t arch_extra_bootinfo_bytes(const boot_state_t *st)
{
    return st->dtb_size ? sizeof(seL4_BootInfoHeader) + st->dtb_size : 0;
}

void arch_write_extra_bootinfo(const boot_state_t *st, uint8_t *at)
{
    if (st->dtb_size == 0) {
        return;
    }
    seL4_BootInfoHeader *h = (seL4_BootInfoHeader *)at;
    h->id = SEL4_BOOTINFO_HEADER_FDT;
    h->len = sizeof(*h) + st->dtb_size;
    kmemcpy(h + 1, paddr_to_pptr(st->dtb), st->dtb_size);
    fdt_set_size(h + 1, st->dtb_size);
}

/* Cleans the copied code to the point of unification and drops the instruction cache, so the
 * freshly copied code is what the root task fetches (facts 5, last item). */
void arch_root_image_copied(const void *start, word_t size)
{
    for (word_t a = ROUND_DOWN((word_t)start, 6); a < (word_t)start + size; a += 64) {
        __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
    }
    __asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}

void arch_set_first_asid_pool(paddr_t pool)
{
    armKSASIDTable[0] = pool;
}

void arch_provide_fixed_caps(root_cnode_filler_t *f)
{
    (void)f;
}

void arch_remove_kernel_devices(region_list_t *device)
{
    region_list_remove(device, GICD_PADDR, GICD_PADDR + 4096);
    region_list_remove(device, GICC_PADDR, GICC_PADDR + 4096);
}

/* sp = 0 and TPIDR_EL0 = 0: the runtime sets its own (facts 3.4). */
void arch_init_root_registers(tcb_t *t, vptr_t entry, vptr_t bootinfo)
{
    word_t *r = t->arch.context.regs;
    r[REG_ELR] = r[REG_FAULT_IP] = entry;
    r[REG_X0] = bootinfo;
    r[REG_SPSR] = PSTATE_USER;
}
