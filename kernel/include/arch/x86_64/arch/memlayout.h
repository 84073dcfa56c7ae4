/*
 * The x86_64 kernel's address map, drawn once.
 *
 * Virtual:
 *   0x0000000000000000 .. 0x00007fffffffffff  user (PML4 entries 0..255); seL4_UserTop below it
 *   0xffffff8000000000 .. 0xffffffff7fffffff  physical window: phys 0 .. 510 GiB (PML4 entry 511,
 *                                             PDPT entries 0..509), 2 MiB pages, RAM only
 *   0xffffffff80000000 .. 0xffffffffbfffffff  kernel image: phys 0 .. 1 GiB (PDPT entry 510)
 *   0xffffffffc0000000 .. 0xffffffffffffffff  kernel device window (PDPT entry 511)
 * The whole kernel lives in PML4 entry 511, so a new VSpace shares the kernel by copying one
 * entry.
 *
 * Physical:
 *   0x00000000 .. 0x000fffff  BIOS, EBDA, VGA: never RAM untyped (a device untyped instead)
 *   0x00100000 ..             the kernel image (.boot at its physical address, the rest above)
 *   after the kernel          multiboot modules (the root task ELF), placed by the boot loader
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define KERNEL_PHYS_BASE 0x100000ull
#define PPTR_BASE 0xffffff8000000000ull
#define PPTR_TOP 0xffffffff80000000ull
#define KERNEL_ELF_BASE 0xffffffff80000000ull
#define KDEV_BASE 0xffffffffc0000000ull

/* The physical window covers at most this much (510 GiB). */
#define PHYS_WINDOW_SIZE (PPTR_TOP - PPTR_BASE)

/* First address above user space (canonical lower half). */
#define USER_TOP 0x0000800000000000ull

/* Kernel-owned device pages, kept out of the device untypeds. */
#define LAPIC_PADDR 0xfee00000ull
#define IOAPIC_PADDR 0xfec00000ull

#ifndef __ASSEMBLER__
#include <types.h>

/* Kernel virtual address of physical memory (through the physical window). */
static inline void *paddr_to_pptr(paddr_t p)
{
    return (void *)(p + PPTR_BASE);
}

/* The object whose physical address is the low 39 bits of w (a cap's first word: the bits
 * above are ignored). The window starts at -2^39 and is smaller than 2^39, so setting the
 * high bits is the same as adding PPTR_BASE, in one OR instead of a mask and an add. */
#define WINDOW_ADDR_BITS 39
_Static_assert(PPTR_BASE == ~((1ull << WINDOW_ADDR_BITS) - 1) && PHYS_WINDOW_SIZE <= (1ull << WINDOW_ADDR_BITS),
               "the physical window is the top 2^39 bytes below the kernel image");
static inline void *window_word_to_pptr(word_t w)
{
    return (void *)(w | PPTR_BASE);
}

/* Physical address of an object in the physical window: everything retyped from untyped
 * (every user TCB, endpoint, CNode), not the kernel image's own objects. */
static inline paddr_t window_pptr_to_paddr(const void *v)
{
    return (word_t)v - PPTR_BASE;
}

/* Physical address of a kernel object: in the window or in the kernel image. */
static inline paddr_t pptr_to_paddr(const void *v)
{
    word_t w = (word_t)v;
    return w >= KERNEL_ELF_BASE ? w - KERNEL_ELF_BASE : w - PPTR_BASE;
}
#endif

#endif
