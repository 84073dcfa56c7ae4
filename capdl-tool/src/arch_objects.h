/*
 * One YAML description builds for either architecture unless it names objects of one: once the
 * components' ELFs (elf_ingest.c) or --arch have fixed the system's architecture, the objects only the
 * other one has are refused at their declaration: I/O port ranges, the I/O port control cap,
 * legacy PIC IRQs, IOAPIC lines and MSIs in an AArch64 system; GIC interrupts in an x86_64 one.
 * (A .cdl names its architecture first; its reader refuses such objects itself.)
 */
#ifndef CAPDL_TOOL_ARCH_OBJECTS_H
#define CAPDL_TOOL_ARCH_OBJECTS_H

#include "diag.h"
#include "model.h"

/* The largest GIC INTID the AArch64 kernel's IRQControl takes: its CONFIG_MAX_IRQ
 * (kernel/include/kernel/irq.h; QEMU virt's GICv2 has 160 lines). */
#define ARCH_GIC_MAX_INTID 159u

/* False (with an error per object) if the model names an object its architecture lacks. */
bool arch_objects_check(const model_t *m, diag_t *d);

/* The architecture of a system whose ELFs were not read and for which none was named: AArch64
 * if it names a GIC interrupt (only AArch64 has one), else x86_64. */
uint32_t arch_objects_guess(const model_t *m);

#endif
