/*
 * How the portable core reaches physical memory: through the architecture's kernel window.
 * On x86_64 that is the physical window; on the host test architecture a fake RAM array.
 */
#ifndef KERNEL_MEMORY_H
#define KERNEL_MEMORY_H

#include <types.h>
#include <arch/memlayout.h>
#include <object/cap.h>

static inline void *paddr_to_kptr(paddr_t p)
{
    return paddr_to_pptr(p);
}

static inline paddr_t kptr_to_paddr(const void *v)
{
    return pptr_to_paddr(v);
}

/* The same for an object retyped from untyped (cheaper: never in the kernel image). */
static inline paddr_t obj_kptr_to_paddr(const void *v)
{
    return window_pptr_to_paddr(v);
}

/* The object of a cap to a kernel object retyped from RAM (CNode, TCB, endpoint,
 * notification): always in the physical window, so cheaper than the general conversion. */
static inline void *cap_window_kptr(cap_t c)
{
    return window_word_to_pptr(c.words[0]);
}

#endif
