/*
 * x86_64 values of sel4utils' architecture-neutral names (sel4-facts.md 9.16): seL4_ARCH_*
 * invocations, object types and VM attributes map to their seL4_X86_* / seL4_X64_* forms.
 */
#pragma once

#include <sel4/sel4.h>

#define seL4_ARCH_Page_Map seL4_X86_Page_Map
#define seL4_ARCH_Page_Unmap seL4_X86_Page_Unmap
#define seL4_ARCH_Page_GetAddress seL4_X86_Page_GetAddress
#define seL4_ARCH_Page_GetAddress_t seL4_X86_Page_GetAddress_t
#define seL4_ARCH_PageTable_Map seL4_X86_PageTable_Map
#define seL4_ARCH_PageTable_Unmap seL4_X86_PageTable_Unmap
#define seL4_ARCH_PageDirectory_Map seL4_X86_PageDirectory_Map
#define seL4_ARCH_PageDirectory_Unmap seL4_X86_PageDirectory_Unmap
#define seL4_ARCH_PDPT_Map seL4_X86_PDPT_Map
#define seL4_ARCH_PDPT_Unmap seL4_X86_PDPT_Unmap
#define seL4_ARCH_ASIDControl_MakePool seL4_X86_ASIDControl_MakePool
#define seL4_ARCH_ASIDPool_Assign seL4_X86_ASIDPool_Assign

#define seL4_ARCH_VMAttributes seL4_X86_VMAttributes
#define seL4_ARCH_Default_VMAttributes seL4_X86_Default_VMAttributes
#define seL4_ARCH_Uncached_VMAttributes seL4_X86_CacheDisabled

#define seL4_ARCH_4KPage seL4_X86_4K
#define seL4_ARCH_LargePageObject seL4_X86_LargePageObject
#define seL4_ARCH_HugePageObject seL4_X64_HugePageObject
#define seL4_ARCH_PageTableObject seL4_X86_PageTableObject
#define seL4_ARCH_PageDirectoryObject seL4_X86_PageDirectoryObject
#define seL4_ARCH_PDPTObject seL4_X86_PDPTObject
#define seL4_ARCH_VSpaceObject seL4_X64_PML4Object
#define seL4_ARCH_PML4Object seL4_X64_PML4Object

#define ARCH_SYSCALL_INSTRUCTION_SIZE 2
