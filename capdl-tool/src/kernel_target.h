/*
 * The kernel configuration the tool builds systems for, taken from the headers the kernel itself
 * is compiled with (libsel4's gen_config.h and constants), so that a limit changes in one place:
 *  - priorities: 0..seL4_MaxPrio;
 *  - scheduling domains: CONFIG_NUM_DOMAINS of the default kernel; a system written for another
 *    kernel variant says so with `kernel: {domains: N}` (docs/yaml-reference.md);
 *  - ASIDs: seL4_NumASIDPools pools of 2^seL4_ASIDPoolIndexBits; ASID 0 is never handed out and
 *    the loader's own VSpace holds one, and every asid_pool object of the system takes a pool.
 * The machine's memory is the description's `memory:` (kernel_untypeds.h).
 */
#ifndef CAPDL_TOOL_KERNEL_TARGET_H
#define CAPDL_TOOL_KERNEL_TARGET_H

#include <sel4/gen_config.h>
#include <sel4/arch/constants.h>

#define KERNEL_TARGET_MAX_PRIO (CONFIG_NUM_PRIORITIES - 1)
#define KERNEL_TARGET_DEFAULT_DOMAINS CONFIG_NUM_DOMAINS
/* The largest domain count a kernel variant may be built with (seL4's domain field is 8 bits). */
#define KERNEL_TARGET_MAX_DOMAINS 256u
#define KERNEL_TARGET_ASIDS_PER_POOL (1u << seL4_ASIDPoolIndexBits)
#define KERNEL_TARGET_ASID_POOLS (1u << seL4_NumASIDPoolsBits)

/* The entries of the kernel's domain schedule table (DomainSet_ScheduleConfigure's indices) for
 * a kernel built with `domains` domains: libsel4's CONFIG_NUM_DOMAIN_SCHEDULES rule. */
static inline unsigned kernel_target_domain_schedules(unsigned domains)
{
    return NUM_DOMAIN_SCHEDULES_FOR(domains);
}

/* How many VSpaces the loader can give ASIDs to when the system declares user_pools pools. */
static inline unsigned kernel_target_vspaces(unsigned user_pools)
{
    unsigned pools = user_pools < KERNEL_TARGET_ASID_POOLS ? KERNEL_TARGET_ASID_POOLS - user_pools : 0;
    unsigned asids = pools * KERNEL_TARGET_ASIDS_PER_POOL;
    return asids > 2 ? asids - 2 : 0; /* ASID 0 and the loader's own */
}

#endif
