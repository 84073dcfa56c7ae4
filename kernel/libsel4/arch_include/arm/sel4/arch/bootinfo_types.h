/*
 * ARM extra BootInfo: seL4 has no arch/bootinfo_types.h on ARM. The one chunk, the device tree
 * (SEL4_BOOTINFO_HEADER_FDT, generic), needs no type of its own; this file exists only because
 * the shared sel4/bootinfo_types.h includes the architecture's.
 */
#pragma once
