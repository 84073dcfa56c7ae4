/*
 * GICv2 driver (seL4 drivers/irq/gic_v2.c's role; register offsets from the GICv2
 * architecture specification). All lines start masked with the lowest usable priority;
 * the CPU interface lets every priority through.
 */
#include <arch/gic.h>
#include <arch/machine.h>
#include <kernel/irq.h>
#include <plat/machine.h>

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

static word_t gicd(word_t off) { return GICD_VADDR + off; }
static word_t gicc(word_t off) { return GICC_VADDR + off; }

void gic_init(void)
{
    mmio_write32(gicd(GICD_CTLR), 0);
    word_t lines = ((mmio_read32(gicd(GICD_TYPER)) & 0x1f) + 1) * 32;
    for (word_t i = 0; i < lines; i += 32) {
        mmio_write32(gicd(GICD_ICENABLER + i / 8), 0xffffffffu);
        mmio_write32(gicd(GICD_ICPENDR + i / 8), 0xffffffffu);
    }
    for (word_t i = 0; i < lines; i += 4) {
        mmio_write32(gicd(GICD_IPRIORITYR + i), 0xa0a0a0a0u);
        if (i >= 32) { /* the SGI/PPI target registers are read-only */
            mmio_write32(gicd(GICD_ITARGETSR + i), 0x01010101u);
        }
    }
    mmio_write32(gicd(GICD_CTLR), 1);
    mmio_write32(gicc(GICC_PMR), 0xf0);
    mmio_write32(gicc(GICC_CTLR), 1);
}

word_t gic_ack(void)
{
    return mmio_read32(gicc(GICC_IAR)) & 0x3ff;
}

void gic_eoi(word_t irq)
{
    mmio_write32(gicc(GICC_EOIR), (uint32_t)irq);
}

void gic_mask(word_t irq, bool mask)
{
    mmio_write32(gicd((mask ? GICD_ICENABLER : GICD_ISENABLER) + (irq / 32) * 4), 1u << (irq % 32));
}

void gic_set_edge(word_t irq, bool edge)
{
    word_t reg = gicd(GICD_ICFGR + (irq / 16) * 4);
    uint32_t bit = 2u << ((irq % 16) * 2);
    uint32_t v = mmio_read32(reg);
    mmio_write32(reg, edge ? (v | bit) : (v & ~bit));
}

bool gic_pending(word_t irq)
{
    return (mmio_read32(gicd(GICD_ISPENDR + (irq / 32) * 4)) >> (irq % 32)) & 1;
}
