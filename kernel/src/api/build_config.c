/*
 * The kernel's build configuration as a record in its ELF (sel4/kernel_build_config.h), for
 * capdl-tool to check a system against the kernel file it builds the image with. Never read by
 * the kernel itself: `used` keeps it.
 */
#include <config.h>
#include <sel4/kernel_build_config.h>

__attribute__((used)) const kernel_build_config_t kernel_build_config = {
    .magic = KERNEL_BUILD_CONFIG_MAGIC,
    .version = KERNEL_BUILD_CONFIG_VERSION,
    .num_domains = CONFIG_NUM_DOMAINS,
    .num_domain_schedules = CONFIG_NUM_DOMAIN_SCHEDULES,
    .num_priorities = CONFIG_NUM_PRIORITIES,
#ifdef CONFIG_KERNEL_MCS
    .mcs = 1,
#endif
};
