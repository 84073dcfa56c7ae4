/*
 * capdl-loader: the generic root task of a capDL system. Runs the phases of loader.h in
 * order, prints one summary line (after the capability dump, when the spec asks for one) and
 * suspends itself; any failure names the spec object, the invocation and the seL4 error, then
 * stops the machine with the failure status.
 */
#include "loader.h"
#include <stdio.h>

loader_t loader;

static inline uint64_t tsc(void)
{
    return arch_ticks(); /* the TSC on x86_64, the virtual counter on AArch64 */
}

typedef struct phase {
    const char *name;
    void (*run)(void);
} phase_t;

/* The order matters: each phase needs what the ones before it made. */
static const phase_t phases[] = {
    { "find_spec", loader_find_spec },
    { "init_untypeds", loader_init_untypeds },
    { "grow_cspace", loader_grow_cspace },
    { "create_objects", loader_create_objects },
#ifdef CONFIG_KERNEL_MCS
    { "configure_scs", loader_configure_scs }, /* sched.c: before any thread is bound to one */
#endif
    { "create_irqs", loader_create_irqs },
    { "assign_asids", loader_assign_asids },
    { "fill_frames", loader_fill_frames },
    { "map_vspaces", loader_map_vspaces },
    { "configure_tcbs", loader_configure_tcbs },
    { "configure_domains", loader_configure_domains },
    { "dump_index", loader_dump_index }, /* with the dump flag only; before the control caps move away */
    { "fill_cspaces", loader_fill_cspaces },
};
#define N_PHASES (sizeof(phases) / sizeof(phases[0]))

/* The benchmark's variant (CAPDL_LOADER_PHASE_TICKS, bench/loader) prints where the ticks went,
 * one figure per phase, and what single kernel invocations cost, before the summary line; the
 * other loaders keep their output as it is. */
static void print_phase_ticks(const uint64_t *ticks)
{
#ifdef CAPDL_LOADER_PHASE_TICKS
    loader_print_kernel_costs();
    printf("capdl-loader: phase ticks:");
    for (unsigned p = 0; p < N_PHASES; p++) {
        printf(" %s=%lu", phases[p].name, (unsigned long)ticks[p]);
    }
    printf("\n");
#else
    (void)ticks;
#endif
}

int main(void)
{
    uint64_t start = tsc(), ticks[N_PHASES];
    loader.bi = seL4_GetBootInfo();
    for (unsigned p = 0; p < N_PHASES; p++) {
        uint64_t before = tsc();
        phases[p].run();
        ticks[p] = tsc() - before;
    }
    uint64_t total = tsc() - start;
    /* The dump comes before the summary, so a run that stops at the summary line has all of it,
     * and both before the threads start, so their output cannot cut into them. */
    loader_dump_caps();
    print_phase_ticks(ticks);
    /* Objects and caps as `capdl-tool check` counts them: every record of the spec (a cap is a
     * CNode slot, a TCB slot or a paging-structure entry); the breakdown names the first two
     * kinds the loader realised one by one. */
    printf("capdl-loader: %u objects, %u caps (%lu in CNode slots, %lu frames mapped), %lu KiB of untyped used, "
           "%lu TSC ticks\n", loader.spec.n_objects, loader.spec.n_caps, (unsigned long)loader.caps_placed,
           (unsigned long)loader.mappings, (unsigned long)(loader.untyped_bytes >> 10), (unsigned long)total);
    fflush(stdout);
    loader_start_threads();
    loader_start_domain_schedule();
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    return 0;
}
