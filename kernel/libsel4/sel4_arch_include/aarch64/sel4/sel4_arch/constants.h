/*
 * AArch64 object and page sizes (seL4's sel4_arch/constants.h for aarch64; sel4-aarch64-facts.md
 * 4.1): 4 KiB granule, 48-bit VA, four levels of 512 entries. Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/macros.h>

#define seL4_DataFault 0
#define seL4_InstructionFault 1

#define seL4_WordBits 64
#define seL4_WordSizeBits 3
#define seL4_PageBits 12
#define seL4_SlotBits 5
#define seL4_TCBBits 11
#define seL4_EndpointBits 4
#define seL4_NotificationBits 5
#define seL4_PageTableBits 12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_VSpaceBits 12
#define seL4_VSpaceEntryBits 3
#define seL4_VSpaceIndexBits 9
#define seL4_PageDirBits seL4_PageTableBits
#define seL4_PageDirIndexBits seL4_PageTableIndexBits
#define seL4_PUDBits seL4_PageTableBits
#define seL4_PUDIndexBits seL4_PageTableIndexBits
#define seL4_PGDBits seL4_VSpaceBits
#define seL4_PGDIndexBits seL4_VSpaceIndexBits
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_ASIDPoolBits 12
#define seL4_ASIDPoolIndexBits 9

/* Untyped size limits */
#define seL4_MinUntypedBits 4
#define seL4_MaxUntypedBits 47

/* The last user address; on aarch64 the VSpace top is the same value (facts 1.2) */
#define seL4_UserTop 0x00007ffffffffffful
#define seL4_UserVSpaceTop seL4_UserTop

SEL4_SIZE_SANITY(seL4_PageTableEntryBits, seL4_PageTableIndexBits, seL4_PageTableBits);
SEL4_SIZE_SANITY(seL4_VSpaceEntryBits, seL4_VSpaceIndexBits, seL4_VSpaceBits);
