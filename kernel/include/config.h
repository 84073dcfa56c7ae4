/*
 * Every kernel limit, in one place. The system-wide configuration (word size, number of
 * priorities and domains, root CNode size, ...) is libsel4's gen_config.h, shared with user
 * code so that both sides agree; this header adds the limits only the kernel needs.
 */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#include <sel4/gen_config.h>

/* Bytes of the one kernel stack (uniprocessor, the kernel is not preemptible). */
#define CONFIG_KERNEL_STACK_BITS 14

/* Multiboot memory-map entries the kernel keeps (and passes on in the MBMMAP chunk). */
#define CONFIG_MAX_MMAP_ENTRIES 50

/* Free or reserved physical regions tracked by the boot-time region lists. */
#define CONFIG_MAX_BOOT_REGIONS 64

/* Multiboot modules the kernel looks at (only the first is the root task). */
#define CONFIG_MAX_BOOT_MODULES 8

/* Bytes of a thread's debug name (seL4_DebugNameThread), including the NUL. */
#define CONFIG_TCB_NAME_LENGTH 64

/* Physical memory below this is never handed out as RAM untyped: BIOS data, EBDA, VGA. */
#define CONFIG_LOW_MEMORY_TOP 0x100000ull

/* Physical address bits covered by untypeds (seL4_MaxUntypedBits + 1: 128 TiB). */
#define CONFIG_PADDR_USER_BITS 47

/* The domain schedule at boot (kernel/domain_schedule.h): {domain, ticks} pairs run in turn,
 * the rest of the table end markers. seL4's default: domain 0 for the longest duration. A root
 * task with the domain cap can rewrite it (DomainSet_ScheduleConfigure, _ScheduleSetStart). */
#ifndef CONFIG_DOMAIN_SCHEDULE
#define CONFIG_DOMAIN_SCHEDULE { { 0, DOMAIN_DURATION_MAX } }
#endif

/* Work units (slots deleted, objects finalised) between checks for a pending interrupt. */
#define CONFIG_PREEMPTION_WORK_UNITS 100

#endif
