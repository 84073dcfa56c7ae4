/*
 * AArch64 mapping helpers (seL4's sel4_arch/mapping.h for aarch64). A Map that fails with
 * FailedLookup leaves bitsLeft in MR2: 21 = no page table, 30 = no page directory, 39 = no
 * page upper directory (facts 4.4). USER-ONLY.
 */
#pragma once

#include <sel4/functions.h>

#define SEL4_MAPPING_LOOKUP_LEVEL 2
#define SEL4_MAPPING_LOOKUP_NO_PT 21
#define SEL4_MAPPING_LOOKUP_NO_PD 30
#define SEL4_MAPPING_LOOKUP_NO_PUD 39

/* After a FailedLookup from a Map invocation: the bitsLeft value naming the missing level. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_MappingFailedLookupLevel(void)
{
    return seL4_GetMR(SEL4_MAPPING_LOOKUP_LEVEL);
}
