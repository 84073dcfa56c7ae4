/*
 * The GICv2 of QEMU virt (sel4-aarch64-facts.md 6): the distributor routes every SPI to CPU 0,
 * the CPU interface hands out the highest pending INTID. The kernel reaches both through its
 * device window (plat/machine.h).
 */
#ifndef ARCH_GIC_H
#define ARCH_GIC_H

#include <types.h>

#define GIC_SPURIOUS 1023

/* Masks every line, routes SPIs to CPU 0, enables distributor and CPU interface. */
void gic_init(void);
/* The pending INTID (GIC_SPURIOUS if none), acknowledged at the CPU interface. */
word_t gic_ack(void);
void gic_eoi(word_t irq);
void gic_mask(word_t irq, bool mask);
/* Sets a line level- (false) or edge-triggered (true): GICD_ICFGR. */
void gic_set_edge(word_t irq, bool edge);
/* Whether irq is pending at the distributor (for preemption points). */
bool gic_pending(word_t irq);

#endif
