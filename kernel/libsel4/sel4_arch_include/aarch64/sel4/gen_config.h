/*
 * The configuration of the AArch64 system (kernel, libsel4, runtime), the aarch64 counterpart
 * of include/sel4/gen_config.h: the AArch64 include directories come first on the include
 * path, so this file replaces that one. Names follow seL4's generated gen_config.h for a
 * qemu-arm-virt aarch64 debug build (non-MCS, one core, one domain, EL1 without hypervisor,
 * KernelArmTLSReg=tpidru; sel4-aarch64-facts.md). The scheduling and object values are the
 * x86_64 file's, so both architectures run the same system.
 */
#pragma once

/* Architecture and platform */
#define CONFIG_ARCH_ARM 1
#define CONFIG_ARCH_AARCH64 1
#define CONFIG_ARM_CORTEX_A57 1
#define CONFIG_PLAT_QEMU_ARM_VIRT 1
#define CONFIG_WORD_SIZE 64
#define CONFIG_ARM_PA_SIZE_BITS_44 1      /* KernelPaddrUserTop 2^44 for cortex-a57 */
#define CONFIG_ARM_TLS_REG_TPIDRU 1        /* TLS base = TPIDR_EL0, written by EL0 itself */
#define CONFIG_AARCH64_USER_CACHE_ENABLE 1 /* EL0 may clean/invalidate caches by VA */

/* Debugging and printing: the default build is the debug one */
#define CONFIG_PRINTING 1
#define CONFIG_DEBUG_BUILD 1
#define CONFIG_NO_BENCHMARKS 1
#define CONFIG_MAX_NUM_TRACE_POINTS 0

/* Scheduling */
#define CONFIG_MAX_NUM_NODES 1
#ifndef CONFIG_NUM_DOMAINS
#define CONFIG_NUM_DOMAINS 1
#endif
#ifndef CONFIG_NUM_DOMAIN_SCHEDULES
#if CONFIG_NUM_DOMAINS == 1
#define CONFIG_NUM_DOMAIN_SCHEDULES 1
#else
#define CONFIG_NUM_DOMAIN_SCHEDULES 100
#endif
#endif
#define CONFIG_NUM_PRIORITIES 256
#define CONFIG_TIMER_TICK_MS 2
#define CONFIG_TIME_SLICE 5
#define CONFIG_FASTPATH 1

/* Boot and objects */
#ifndef CONFIG_ROOT_CNODE_SIZE_BITS
#define CONFIG_ROOT_CNODE_SIZE_BITS 12
#endif
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_RETYPE_FAN_OUT_LIMIT 256
#define CONFIG_RESET_CHUNK_BITS 8
#define CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION 100

/* FPU: eager switching of the 32 128-bit V registers, FPSR and FPCR */
#define CONFIG_HAVE_FPU 1
