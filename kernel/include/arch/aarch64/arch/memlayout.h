/*
 * The AArch64 kernel's address map, drawn once (sel4-aarch64-facts.md 1.2, 1.3).
 *
 * Virtual (TTBR0: user, TTBR1: kernel; 48-bit, 4 KiB granule):
 *   0x0000000000000000 .. 0x00007fffffffffff  user; seL4_UserTop is the last byte
 *   0xffffff8000000000 .. 0xffffffffbfffffff  physical window: phys 0 .. 510 GiB (level-0 entry
 *                                             511, level-1 entries 0..510), 1 GiB blocks, RAM
 *                                             only, Normal write-back, never executable at EL0
 *                                             (the kernel image is inside it: one mapping)
 *   0xffffffffffe00000 .. 0xffffffffffffffff  kernel device pages (level-1 entry 511): GIC
 *                                             distributor, GIC CPU interface, PL011 UART
 *
 * Physical (QEMU virt):
 *   0x40000000  QEMU's device tree (placed there because the kernel starts 2 MiB above)
 *   0x40200000  the kernel image, entered here with the MMU off (head.S)
 *   0x48000000  the root task ELF, put there by QEMU's generic loader device (ROOTTASK_PADDR)
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PPTR_BASE 0xffffff8000000000ull
#define PPTR_TOP 0xffffffffc0000000ull
#define KERNEL_PHYS_BASE 0x40200000ull
#define KERNEL_ELF_BASE (PPTR_BASE + KERNEL_PHYS_BASE)
#define KDEV_BASE 0xffffffffffe00000ull

/* The physical window covers at most this much (510 GiB). */
#define PHYS_WINDOW_SIZE (PPTR_TOP - PPTR_BASE - (1ull << 30))

/* First address above user space. */
#define USER_TOP 0x0000800000000000ull

#ifndef __ASSEMBLER__
#include <types.h>

/* Kernel virtual address of physical memory (through the physical window). */
static inline void *paddr_to_pptr(paddr_t p)
{
    return (void *)(p + PPTR_BASE);
}

/* As on x86_64: the window starts at -2^39, so OR-ing the high bits is adding PPTR_BASE. */
#define WINDOW_ADDR_BITS 39
_Static_assert(PPTR_BASE == ~((1ull << WINDOW_ADDR_BITS) - 1) && PHYS_WINDOW_SIZE <= (1ull << WINDOW_ADDR_BITS),
               "the physical window is the top 2^39 bytes");
static inline void *window_word_to_pptr(word_t w)
{
    return (void *)(w | PPTR_BASE);
}

static inline paddr_t window_pptr_to_paddr(const void *v)
{
    return (word_t)v - PPTR_BASE;
}

/* The kernel image lies inside the window, so every kernel object converts the same way. */
static inline paddr_t pptr_to_paddr(const void *v)
{
    return (word_t)v - PPTR_BASE;
}
#endif

#endif
