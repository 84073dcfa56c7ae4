/*
 * The allocation routine shared by the loader (which retypes for real) and the host tool (which
 * simulates the same steps on the untyped list it predicts the kernel will hand out).
 * Deterministic and freestanding; all state lives in caller-provided arrays.
 *
 * Algorithm, for objects taken in spec order (capdl/spec.h: paddr objects by address, then the
 * rest largest first):
 *  - object with a physical address: the untyped (device or RAM) containing [paddr, paddr+size)
 *    is found; the address must not lie below that untyped's watermark (the loader reaches it by
 *    retyping filler objects, O(log distance)); the watermark moves past the object.
 *  - other objects: RAM untypeds are visited largest first (ties: lower address first); an
 *    object goes at the current untyped's watermark rounded up to its size, as seL4_Untyped_Retype
 *    does; when it does not fit, the routine moves on to the next untyped and never returns.
 */
#ifndef CAPDL_ALLOC_H
#define CAPDL_ALLOC_H

#include <capdl/spec.h>

typedef struct cdl_untyped {
    uint64_t paddr;
    uint8_t size_bits;
    uint8_t is_device;
} cdl_untyped_t;

typedef struct cdl_alloc_state {
    const cdl_untyped_t *uts;
    uint32_t n;
    uint64_t *watermark; /* n entries: next free address in each untyped */
    uint32_t *order;     /* n entries: RAM untypeds, largest first, then device ones */
    uint32_t n_ram;      /* RAM untypeds at the front of order */
    uint32_t cur;        /* position in order of the untyped in use */
} cdl_alloc_state_t;

/* Prepares st over uts[0..n); watermark and order must each hold n entries. */
void cdl_alloc_init(cdl_alloc_state_t *st, const cdl_untyped_t *uts, uint32_t n, uint64_t *watermark,
                    uint32_t *order);

/*
 * Places one object of 2^mem_bits bytes (mem_bits > 0), at paddr when has_paddr. On CDL_OK sets
 * *ut to the untyped index and *addr to the object's physical address. Failures:
 * CDL_ERR_OUT_OF_MEMORY, CDL_ERR_PADDR_UNREACHABLE (no untyped contains the range),
 * CDL_ERR_PADDR_TAKEN (below the watermark of the untyped containing it).
 */
cdl_status_t cdl_alloc_place(cdl_alloc_state_t *st, unsigned mem_bits, bool has_paddr, uint64_t paddr,
                             uint32_t *ut, uint64_t *addr);

/* Called for every placed object of a spec. */
typedef void (*cdl_alloc_cb_t)(uint32_t obj, uint32_t ut, uint64_t addr, void *ctx);

/*
 * Runs cdl_alloc_place over every object of a validated spec that needs memory, in spec order.
 * Returns CDL_OK or the first failure with the object's index.
 */
cdl_result_t cdl_alloc_spec(const cdl_spec_t *spec, cdl_alloc_state_t *st, cdl_alloc_cb_t cb, void *ctx);

#endif
