/* The periodic thread of specs/mcs_budget: one tick a period. seL4_Yield on a periodic SC gives
 * up the rest of the current budget, so the thread next runs at its next refill, one period on;
 * it runs at all only because the higher-priority spinner's budget runs out. Whether the spinner
 * delays a tick within its period depends on where the two threads' refills fall, and QEMU on a
 * busy host sometimes stalls, so single intervals vary; the rate shows in most intervals staying
 * within a quarter of the median one. The intervals are measured with the TSC and compared with
 * each other, so the check does not depend on the TSC's frequency. Finally the thread asks the
 * kernel, through the cap to its own SC, for the time charged to it. */
#include <sel4/sel4.h>
#include <stdio.h>

extern seL4_CPtr my_sc;

#define TICKS 8

static inline unsigned long long tsc(void)
{
    unsigned lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long long)hi << 32 | lo;
}

/* The median of n values (sorts them). */
static unsigned long long median(unsigned long long *v, int n)
{
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            unsigned long long x = v[j];
            v[j] = v[j - 1];
            v[j - 1] = x;
        }
    }
    return v[n / 2];
}

int main(void)
{
    unsigned long long t[TICKS], d[TICKS - 1];
    /* only the time in the loop: a line of output may take longer than the budget on a busy host */
    for (int i = 0; i < TICKS; i++) {
        t[i] = tsc();
        seL4_Yield();
    }
    for (int i = 0; i < TICKS; i++) {
        printf("periodic: tick %d\n", i + 1);
    }
    for (int i = 1; i < TICKS; i++) {
        d[i - 1] = t[i] - t[i - 1];
    }
    unsigned long long med = median(d, TICKS - 1);
    int regular = 0;
    for (int i = 0; i < TICKS - 1; i++) {
        regular += 4 * d[i] > 3 * med && 4 * d[i] < 5 * med;
    }
    if (regular >= TICKS - 3) {
        printf("periodic: kept its rate: most intervals within a quarter of the median one\n");
    } else {
        printf("periodic: lost its rate: %d of %d intervals near the median (%llu TSC ticks):", regular, TICKS - 1, med);
        for (int i = 1; i < TICKS; i++) {
            printf(" %llu", t[i] - t[i - 1]);
        }
        printf("\n");
    }
    seL4_SchedContext_Consumed_t c = seL4_SchedContext_Consumed(my_sc);
    printf("periodic: its SC reports %s\n", c.error == seL4_NoError && c.consumed > 0 ? "the time it consumed" : "nothing");
    seL4_DebugHalt();
    return 0;
}
