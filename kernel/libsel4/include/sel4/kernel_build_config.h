/*
 * Not part of seL4's libsel4: the record of a kernel build's configuration that our kernel
 * carries in its ELF (a read-only symbol, KERNEL_BUILD_CONFIG_SYMBOL), so that capdl-tool can
 * check a system against the kernel file it builds the image with, not only against the
 * configuration the tool was compiled for. A kernel without the symbol (seL4's own) is not
 * checked. Fixed-width fields only: the tool reads it from the file.
 */
#ifndef SEL4_KERNEL_BUILD_CONFIG_H
#define SEL4_KERNEL_BUILD_CONFIG_H

#include <stdint.h>

#define KERNEL_BUILD_CONFIG_SYMBOL "kernel_build_config"
#define KERNEL_BUILD_CONFIG_MAGIC 0x4746434bu /* "KCFG" read as a little-endian word */
#define KERNEL_BUILD_CONFIG_VERSION 2u /* 2: mcs (was reserved) */

typedef struct kernel_build_config {
    uint32_t magic, version;
    uint32_t num_domains;          /* CONFIG_NUM_DOMAINS */
    uint32_t num_domain_schedules; /* entries DomainSet_ScheduleConfigure may write */
    uint32_t num_priorities;       /* CONFIG_NUM_PRIORITIES */
    uint32_t mcs;                  /* 1: built with CONFIG_KERNEL_MCS (docs/mcs.md) */
} kernel_build_config_t;

_Static_assert(sizeof(kernel_build_config_t) == 24, "kernel build config record layout");

#endif
