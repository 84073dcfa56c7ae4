/*
 * x86 extra BootInfo chunks (seL4's arch/bootinfo_types.h; sel4-facts.md 1.5 and 9.16):
 * VBE mode info, the multiboot memory map, the framebuffer and the TSC frequency. Each chunk
 * starts with a seL4_BootInfoHeader whose id is one of SEL4_BOOTINFO_HEADER_X86_*.
 * Kernel-shared.
 */
#pragma once

#include <sel4/macros.h>
#include <sel4/simple_types.h>
#include <sel4/bootinfo_types.h> /* seL4_BootInfoHeader */

#define SEL4_MULTIBOOT_MAX_MMAP_ENTRIES 50
#define SEL4_MULTIBOOT_RAM_REGION_TYPE 1

/* VESA BIOS Extensions information blocks, kept as opaque bytes */
typedef struct seL4_VBEInfoBlock {
    seL4_Uint8 bytes[512];
} SEL4_PACKED seL4_VBEInfoBlock_t;

typedef struct seL4_VBEModeInfoBlock {
    seL4_Uint8 bytes[256];
} SEL4_PACKED seL4_VBEModeInfoBlock_t;

typedef struct seL4_X86_BootInfo_VBE {
    seL4_BootInfoHeader header;
    seL4_VBEInfoBlock_t vbeInfoBlock;
    seL4_VBEModeInfoBlock_t vbeModeInfoBlock;
    seL4_Uint32 vbeMode;
    seL4_Uint32 vbeInterfaceSeg;
    seL4_Uint32 vbeInterfaceOff;
    seL4_Uint32 vbeInterfaceLen;
} SEL4_PACKED seL4_X86_BootInfo_VBE;

/* One multiboot 1 memory-map entry, exactly as the boot loader gives it */
typedef struct seL4_X86_mb_mmap {
    seL4_Uint32 size;
    seL4_Uint64 base_addr;
    seL4_Uint64 length;
    seL4_Uint32 type;
} SEL4_PACKED seL4_X86_mb_mmap_t;

/* Chunk SEL4_BOOTINFO_HEADER_X86_MBMMAP; mmap_length is in bytes */
typedef struct seL4_X86_BootInfo_mmap {
    seL4_BootInfoHeader header;
    seL4_Uint32 mmap_length;
    seL4_X86_mb_mmap_t mmap[SEL4_MULTIBOOT_MAX_MMAP_ENTRIES];
} SEL4_PACKED seL4_X86_BootInfo_mmap_t;

/* Chunk SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER (multiboot 2 framebuffer tag contents) */
typedef struct seL4_X86_BootInfo_fb {
    seL4_BootInfoHeader header;
    seL4_Uint64 addr;
    seL4_Uint32 pitch;
    seL4_Uint32 width;
    seL4_Uint32 height;
    seL4_Uint8 bpp;
    seL4_Uint8 type;
} SEL4_PACKED seL4_X86_BootInfo_fb_t;

/* Chunk SEL4_BOOTINFO_HEADER_X86_TSC_FREQ: header then the TSC frequency in MHz (u32).
 * seL4 has no named type for it; this struct is our name for that layout. */
typedef struct seL4_X86_BootInfo_TSCFreq {
    seL4_BootInfoHeader header;
    seL4_Uint32 freq_mhz;
} SEL4_PACKED seL4_X86_BootInfo_TSCFreq_t;

_Static_assert(sizeof(seL4_X86_mb_mmap_t) == 24, "multiboot mmap entry is 24 bytes");
_Static_assert(sizeof(seL4_X86_BootInfo_mmap_t) == 16 + 4 + 24 * SEL4_MULTIBOOT_MAX_MMAP_ENTRIES,
               "mmap chunk layout");
_Static_assert(sizeof(seL4_X86_BootInfo_TSCFreq_t) == 20, "TSC chunk is header + u32");
