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
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

int main(void)
{
    uint64_t start = tsc();
    loader.bi = seL4_GetBootInfo();
    loader_find_spec();
    loader_init_untypeds();
    loader_grow_cspace();
    loader_create_objects();
    loader_create_irqs();
    loader_assign_asids();
    loader_fill_frames();
    loader_map_vspaces();
    loader_configure_tcbs();
    loader_dump_index(); /* with the dump flag only; before the control caps move away */
    loader_fill_cspaces();
    uint64_t ticks = tsc() - start;
    /* The dump comes before the summary, so a run that stops at the summary line has all of it,
     * and both before the threads start, so their output cannot cut into them. */
    loader_dump_caps();
    /* Objects and caps as `capdl-tool check` counts them: every record of the spec (a cap is a
     * CNode slot, a TCB slot or a paging-structure entry); the breakdown names the first two
     * kinds the loader realised one by one. */
    printf("capdl-loader: %u objects, %u caps (%lu in CNode slots, %lu frames mapped), %lu KiB of untyped used, "
           "%lu TSC ticks\n", loader.spec.n_objects, loader.spec.n_caps, (unsigned long)loader.caps_placed,
           (unsigned long)loader.mappings, (unsigned long)(loader.untyped_bytes >> 10), (unsigned long)ticks);
    fflush(stdout);
    loader_start_threads();
    seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    return 0;
}
