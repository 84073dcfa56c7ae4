/*
 * x86_64 object and page sizes (seL4's sel4_arch/constants.h; sel4-facts.md 1.6) and the
 * layout of the 4-level page tables. Kernel-shared.
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
#ifdef CONFIG_KERNEL_MCS
#define seL4_NotificationBits 6 /* MCS: a notification also points to a scheduling context */
#else
#define seL4_NotificationBits 5
#endif
#define seL4_PageTableBits 12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_PageDirBits 12
#define seL4_PageDirEntryBits 3
#define seL4_PageDirIndexBits 9
#define seL4_PDPTBits 12
#define seL4_PDPTEntryBits 3
#define seL4_PDPTIndexBits 9
#define seL4_PML4Bits 12
#define seL4_PML4EntryBits 3
#define seL4_PML4IndexBits 9
#define seL4_VSpaceBits seL4_PML4Bits
#define seL4_IOPageTableBits 12
#define seL4_LargePageBits 21
#define seL4_HugePageBits 30
#define seL4_ASIDPoolBits 12

#define seL4_X86_VCPUBits 14
#define seL4_X86_EPTPML4Bits 12
#define seL4_X86_EPTPDPTBits 12
#define seL4_X86_EPTPDBits 12
#define seL4_X86_EPTPTBits 12

/* Untyped size limits */
#ifdef CONFIG_KERNEL_MCS
/* Scheduling contexts (sel4-mcs-facts 2.1): a 2^bits object of a 12-word header and 16-byte
 * refills; the smallest (2^7) holds the two mandatory refills and no extra ones. */
#define seL4_MinSchedContextBits 7
#define seL4_ReplyBits 5
#define seL4_CoreSchedContextBytes (10 * sizeof(seL4_Word) + 6 * 8)
#define seL4_RefillSizeBytes (2 * 8)
#define seL4_MaxExtraRefills(size) ((LIBSEL4_BIT(size) - seL4_CoreSchedContextBytes) / seL4_RefillSizeBytes)
#endif

#define seL4_MinUntypedBits 4
#define seL4_MaxUntypedBits 47

/* Highest user address (deprecated name) and last usable byte of a VSpace */
#define seL4_UserTop 0x00007ffffffff000ul
#define seL4_UserVSpaceTop (seL4_UserTop - 1)

SEL4_SIZE_SANITY(seL4_PageTableEntryBits, seL4_PageTableIndexBits, seL4_PageTableBits);
SEL4_SIZE_SANITY(seL4_PageDirEntryBits, seL4_PageDirIndexBits, seL4_PageDirBits);
SEL4_SIZE_SANITY(seL4_PDPTEntryBits, seL4_PDPTIndexBits, seL4_PDPTBits);
SEL4_SIZE_SANITY(seL4_PML4EntryBits, seL4_PML4IndexBits, seL4_PML4Bits);
