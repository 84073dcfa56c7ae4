/*
 * The kernel configuration the tool builds systems for, taken from the headers the kernel itself
 * is compiled with (libsel4's gen_config.h and constants), so that a limit changes in one place:
 *  - priorities: 0..seL4_MaxPrio;
 *  - scheduling domains: CONFIG_NUM_DOMAINS of the default kernel; a system written for another
 *    kernel variant says so with `kernel: {domains: N}` (docs/yaml-reference.md);
 *  - ASIDs: seL4_NumASIDPools pools of 2^seL4_ASIDPoolIndexBits; ASID 0 is never handed out and
 *    the loader's own VSpace holds one, and every asid_pool object of the system takes a pool.
 *    The tool is compiled with x86_64's libsel4, whose pool count (8) is not AArch64's (128:
 *    seL4_NumASIDPoolsBits 7 in libsel4/arch_include/arm); both are kept here.
 * The machine's memory is the description's `memory:` (kernel_untypeds.h).
 */
#ifndef CAPDL_TOOL_KERNEL_TARGET_H
#define CAPDL_TOOL_KERNEL_TARGET_H

#include <sel4/gen_config.h>
#include <sel4/arch/constants.h>

#include <capdl/spec.h>
#include <stdint.h>

#define KERNEL_TARGET_MAX_PRIO (CONFIG_NUM_PRIORITIES - 1)
#define KERNEL_TARGET_DEFAULT_DOMAINS CONFIG_NUM_DOMAINS
/* The largest domain count a kernel variant may be built with (seL4's domain field is 8 bits). */
#define KERNEL_TARGET_MAX_DOMAINS 256u
#define KERNEL_TARGET_ASIDS_PER_POOL (1u << seL4_ASIDPoolIndexBits)
#define KERNEL_TARGET_ASID_POOLS_X86_64 (1u << seL4_NumASIDPoolsBits)
#define KERNEL_TARGET_ASID_POOLS_AARCH64 (1u << 7)

/* The ASID pools of the architecture's kernel (CDL_ARCH_*). */
static inline unsigned kernel_target_asid_pools(uint32_t arch)
{
    return arch == CDL_ARCH_AARCH64 ? KERNEL_TARGET_ASID_POOLS_AARCH64 : KERNEL_TARGET_ASID_POOLS_X86_64;
}

/* The entries of the kernel's domain schedule table (DomainSet_ScheduleConfigure's indices) for
 * a kernel built with `domains` domains: libsel4's CONFIG_NUM_DOMAIN_SCHEDULES rule. */
static inline unsigned kernel_target_domain_schedules(unsigned domains)
{
    return NUM_DOMAIN_SCHEDULES_FOR(domains);
}

/* How many VSpaces the loader can give ASIDs to when the system declares user_pools pools. */
static inline unsigned kernel_target_vspaces(uint32_t arch, unsigned user_pools)
{
    unsigned all = kernel_target_asid_pools(arch);
    unsigned pools = user_pools < all ? all - user_pools : 0;
    unsigned asids = pools * KERNEL_TARGET_ASIDS_PER_POOL;
    return asids > 2 ? asids - 2 : 0; /* ASID 0 and the loader's own */
}

#endif
