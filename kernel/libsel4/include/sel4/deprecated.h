/*
 * Old names kept by seL4 for source compatibility (seL4's sel4/deprecated.h and
 * arch/deprecated.h). USER-ONLY by convention; new code should use the current names.
 */
#pragma once

#include <sel4/types.h>

/* Page-fault IPC register names from before the fault API was generated */
#define SEL4_PFIPC_LABEL 0
#define SEL4_PFIPC_LENGTH seL4_VMFault_Length
#define SEL4_PFIPC_FAULT_IP seL4_VMFault_IP
#define SEL4_PFIPC_FAULT_ADDR seL4_VMFault_Addr
#define SEL4_PFIPC_PREFETCH_FAULT seL4_VMFault_PrefetchFault
#define SEL4_PFIPC_FSR seL4_VMFault_FSR

/* Old 4 KiB frame and PDPT type names */
#define seL4_IA32_4K seL4_X86_4K
#define seL4_X86_PageDirectoryBits seL4_PageDirBits
