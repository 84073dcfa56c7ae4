/*
 * The one configuration of the whole system (kernel, libsel4, runtime, loader).
 * The kernel includes this file too, so every CONFIG_* value here is shared by both sides
 * of the ABI. Names follow seL4's generated gen_config.h for an x86_64 pc99 debug build
 * (non-MCS, one core, one domain, no IOMMU, no VT-x, no benchmarks).
 * Change a value here and everything is rebuilt with it; there is no second copy.
 */
#pragma once

/* Architecture and platform */
#define CONFIG_ARCH_X86 1
#define CONFIG_ARCH_X86_64 1
#define CONFIG_X86_64 1
#define CONFIG_PLAT_PC99 1
#define CONFIG_WORD_SIZE 64
#define CONFIG_SYSCALL 1                  /* user enters the kernel with `syscall` */

/* Debugging and printing: the default build is the debug one (architecture.md section 3) */
#define CONFIG_PRINTING 1
#define CONFIG_DEBUG_BUILD 1
#define CONFIG_NO_BENCHMARKS 1
#define CONFIG_MAX_NUM_TRACE_POINTS 0

/* Scheduling */
#define CONFIG_MAX_NUM_NODES 1
#ifndef CONFIG_NUM_DOMAINS /* a kernel variant may set it (kernel/CMakeLists.txt) */
#define CONFIG_NUM_DOMAINS 1
#endif
/* Entries of the run-time domain schedule. seL4 16.0.0 built with one domain (the reference
 * kernels) answers as a table of one entry; sel4-facts 9.21 gives 100 as the default, kept for
 * more domains (a kernel variant may set it). The rule as a function of the domain count is for
 * tools that build for several kernel variants (capdl-tool's kernel_target.h). */
#define NUM_DOMAIN_SCHEDULES_FOR(domains) ((domains) == 1 ? 1 : 100)
#ifndef CONFIG_NUM_DOMAIN_SCHEDULES
#define CONFIG_NUM_DOMAIN_SCHEDULES NUM_DOMAIN_SCHEDULES_FOR(CONFIG_NUM_DOMAINS)
#endif
#define CONFIG_NUM_PRIORITIES 256
/* CONFIG_KERNEL_MCS (set on the command line by an MCS kernel variant and every program built
 * for it, kernel/CMakeLists.txt KERNEL_MCS_DEFINES): the mixed-criticality scheduler. It has no
 * periodic tick and no timeslice; threads run on scheduling contexts (sel4-mcs-facts 3.3). */
#ifdef CONFIG_KERNEL_MCS
#define CONFIG_BOOT_THREAD_TIME_SLICE 5        /* ms: the root task's round-robin budget */
#define CONFIG_KERNEL_WCET_SCALE 1
#define CONFIG_KERNEL_STATIC_MAX_PERIOD_US 0   /* 0: the limit follows from the TSC rate */
#else
#define CONFIG_TIMER_TICK_MS 2
#define CONFIG_TIME_SLICE 5
#endif
#define CONFIG_FASTPATH 1

/* Boot and objects. Two ABI options a kernel variant and every program built for it may set
 * together on the compiler's command line (kernel/CMakeLists.txt, docs/libsel4-and-runtime.md):
 *   CONFIG_ROOT_CNODE_SIZE_BITS=N  the root task's CNode (seL4's default 12; sel4test builds 13)
 *   KERNEL_HUGE_PAGE=0             no 1 GiB frames: CONFIG_HUGE_PAGE undefined, so every x86 object
 *                                  type after the PML4 numbers one lower (type 7 = 4 KiB frame),
 *                                  as seL4 built with KernelHugePage OFF */
#ifndef CONFIG_ROOT_CNODE_SIZE_BITS
#define CONFIG_ROOT_CNODE_SIZE_BITS 12
#endif
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_RETYPE_FAN_OUT_LIMIT 256
#define CONFIG_RESET_CHUNK_BITS 8
#define CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION 100
#ifndef KERNEL_HUGE_PAGE
#define KERNEL_HUGE_PAGE 1
#endif
#if KERNEL_HUGE_PAGE
#define CONFIG_HUGE_PAGE 1
#endif

/* Thread state: TLS base through the syscall / MSR, FPU saved with FXSAVE */
#define CONFIG_SET_TLS_BASE_SELF 1
#define CONFIG_FSGSBASE_MSR 1
#define CONFIG_HAVE_FPU 1
#define CONFIG_FXSAVE 1
#define CONFIG_XSAVE_SIZE 512
