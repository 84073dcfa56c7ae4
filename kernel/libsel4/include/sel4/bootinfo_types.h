/*
 * BootInfo: what the kernel tells the root task at start (sel4-facts.md 1.5), seL4's
 * sel4/bootinfo_types.h. Kernel-shared: the kernel fills exactly this struct into the
 * BootInfo frame, the runtime reads it. Offsets are pinned by static asserts below.
 * The x86 extra BootInfo chunks are in sel4/arch/bootinfo_types.h.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/macros.h>
#include <sel4/simple_types.h>
#include <sel4/shared_types.h>

/* Fixed slots of the root task's CNode */
enum seL4_RootCNodeCapSlots {
    seL4_CapNull = 0,
    seL4_CapInitThreadTCB = 1,
    seL4_CapInitThreadCNode = 2,
    seL4_CapInitThreadVSpace = 3,
    seL4_CapIRQControl = 4,
    seL4_CapASIDControl = 5,
    seL4_CapInitThreadASIDPool = 6,
    seL4_CapIOPortControl = 7,
    seL4_CapIOSpace = 8,
    seL4_CapBootInfoFrame = 9,
    seL4_CapInitThreadIPCBuffer = 10,
    seL4_CapDomain = 11,
    seL4_CapSMMUSIDControl = 12,
    seL4_CapSMMUCBControl = 13,
    seL4_CapInitThreadSC = 14,
    seL4_CapSMC = 15,
    seL4_NumInitialCaps = 16
};
#define seL4_CapInitThreadPD seL4_CapInitThreadVSpace

typedef seL4_Word seL4_SlotPos;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;

/* A range of slots [start, end) in the root CNode */
typedef struct seL4_SlotRegion {
    seL4_SlotPos start;
    seL4_SlotPos end;
} seL4_SlotRegion;

/* One boot untyped: its physical address, size and whether it is device memory */
typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits;
    seL4_Uint8 isDevice;
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

typedef struct seL4_BootInfo {
    seL4_Word extraLen;                /* bytes of extra chunks after the BootInfo frame */
    seL4_NodeId nodeID;
    seL4_Word numNodes;
    seL4_Word numIOPTLevels;           /* -1 on x86 without IOMMU */
    seL4_IPCBuffer *ipcBuffer;         /* vaddr of the initial thread's IPC buffer */
    seL4_SlotRegion empty;
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames;
    seL4_SlotRegion userImagePaging;
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages;
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
#ifdef CONFIG_KERNEL_MCS
    seL4_SlotRegion schedcontrol;      /* one SchedControl cap per core (sel4-mcs-facts 3.1) */
#endif
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
} seL4_BootInfo;

/* Header of each extra BootInfo chunk; len includes the header */
typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len;
} seL4_BootInfoHeader;

typedef enum {
    SEL4_BOOTINFO_HEADER_PADDING = 0,
    SEL4_BOOTINFO_HEADER_X86_VBE = 1,
    SEL4_BOOTINFO_HEADER_X86_MBMMAP = 2,
    SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP = 3,
    SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER = 4,
    SEL4_BOOTINFO_HEADER_X86_TSC_FREQ = 5,
    SEL4_BOOTINFO_HEADER_FDT = 6,
    SEL4_BOOTINFO_HEADER_NUM,
    SEL4_FORCE_LONG_ENUM(seL4_BootInfoID)
} seL4_BootInfoID;

_Static_assert(sizeof(seL4_UntypedDesc) == 16, "seL4_UntypedDesc is 16 bytes");
_Static_assert(__builtin_offsetof(seL4_BootInfo, numIOPTLevels) == 24, "BootInfo.numIOPTLevels");
_Static_assert(__builtin_offsetof(seL4_BootInfo, ipcBuffer) == 32, "BootInfo.ipcBuffer");
_Static_assert(__builtin_offsetof(seL4_BootInfo, empty) == 40, "BootInfo.empty");
_Static_assert(__builtin_offsetof(seL4_BootInfo, sharedFrames) == 56, "BootInfo.sharedFrames");
_Static_assert(__builtin_offsetof(seL4_BootInfo, userImageFrames) == 72, "BootInfo.userImageFrames");
_Static_assert(__builtin_offsetof(seL4_BootInfo, userImagePaging) == 88, "BootInfo.userImagePaging");
_Static_assert(__builtin_offsetof(seL4_BootInfo, ioSpaceCaps) == 104, "BootInfo.ioSpaceCaps");
_Static_assert(__builtin_offsetof(seL4_BootInfo, extraBIPages) == 120, "BootInfo.extraBIPages");
_Static_assert(__builtin_offsetof(seL4_BootInfo, initThreadCNodeSizeBits) == 136, "BootInfo.cnodeSizeBits");
_Static_assert(__builtin_offsetof(seL4_BootInfo, initThreadDomain) == 144, "BootInfo.initThreadDomain");
#ifdef CONFIG_KERNEL_MCS
_Static_assert(__builtin_offsetof(seL4_BootInfo, schedcontrol) == 152, "BootInfo.schedcontrol (MCS)");
_Static_assert(__builtin_offsetof(seL4_BootInfo, untyped) == 168, "BootInfo.untyped (MCS)");
_Static_assert(__builtin_offsetof(seL4_BootInfo, untypedList) == 184, "BootInfo.untypedList (MCS)");
_Static_assert(sizeof(seL4_BootInfo) == 3864, "MCS seL4_BootInfo is 3864 bytes with 230 untypeds");
#else
_Static_assert(__builtin_offsetof(seL4_BootInfo, untyped) == 152, "BootInfo.untyped");
_Static_assert(__builtin_offsetof(seL4_BootInfo, untypedList) == 168, "BootInfo.untypedList");
_Static_assert(sizeof(seL4_BootInfo) == 3848, "seL4_BootInfo is 3848 bytes with 230 untypeds");
#endif
_Static_assert(sizeof(seL4_BootInfo) <= (1ul << 12), "BootInfo fits its 4 KiB frame");

#include <sel4/arch/bootinfo_types.h>
