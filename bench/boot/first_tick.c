/*
 * The boot benchmark's root task (bench/boot/run.sh): prints the TSC at its first instruction
 * and stops. Under -icount shift=0 the TSC counts guest instructions from the machine's reset,
 * so the figure is firmware + kernel boot up to the root task; the firmware part is the same on
 * both kernels, which makes the figure comparable between seL4 and ours where seL4 prints no
 * boot time of its own.
 */
#include <sel4/sel4.h>
#include <stdint.h>
#include <stdio.h>

static inline uint64_t tsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
    uint64_t now = tsc();
    printf("first_tick: root task started at TSC %lu ticks\n", (unsigned long)now);
    seL4_DebugHalt();
    return 0;
}
