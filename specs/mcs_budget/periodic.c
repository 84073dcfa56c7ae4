/* The periodic thread of specs/mcs_budget: one tick a period. seL4_Yield on a periodic SC gives
 * up the rest of the current budget, so the thread next runs at its next refill, one period on;
 * it runs at all only because the higher-priority spinner's budget runs out. The intervals
 * between ticks (TSC) are compared with each other, so the check does not depend on the TSC's
 * frequency. */
#include <sel4/sel4.h>
#include <stdio.h>

#define TICKS 6

static inline unsigned long long tsc(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long long)hi << 32 | lo;
}

int main(void)
{
    unsigned long long t[TICKS];
    for (int i = 0; i < TICKS; i++) {
        t[i] = tsc();
        printf("periodic: tick %d\n", i + 1);
        seL4_Yield();
    }
    unsigned long long lo = ~0ull, hi = 0;
    for (int i = 1; i < TICKS; i++) {
        unsigned long long d = t[i] - t[i - 1];
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    if ((hi - lo) * 5 < lo) {
        printf("periodic: kept its rate: the %d intervals between ticks differ by less than 20%%\n", TICKS - 1);
    } else {
        printf("periodic: lost its rate: intervals from %llu to %llu TSC ticks\n", lo, hi);
    }
    seL4_DebugHalt();
    return 0;
}
