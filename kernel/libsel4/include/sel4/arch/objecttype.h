/*
 * x86 object types (seL4's arch/objecttype.h): 4 KiB and 2 MiB frames, page tables and page
 * directories; IOMMU and VT-x objects are absent (sentinel values). Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/simple_types.h>

typedef enum _object {
    seL4_X86_4K = seL4_ModeObjectTypeCount,
    seL4_X86_LargePageObject,
    seL4_X86_PageTableObject,
    seL4_X86_PageDirectoryObject,
    seL4_ObjectTypeCount
} seL4_ArchObjectType;

typedef seL4_Word object_t;

#define seL4_X86_IOPageTableObject 0xffffff
#define seL4_X86_VCPUObject 0xfffffe
#define seL4_X86_EPTPML4Object 0xfffffd
#define seL4_X86_EPTPDPTObject 0xfffffc
#define seL4_X86_EPTPDObject 0xfffffb
#define seL4_X86_EPTPTObject 0xfffffa
