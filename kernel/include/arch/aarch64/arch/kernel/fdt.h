/*
 * The little of a flattened device tree (devicetree specification v0.4, chapter 5) the
 * kernel reads itself: its size, to hand a copy to the root task (the FDT extra BootInfo
 * chunk, facts 5), and the RAM banks of the /memory nodes.
 */
#ifndef ARCH_KERNEL_FDT_H
#define ARCH_KERNEL_FDT_H

#include <kernel/boot.h>

/* The size of the tree at fdt without the free space after its blocks, or 0 when there is no
 * valid tree there. */
word_t fdt_size(const void *fdt);
/* Rewrites the tree's totalsize (for a copy of fdt_size bytes). */
void fdt_set_size(void *fdt, word_t size);

/* Adds the reg ranges of every top-level memory node to ram. False if the list is full. */
bool fdt_add_memory(const void *fdt, region_list_t *ram);

#endif
