/*
 * AArch64 instructions the kernel needs, as small inline functions: system registers,
 * barriers, cache and TLB maintenance, interrupt masking. Only arch/ and plat/ code includes
 * this.
 */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <types.h>

#define MRS(reg, v) __asm__ volatile("mrs %0, " reg : "=r"(v))
#define MSR(reg, v) __asm__ volatile("msr " reg ", %0" ::"r"((word_t)(v)) : "memory")

static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { __asm__ volatile("dsb sy" ::: "memory"); }
static inline void dsb_ish(void) { __asm__ volatile("dsb ish" ::: "memory"); }

/* Makes a page-table store visible to the table walker: clean the line to the point of
 * unification (facts 9.1). */
static inline void clean_pte(const void *p)
{
    __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    dsb_ish();
}

/* Drops the TLB entries of one user page of one ASID / of a whole ASID / of everything. */
static inline void tlb_flush_page(word_t asid, word_t vaddr)
{
    dsb_ish();
    __asm__ volatile("tlbi vae1, %0" ::"r"((asid << 48) | ((vaddr >> 12) & 0xfffffffffffull)) : "memory");
    dsb_ish();
    isb();
}

static inline void tlb_flush_asid(word_t asid)
{
    dsb_ish();
    __asm__ volatile("tlbi aside1, %0" ::"r"(asid << 48) : "memory");
    dsb_ish();
    isb();
}

static inline void tlb_flush_all(void)
{
    dsb_ish();
    __asm__ volatile("tlbi vmalle1" ::: "memory");
    dsb_ish();
    isb();
}

static inline void interrupts_off(void) { __asm__ volatile("msr daifset, #2" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }

static inline uint32_t mmio_read32(word_t addr) { return *(volatile uint32_t *)addr; }
static inline void mmio_write32(word_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }

#endif
