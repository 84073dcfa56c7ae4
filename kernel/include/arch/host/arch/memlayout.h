/*
 * The host test architecture's "physical memory": a buffer the test allocates. Physical
 * address p lives at host_phys_base + p, so the core's paddr <-> pointer conversions work
 * unchanged in a normal process.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include <types.h>

extern uint8_t *host_phys_base;

static inline void *paddr_to_pptr(paddr_t p)
{
    return host_phys_base + p;
}

static inline paddr_t pptr_to_paddr(const void *v)
{
    return (paddr_t)((const uint8_t *)v - host_phys_base);
}

/* The object whose physical address is the low 39 bits of w (as on x86_64). */
static inline void *window_word_to_pptr(uint64_t w)
{
    return host_phys_base + (w & ((1ull << 39) - 1));
}

/* Every object is in the host's one "physical memory" buffer. */
static inline paddr_t window_pptr_to_paddr(const void *v)
{
    return pptr_to_paddr(v);
}

#endif
