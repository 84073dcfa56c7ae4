/*
 * BootInfo access for the root task (seL4's sel4/bootinfo.h). USER-ONLY. The runtime's
 * start-up calls seL4_InitBootInfo with the address the kernel passed in rdi; libsel4.a
 * keeps it in the global `bootinfo`. Types are in sel4/bootinfo_types.h.
 */
#pragma once

#include <sel4/types.h>
#include <sel4/bootinfo_types.h>

/* Remembers the BootInfo pointer; call once at start-up. */
void seL4_InitBootInfo(seL4_BootInfo *bi);

/* Returns the pointer given to seL4_InitBootInfo (NULL before). */
seL4_BootInfo *seL4_GetBootInfo(void);
