/*
 * Object types for Untyped_Retype (sel4-facts.md 1.6), split as in seL4: generic objects
 * here, then the x86_64 mode objects (sel4_arch/objecttype.h) and the x86 objects
 * (arch/objecttype.h), ending with seL4_ObjectTypeCount = 12 (11 without CONFIG_HUGE_PAGE);
 * MCS inserts SchedContext (5) and Reply (6) before the arch types (sel4-mcs-facts.md 2.1).
 * Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/simple_types.h>

typedef enum api_object {
    seL4_UntypedObject,
    seL4_TCBObject,
    seL4_EndpointObject,
    seL4_NotificationObject,
    seL4_CapTableObject,
#ifdef CONFIG_KERNEL_MCS
    seL4_SchedContextObject,
    seL4_ReplyObject,
#endif
    seL4_NonArchObjectTypeCount,
} seL4_ObjectType;

typedef seL4_Word api_object_t;

#ifndef CONFIG_KERNEL_MCS
/* MCS-only objects do not exist in this configuration. */
#define seL4_SchedContextObject 0xfffffff0
#define seL4_ReplyObject 0xfffffff1
#endif

#include <sel4/sel4_arch/objecttype.h>
#include <sel4/arch/objecttype.h>

#ifdef CONFIG_KERNEL_MCS
/* MCS: SchedContext 5 and Reply 6, every arch type two higher (sel4-mcs-facts 2.1). */
_Static_assert(seL4_SchedContextObject == 5 && seL4_ReplyObject == 6 && seL4_X86_PDPTObject == 7,
               "MCS object numbering (sel4-mcs-facts.md 2.1)");
#ifdef CONFIG_HUGE_PAGE
_Static_assert(seL4_X86_4K == 10 && seL4_X86_PageDirectoryObject == 13 && seL4_ObjectTypeCount == 14,
               "MCS x86 object numbering (sel4-mcs-facts.md 2.1)");
#endif
#elif defined(CONFIG_HUGE_PAGE)
_Static_assert(seL4_X86_PDPTObject == 5 && seL4_X64_PML4Object == 6 && seL4_X64_HugePageObject == 7,
               "x86_64 mode object numbering (sel4-facts.md 1.6)");
_Static_assert(seL4_X86_4K == 8 && seL4_X86_PageDirectoryObject == 11 && seL4_ObjectTypeCount == 12,
               "x86 object numbering (sel4-facts.md 1.6)");
#else
/* Without huge pages (sel4-facts 9.17): no type 7 of its own, the x86 types one lower. */
_Static_assert(seL4_X86_PDPTObject == 5 && seL4_X64_PML4Object == 6 && seL4_X86_4K == 7,
               "x86_64 numbering without huge pages");
_Static_assert(seL4_X86_PageDirectoryObject == 10 && seL4_ObjectTypeCount == 11,
               "x86 numbering without huge pages");
#endif
_Static_assert(CONFIG_ROOT_CNODE_SIZE_BITS >= 12 && CONFIG_ROOT_CNODE_SIZE_BITS <= 20,
               "root CNode size: at least seL4's 12 bits (the initial caps and BootInfo regions fit)");
