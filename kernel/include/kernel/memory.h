/*
 * How the portable core reaches physical memory: through the architecture's kernel window.
 * On x86_64 that is the physical window; on the host test architecture a fake RAM array.
 */
#ifndef KERNEL_MEMORY_H
#define KERNEL_MEMORY_H

#include <types.h>
#include <arch/memlayout.h>

static inline void *paddr_to_kptr(paddr_t p)
{
    return paddr_to_pptr(p);
}

static inline paddr_t kptr_to_paddr(const void *v)
{
    return pptr_to_paddr(v);
}

#endif
