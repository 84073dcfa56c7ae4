/*
 * The benchmark's clock: the TSC, fenced so that no instruction of the measured code moves
 * across a reading (lfence after the first rdtsc: nothing of the code starts before it; before
 * the second: everything of the code has finished). Under QEMU's -icount shift=0 one tick is
 * one guest instruction.
 */
#pragma once

#include <stdint.h>

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
