/*
 * The domain schedule (capdl/spec.h): entry k of the spec's schedule goes to the kernel's table at
 * index_shift + k through the domain cap, before any thread starts; the start comes last, after
 * the threads are resumed, because DomainSet_ScheduleSetStart switches domains at once and the
 * loader (domain 0) may not be scheduled again. The loader keeps its domain cap (caps to it in
 * the spec are copies), so the start can still be made after the CSpaces are filled.
 */
#include "loader.h"
#include <stdio.h>

static void fail_entry(uint32_t k, const char *invocation, seL4_Error err)
{
    cdl_domain_entry_t e = loader.spec.domain_schedule[k];
    char what[160];
    snprintf(what, sizeof(what), "%s (domain schedule entry %u: domain %u, %lu ticks, kernel index %u)", invocation,
             k, CDL_DOMAIN_ENTRY_DOMAIN(e), (unsigned long)CDL_DOMAIN_ENTRY_DURATION(e),
             loader.spec.hdr->domain_index_shift + k);
    loader_fail(CDL_NONE, what, err);
}

void loader_configure_domains(void)
{
    uint32_t shift = loader.spec.hdr->domain_index_shift;
    for (uint32_t k = 0; k < loader.spec.n_domain_schedule; k++) {
        cdl_domain_entry_t e = loader.spec.domain_schedule[k];
        seL4_Error err = seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, shift + k, CDL_DOMAIN_ENTRY_DOMAIN(e),
                                                          CDL_DOMAIN_ENTRY_DURATION(e));
        if (err != seL4_NoError) {
            fail_entry(k, "seL4_DomainSet_ScheduleConfigure", err);
        }
    }
}

void loader_start_domain_schedule(void)
{
    uint32_t start = loader.spec.hdr->domain_start;
    if (loader.spec.n_domain_schedule == 0 || start == CDL_NONE) {
        return;
    }
    seL4_Error err = seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, loader.spec.hdr->domain_index_shift + start);
    if (err != seL4_NoError) {
        fail_entry(start, "seL4_DomainSet_ScheduleSetStart", err);
    }
}
