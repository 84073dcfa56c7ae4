/*
 * x86_64 instructions the kernel needs, as small inline functions: port I/O, MSRs, control
 * registers, TSC, interrupts. Only arch/ and plat/ code includes this.
 */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <types.h>

#define MSR_EFER 0xc0000080u
#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define MSR_FS_BASE 0xc0000100u
#define MSR_GS_BASE 0xc0000101u
#define EFER_SCE (1u << 0)
#define EFER_NXE (1u << 11)

static inline void out8(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void out16(uint16_t port, uint16_t v) { __asm__ volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }
static inline void out32(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }

static inline uint8_t in8(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint16_t in16(uint16_t port)
{
    uint16_t v;
    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint32_t in32(uint16_t port)
{
    uint32_t v;
    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline word_t read_cr0(void) { word_t v; __asm__ volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline word_t read_cr2(void) { word_t v; __asm__ volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline word_t read_cr3(void) { word_t v; __asm__ volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline word_t read_cr4(void) { word_t v; __asm__ volatile("mov %%cr4, %0" : "=r"(v)); return v; }
static inline void write_cr0(word_t v) { __asm__ volatile("mov %0, %%cr0" ::"r"(v) : "memory"); }
static inline void write_cr3(word_t v) { __asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory"); }
static inline void write_cr4(word_t v) { __asm__ volatile("mov %0, %%cr4" ::"r"(v) : "memory"); }

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

/* CPUID 0x80000001 EDX bit 26: 1 GiB pages. */
static inline bool cpu_has_1g_pages(void)
{
    uint32_t r[4];
    cpuid(0x80000001u, 0, r);
    return (r[3] >> 26) & 1;
}

static inline void halt_once(void) { __asm__ volatile("sti; hlt; cli" ::: "memory"); }
static inline void interrupts_off(void) { __asm__ volatile("cli" ::: "memory"); }

#endif
