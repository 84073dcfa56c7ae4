/*
 * AArch64 mode object types (seL4's sel4_arch/objecttype.h for aarch64): the 1 GiB frame and
 * the top-level VSpace table (facts 4.1). Kernel-shared; included from sel4/objecttype.h.
 */
#pragma once

typedef enum _mode_object {
    seL4_ARM_HugePageObject = seL4_NonArchObjectTypeCount,
    seL4_ARM_VSpaceObject,
    seL4_ModeObjectTypeCount
} seL4_ModeObjectType;

#define seL4_ARM_PageGlobalDirectoryObject seL4_ARM_VSpaceObject
