/*
 * Allocation simulation pass: predicts the kernel's untyped list for the machine's memory size
 * (kernel_untypeds.h) and runs the loader's allocation routine (libcapdl cdl_alloc_spec, the
 * same code) over the binary spec. A failure becomes an error naming the object (with its YAML
 * position when it has one), its size, and what memory there was.
 */
#ifndef CAPDL_TOOL_ALLOC_SIM_H
#define CAPDL_TOOL_ALLOC_SIM_H

#include "kernel_untypeds.h"
#include "model.h"

#define ALLOC_DEFAULT_RESERVED (32ull << 20)

typedef struct alloc_sim {
    cdl_untyped_t uts[KERNEL_UNTYPEDS_MAX];
    unsigned n_uts;
    uint64_t watermark[KERNEL_UNTYPEDS_MAX];
    uint64_t ram_free;     /* bytes of RAM untypeds */
    uint64_t ram_used;     /* bytes the objects took, alignment included */
    uint32_t *ut_of;       /* per object: untyped index or CDL_NONE */
} alloc_sim_t;

/* Runs the simulation for spec (validated by the caller). False with errors in d on failure. */
bool alloc_sim_run(const model_t *m, const void *spec, size_t len, uint64_t reserved, alloc_sim_t *out, diag_t *d);

void alloc_sim_free(alloc_sim_t *a);

#endif
