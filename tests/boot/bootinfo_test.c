/*
 * The BootInfo system test: a root task that prints a summary of what the kernel handed it and
 * checks it against seL4's boot protocol (sel4-facts 1.5, 9.14, 9.15): the fixed initial caps
 * by seL4_DebugCapIdentify, the slot regions in order and contiguous, the untyped list, the
 * address layout (IPC buffer, BootInfo frame, extra pages), the extra BootInfo chunks, TLS and
 * the IPC buffer. Ends the machine with seL4_DebugHalt.
 */
#include <sel4/sel4.h>
#include <sel4/arch/bootinfo_types.h>
#include <stdio.h>

#include "root_check.h"
#include <string.h>

/* Where physical address 0 appears in the kernel's window (seL4's PPTR_BASE on x86_64). */
#define KERNEL_WINDOW_BASE 0xffffff8000000000ul

static __thread int tls_probe = 42;


/* seL4's kernel cap type numbers (what seL4_DebugCapIdentify returns). */
enum { NULL_CAP = 0, FRAME = 1, UNTYPED = 2, PAGE_TABLE = 3, PAGE_DIRECTORY = 5, PDPT = 7, PML4 = 9,
       CNODE = 10, ASID_CONTROL = 11, THREAD = 12, ASID_POOL = 13, IRQ_CONTROL = 14, DOMAIN = 20,
       IO_PORT_CONTROL = 31 };

static void check_fixed_slots(void)
{
    static const int want[seL4_NumInitialCaps] = {
        NULL_CAP, THREAD, CNODE, PML4 /* the VSpace on ARM */, IRQ_CONTROL, ASID_CONTROL, ASID_POOL,
#ifdef CONFIG_ARCH_AARCH64
        NULL_CAP /* no I/O ports on ARM */,
#else
        IO_PORT_CONTROL,
#endif
        NULL_CAP /* no IOMMU */, FRAME, FRAME, DOMAIN, NULL_CAP, NULL_CAP, NULL_CAP, NULL_CAP,
    };
    for (seL4_CPtr slot = 0; slot < seL4_NumInitialCaps; slot++) {
        seL4_Uint32 got = seL4_DebugCapIdentify(slot);
        CHECK(got == (seL4_Uint32)want[slot], "slot %lu holds cap type %u, expected %d", slot, got, want[slot]);
    }
}

static void check_region(const char *name, seL4_SlotRegion r, int type1, int type2, int type3)
{
    for (seL4_CPtr s = r.start; s < r.end; s++) {
        int t = (int)seL4_DebugCapIdentify(s);
        CHECK(t == type1 || t == type2 || t == type3, "%s slot %lu holds cap type %d", name, s, t);
    }
}

static void check_slot_regions(const seL4_BootInfo *bi)
{
    CHECK(bi->userImagePaging.start == seL4_NumInitialCaps, "paging caps start at %lu", bi->userImagePaging.start);
    CHECK(bi->userImagePaging.end == bi->extraBIPages.start, "extra BootInfo caps follow the paging caps");
    CHECK(bi->extraBIPages.end == bi->userImageFrames.start, "image frames follow the extra BootInfo caps");
    CHECK(bi->userImageFrames.end == bi->untyped.start, "untypeds follow the image frames");
    CHECK(bi->untyped.end == bi->empty.start, "the empty region follows the untypeds");
    CHECK(bi->empty.end == (1ul << bi->initThreadCNodeSizeBits), "the empty region ends at the CNode's end");
    CHECK(bi->userImagePaging.end - bi->userImagePaging.start >= 3, "at least one table of each level");
#ifdef CONFIG_ARCH_AARCH64
    check_region("paging", bi->userImagePaging, PAGE_TABLE, PAGE_TABLE, PAGE_TABLE); /* one type, every level */
#else
    check_region("paging", bi->userImagePaging, PDPT, PAGE_DIRECTORY, PAGE_TABLE);
#endif
    check_region("extra BootInfo", bi->extraBIPages, FRAME, FRAME, FRAME);
    check_region("image frame", bi->userImageFrames, FRAME, FRAME, FRAME);
    check_region("untyped", bi->untyped, UNTYPED, UNTYPED, UNTYPED);
    CHECK(seL4_DebugCapIdentify(bi->empty.start) == NULL_CAP, "the first empty slot is empty");
    CHECK(seL4_DebugCapIdentify(bi->empty.end - 1) == NULL_CAP, "the last empty slot is empty");
}

