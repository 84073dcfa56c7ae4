/*
 * x86_64 mode object types (seL4's sel4_arch/objecttype.h): PDPT, PML4, 1 GiB huge page.
 * Kernel-shared; included from sel4/objecttype.h.
 */
#pragma once

#include <sel4/gen_config.h>

typedef enum _mode_object {
    seL4_X86_PDPTObject = seL4_NonArchObjectTypeCount,
    seL4_X64_PML4Object,
#ifdef CONFIG_HUGE_PAGE
    seL4_X64_HugePageObject,
#endif
    seL4_ModeObjectTypeCount
} seL4_seL4ArchObjectType;

#define seL4_IA32_PDPTObject seL4_X86_PDPTObject

#ifndef CONFIG_HUGE_PAGE
#define seL4_X64_HugePageObject 0xfffffffe
#endif
