/*
 * Boot-time bookkeeping shared by the architecture's boot code and the portable core:
 * physical region lists (free RAM, reserved ranges), the allocator the kernel uses for the
 * root task's objects, the split of a region into untyped blocks, and the root CNode filler.
 * Everything here runs once, before the first thread starts.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <config.h>
#include <types.h>
#include <object/structures.h>
#include <sel4/bootinfo_types.h>

typedef struct p_region {
    paddr_t start; /* inclusive */
    paddr_t end;   /* exclusive */
} p_region_t;

/* A sorted list of disjoint, non-adjacent physical regions. */
typedef struct region_list {
    p_region_t r[CONFIG_MAX_BOOT_REGIONS];
    unsigned count;
} region_list_t;

/* Adds [start, end) merging with neighbours. Returns false if the list is full. */
bool region_list_add(region_list_t *l, paddr_t start, paddr_t end);

/* Removes [start, end) from every region, splitting where needed. False if the list is full. */
bool region_list_remove(region_list_t *l, paddr_t start, paddr_t end);

/* Keeps only the parts of the list inside [start, end). */
void region_list_clip(region_list_t *l, paddr_t start, paddr_t end);

/*
 * Finds the lowest address a with a aligned to 2^align_bits and [a, a + size) inside one
 * region, removes it from the list and returns it; returns 0 if nothing fits (address 0 is
 * never free RAM for the kernel).
 */
paddr_t region_list_alloc(region_list_t *l, word_t size, unsigned align_bits);

/* Total bytes in the list. */
word_t region_list_bytes(const region_list_t *l);

/*
 * Splits [start, end) into the fewest naturally aligned power-of-two blocks, in address
 * order, each of size 2^min_bits .. 2^max_bits; leftovers smaller than 2^min_bits are dropped.
 * Calls emit(block start, size bits, ctx) for each and stops early when emit returns false.
 * Returns the number of blocks emitted.
 */
unsigned split_into_blocks(paddr_t start, paddr_t end, unsigned min_bits, unsigned max_bits,
                           bool (*emit)(paddr_t, unsigned, void *), void *ctx);

/*
 * The root CNode being filled: slots are handed out in order, as seL4 does, so the BootInfo
 * slot regions are contiguous.
 */
typedef struct root_cnode_filler {
    cte_t *slots;      /* the root CNode's slots */
    word_t num_slots;  /* 2^CONFIG_ROOT_CNODE_SIZE_BITS */
    word_t next;       /* next free slot */
} root_cnode_filler_t;

/* Puts cap into the next free slot as an original (revocable, CDT root) cap; returns its slot
 * number, or 0 when the CNode is full. */
seL4_SlotPos boot_provide_cap(root_cnode_filler_t *f, cap_t cap);

/* Places cap into fixed slot `index` as an original cap. */
void boot_write_slot(root_cnode_filler_t *f, seL4_SlotPos index, cap_t cap);

/*
 * Adds untyped caps covering [start, end) to the root CNode and their descriptors to bi,
 * stopping (with a warning) when either the BootInfo list or the CNode is full.
 * Returns false if anything had to be left out.
 */
bool boot_create_untypeds(root_cnode_filler_t *f, seL4_BootInfo *bi, paddr_t start, paddr_t end,
                          bool device);

/* Prints "kernel: boot failed: ..." and stops the machine with the panic status. */
void boot_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2))) NORETURN;

/* Takes [start, end), widened to whole pages, out of the free list; fails the boot naming
 * `what` when the list has no room for the split. */
void boot_reserve(region_list_t *free, paddr_t start, paddr_t end, const char *what);

#endif