/* Prints the untyped summary; checks sizes, alignment and the device-first order. */
static void check_untypeds(const seL4_BootInfo *bi)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start, ram = 0, device = 0, ram_count = 0;
    int seen_ram = 0;
    CHECK(n > 0 && n <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS, "%lu untypeds", n);
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        CHECK(u->sizeBits >= seL4_MinUntypedBits && u->sizeBits <= seL4_MaxUntypedBits, "untyped %lu has %u bits", i, u->sizeBits);
        /* seL4 carves untypeds aligned to their size at their kernel-window address (paddr +
         * KERNEL_WINDOW_BASE): for memory below 2^39 that is the physical alignment, for device
         * memory above it not (seL4 16.0.0 lists 2^46 bytes at 0x408000000000, for one). What
         * both kernels guarantee is one of the two: */
        seL4_Word mask = (1ul << u->sizeBits) - 1;
        CHECK((u->paddr & mask) == 0 || ((u->paddr + KERNEL_WINDOW_BASE) & mask) == 0,
              "untyped %lu at 0x%lx is aligned to its size neither physically nor in the kernel window", i, u->paddr);
        CHECK(!(seen_ram && u->isDevice), "device untyped %lu after RAM untypeds", i);
        seen_ram |= !u->isDevice;
        if (u->isDevice) {
            device++;
        } else {
            ram += 1ul << u->sizeBits;
            ram_count++;
        }
    }
    printf("BootInfo: %lu untypeds: %lu RAM (%lu KiB), %lu device\n", n, ram_count, ram >> 10, device);
    CHECK(ram >= 400ul << 20, "only %lu KiB of RAM untyped with 512 MiB in the machine", ram >> 10);
}

static void check_layout(const seL4_BootInfo *bi)
{
    seL4_Word ipc = (seL4_Word)bi->ipcBuffer;
    CHECK(ipc == (seL4_Word)seL4_GetIPCBuffer(), "the runtime uses the BootInfo IPC buffer");
    CHECK((seL4_Word)bi == ipc + 4096, "BootInfo frame at 0x%lx, the page after the IPC buffer 0x%lx", (seL4_Word)bi, ipc);
    CHECK(bi->nodeID == 0 && bi->numNodes == 1, "node %lu of %lu", bi->nodeID, bi->numNodes);
#ifdef CONFIG_ARCH_AARCH64
    CHECK(bi->numIOPTLevels == 0, "numIOPTLevels is %ld without an SMMU", (long)bi->numIOPTLevels);
#else
    CHECK(bi->numIOPTLevels == (seL4_Word)-1, "numIOPTLevels is %ld without an IOMMU", (long)bi->numIOPTLevels);
#endif
    CHECK(bi->initThreadDomain == 0, "initial domain %lu", bi->initThreadDomain);
    CHECK(bi->sharedFrames.start == bi->sharedFrames.end && bi->ioSpaceCaps.start == bi->ioSpaceCaps.end,
          "no shared frames and no IOSpace caps");
}

#ifdef CONFIG_ARCH_AARCH64
/* ARM has one extra chunk, the device tree (facts 5): a header, then the DTB (magic d00dfeed,
 * big-endian), nothing after it. */
