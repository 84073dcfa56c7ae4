/*
 * Force-included (-include) into the seed programs written against seL4's x86 names (specs/
 * mapping, specs/untyped) when they are built for AArch64: each x86 name reads as its ARM
 * counterpart, so the programs run unchanged. This works because AArch64's VSpace has the same
 * four levels as x86_64's and seL4_ARM_PageTable_Map installs a table at the first missing
 * level, which is the level the x86 call names when the program maps them in order
 * (docs/aarch64.md).
 */
#pragma once

#include <sel4/sel4.h>

#define seL4_X86_4K seL4_ARM_SmallPageObject
#define seL4_X86_PageTableObject seL4_ARM_PageTableObject
#define seL4_X86_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_X86_PDPTObject seL4_ARM_PageTableObject
#define seL4_X86_Page_Map seL4_ARM_Page_Map
#define seL4_X86_PageTable_Map seL4_ARM_PageTable_Map
#define seL4_X86_PageDirectory_Map seL4_ARM_PageTable_Map
#define seL4_X86_PDPT_Map seL4_ARM_PageTable_Map
#define seL4_X86_Default_VMAttributes seL4_ARM_Default_VMAttributes
#define seL4_X86_Page_GetAddress seL4_ARM_Page_GetAddress
#define seL4_X86_Page_GetAddress_t seL4_ARM_Page_GetAddress_t
#define SEL4_MAPPING_LOOKUP_NO_PDPT SEL4_MAPPING_LOOKUP_NO_PUD
