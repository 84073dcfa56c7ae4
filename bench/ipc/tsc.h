/*
 * The benchmark's clock: the TSC, fenced so that no instruction of the measured code moves
 * across a reading (lfence after the first rdtsc: nothing of the code starts before it; before
 * the second: everything of the code has finished). Under QEMU's -icount shift=0 one tick is
 * one guest instruction.
 */
#pragma once

#include <stdint.h>

#ifdef __aarch64__
/* AArch64: the generic timer's virtual counter, with an isb on either side of the measured code
 * (the counter read is not ordered otherwise). Under -icount shift=4 one tick is one guest
 * instruction (62.5 MHz counter, 16 ns per instruction; docs/aarch64.md). */
static inline uint64_t tsc_begin(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0; isb" : "=r"(v)::"memory");
    return v;
}

static inline uint64_t tsc_end(void)
{
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
    return v;
}
#else
static inline uint64_t tsc_begin(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t tsc_end(void)
{
    uint32_t lo, hi;
    __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
}
#endif