static void check_extra_bootinfo(const seL4_BootInfo *bi)
{
    const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)((const char *)bi + 4096);
    const unsigned char *dtb = (const unsigned char *)(h + 1);
    CHECK(bi->extraLen > sizeof(*h) && bi->extraLen <= 4096 * (bi->extraBIPages.end - bi->extraBIPages.start),
          "extraLen %lu for %lu extra pages", bi->extraLen, bi->extraBIPages.end - bi->extraBIPages.start);
    CHECK(h->id == SEL4_BOOTINFO_HEADER_FDT && h->len == bi->extraLen, "chunk %lu of %lu bytes", h->id, h->len);
    int magic = dtb[0] == 0xd0 && dtb[1] == 0x0d && dtb[2] == 0xfe && dtb[3] == 0xed;
    CHECK(magic, "the FDT chunk does not start with the device tree magic");
    printf("BootInfo: device tree of %lu bytes\n", h->len - sizeof(*h));
}
#else
static void check_extra_bootinfo(const seL4_BootInfo *bi)
{
    const char *p = (const char *)bi + 4096, *end = p + bi->extraLen;
    seL4_Uint32 tsc = 0, mmap_entries = 0;
    int rsdp = 0;
    /* extraLen is the byte length of the chunks (seL4 gives the exact sum; ours pads the last
     * page with a padding chunk, which counts): they fit in the extra pages and the walk below
     * must end exactly at extraLen. */
    CHECK(bi->extraLen > 0 && bi->extraLen <= 4096 * (bi->extraBIPages.end - bi->extraBIPages.start),
          "extraLen %lu for %lu extra pages", bi->extraLen, bi->extraBIPages.end - bi->extraBIPages.start);
    while (p < end) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)p;
        if (h->len == 0) {
            CHECK(0, "extra BootInfo chunk %lu has length 0", h->id);
            break;
        }
        if (h->id == SEL4_BOOTINFO_HEADER_X86_TSC_FREQ) {
            tsc = ((const seL4_X86_BootInfo_TSCFreq_t *)h)->freq_mhz;
        } else if (h->id == SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP) {
            /* the header, then the firmware's 36-byte ACPI 2.0 RSDP, as seL4 copies it */
            rsdp = h->len == sizeof(*h) + 36 && memcmp(h + 1, "RSD PTR ", 8) == 0;
            CHECK(rsdp, "ACPI RSDP chunk of %lu bytes without the RSDP signature", h->len);
        } else if (h->id == SEL4_BOOTINFO_HEADER_X86_MBMMAP) {
            mmap_entries = ((const seL4_X86_BootInfo_mmap_t *)h)->mmap_length / sizeof(seL4_X86_mb_mmap_t);
        }
        p += h->len;
    }
    CHECK(p == end, "the chunks end %ld bytes from extraLen", (long)(p - end));
    CHECK(tsc > 0, "no TSC frequency chunk");
    CHECK(mmap_entries > 0, "no multiboot memory map chunk");
    CHECK(rsdp, "no ACPI RSDP chunk (QEMU's firmware has ACPI tables)");
    printf("BootInfo: TSC %u MHz, %u memory map entries\n", tsc, mmap_entries);
}

#endif

static void check_runtime(void)
{
    CHECK(tls_probe == 42, "__thread initial value %d", tls_probe);
    tls_probe = 7;
    CHECK(tls_probe == 7, "__thread write");
    seL4_SetMR(0, 0x1111);
    seL4_SetMR(9, 0x9999); /* MRs past 4 live in the IPC buffer */
    CHECK(seL4_GetMR(0) == 0x1111 && seL4_GetMR(9) == 0x9999, "message registers round trip");
    /* Invoking an empty slot: InvalidCapability (sel4-facts 9.13). */
    CHECK(seL4_TCB_Suspend(seL4_CapNull) == seL4_InvalidCapability, "invoking a null cap");
}

int main(void)
{
    seL4_BootInfo *bi = seL4_GetBootInfo();
    printf("BootInfo: initial CNode has %lu slots (%lu bits), empty slots [%lu, %lu)\n",
           1ul << bi->initThreadCNodeSizeBits, bi->initThreadCNodeSizeBits, bi->empty.start, bi->empty.end);
    printf("BootInfo: image frames [%lu, %lu), paging [%lu, %lu), IPC buffer at 0x%lx\n", bi->userImageFrames.start,
           bi->userImageFrames.end, bi->userImagePaging.start, bi->userImagePaging.end, (seL4_Word)bi->ipcBuffer);
    check_fixed_slots();
    check_slot_regions(bi);
    check_untypeds(bi);
    check_layout(bi);
    check_extra_bootinfo(bi);
    check_runtime();
    printf("BootInfo test: %s (%d checks, %d failed)\n", root_failures ? "FAILED" : "PASS", root_checks, root_failures);
    seL4_DebugHalt();
    return 0;
}
