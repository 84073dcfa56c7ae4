/*
 * QEMU virt (sel4-aarch64-facts.md 2.1): the devices the kernel drives itself and where they
 * live, physically and in the kernel device window (arch/memlayout.h), plus where QEMU leaves
 * the device tree and the root task. The console is the PL011; the machine stops through
 * semihosting SYS_EXIT (QEMU runs with -semihosting), the ARM counterpart of isa-debug-exit.
 */
#ifndef PLAT_MACHINE_H
#define PLAT_MACHINE_H

#include <arch/memlayout.h>

#define GICD_PADDR 0x08000000ull
#define GICC_PADDR 0x08010000ull
#define UART_PADDR 0x09000000ull

/* The kernel device window's pages, in this order (arch/kernel/vspace.c maps them). */
#define GICD_VADDR (KDEV_BASE + 0x0000)
#define GICC_VADDR (KDEV_BASE + 0x1000)
#define UART_VADDR (KDEV_BASE + 0x2000)

/* QEMU puts its device tree at the start of RAM when the kernel starts 2 MiB above it. */
#define DTB_PADDR 0x40000000ull
/* The root task ELF: `-device loader,file=ROOT.elf,addr=0x48000000,force-raw=on`. */
#define ROOTTASK_PADDR 0x48000000ull

/* The generic timer's frequency on QEMU's cortex-a53/a57 (seL4's TIMER_FREQUENCY). */
#define TIMER_FREQUENCY 62500000ull

void uart_putchar(char c);

#endif
