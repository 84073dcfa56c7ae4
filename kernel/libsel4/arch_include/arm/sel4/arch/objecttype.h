/*
 * ARM object types (seL4's arch/objecttype.h for arm): 4 KiB and 2 MiB frames and the page
 * table object used for every level below the VSpace (facts 4.1); VCPU and IO page tables
 * are not configured (sentinels). Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/simple_types.h>

typedef enum _object {
    seL4_ARM_SmallPageObject = seL4_ModeObjectTypeCount,
    seL4_ARM_LargePageObject,
    seL4_ARM_PageTableObject,
    seL4_ObjectTypeCount
} seL4_ArchObjectType;

typedef seL4_Word object_t;

#define seL4_ARM_PageDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_PageUpperDirectoryObject seL4_ARM_PageTableObject
#define seL4_ARM_VCPUObject 0xfffe
#define seL4_ARM_IOPageTableObject 0xffff

_Static_assert(seL4_ARM_HugePageObject == 5 && seL4_ARM_VSpaceObject == 6 && seL4_ARM_SmallPageObject == 7 &&
               seL4_ARM_PageTableObject == 9 && seL4_ObjectTypeCount == 10,
               "aarch64 object numbering (sel4-aarch64-facts.md 4.1)");
