/*
 * capdl-loader's shared state and phases. The loader is the root task: it reads the spec the
 * tool embedded (capdl/blob.h), validates it completely, then creates and connects every
 * object (architecture.md section 5). Each object's original cap lives in the loader's root
 * CNode at obj_slot(i); the loader uses no heap: every table is static or in the spec.
 */
#ifndef LOADER_H
#define LOADER_H

#include <capdl/blob.h>
#include <capdl/spec.h>
#include <sel4/sel4.h>
#include "arch.h"

typedef struct loader {
    const seL4_BootInfo *bi;
    cdl_spec_t spec;
    const cdl_blob_header_t *blob;
    seL4_CPtr first_obj_slot; /* object i's original cap: first_obj_slot + i */
    seL4_CPtr next_free_slot; /* slots after the objects' (mapping copies, scratch) */
    seL4_CPtr slot_limit;     /* one past the last usable slot; the last is kept for failures */
    uint64_t untyped_bytes, mappings, caps_placed;
} loader_t;

extern loader_t loader;

/* The slot of object i's original cap: the loader's own control caps for the singletons. */
static inline seL4_CPtr obj_slot(uint32_t i)
{
    switch (loader.spec.objects[i].type) {
    case CDL_IRQ_CONTROL: return seL4_CapIRQControl;
    case CDL_ASID_CONTROL: return seL4_CapASIDControl;
    case CDL_IOPORT_CONTROL: return seL4_CapIOPortControl;
    case CDL_DOMAIN: return seL4_CapDomain;
#ifdef CONFIG_KERNEL_MCS
    case CDL_SCHED_CONTROL: return loader.bi->schedcontrol.start + loader.spec.objects[i].aux;
#endif
    default: return loader.first_obj_slot + i;
    }
}

/* The embedded file called name (a component's ELF): its bytes (files.c); the pages its index
 * takes (for loader_grow_cspace). */
bool loader_file(const char *name, const uint8_t **data, uint64_t *size);
seL4_Word loader_file_index_pages(void);

/* A fresh slot of the root CNode; fails the boot when none is left. */
seL4_CPtr loader_alloc_slot(void);

/* Reports a failed invocation on object `obj` (CDL_NONE: none) and stops the machine with the
 * failure status. Never returns. */
void loader_fail(uint32_t obj, const char *invocation, seL4_Error err) __attribute__((noreturn));
/* Stops the machine with the failure status after printing msg (no object involved). */
void loader_fail_msg(const char *msg, const char *detail) __attribute__((noreturn));
/* loader_fail unless err is seL4_NoError. */
static inline void loader_check(seL4_Error err, uint32_t obj, const char *invocation)
{
    if (err != seL4_NoError) {
        loader_fail(obj, invocation, err);
    }
}

/* A 4 KiB object of `type` for the loader's own use, placed after the spec's objects. */
seL4_CPtr loader_retype_own(seL4_Word type);

/* Fills the allocation routine's view of the boot untypeds (objects.c). */
void loader_init_untypeds(void);
/* An object of 2^mem_bits bytes for the loader itself into slot (objects.c). */
seL4_CPtr loader_retype_own_sized(seL4_Word type, seL4_Word size_bits, unsigned mem_bits, seL4_CPtr slot);

/* The loader's scratch window (scratch.c): a frame's own cap mapped for filling it, then
 * unmapped; n zeroed pages for the loader's own tables (never unmapped); the slots all of it
 * takes with `own_pages` pages (for loader_grow_cspace). */
void *loader_scratch_map(uint32_t frame);
void loader_scratch_unmap(uint32_t frame);
/* The same for any frame cap (4 KiB, or 2 MiB when large); obj names it in a failure. */
void *loader_scratch_map_cap(seL4_CPtr frame_cap, bool large, uint32_t obj);
void loader_scratch_unmap_cap(seL4_CPtr frame_cap, uint32_t obj);
void *loader_own_pages(seL4_Word n);
seL4_Word loader_scratch_slots(seL4_Word own_pages);
/* The pages vspace.c's record of mapped frames takes (one bit an object). */
seL4_Word loader_mapped_record_pages(void);

/* Makes the loader's CSpace large enough for every object and mapping (cspace_grow.c). */
void loader_grow_cspace(void);

/* The capability dump, only when the spec's header asks for it (CDL_SPEC_F_DUMP_CAPS,
 * docs/verification.md). dump_index.c: the table from each object's kernel identity to its spec
 * object, built from the loader's own caps before the CSpaces are filled; the slots it takes
 * (for loader_grow_cspace). dump.c: the printing, after everything is in place. */
bool loader_dump_wanted(void);
seL4_Word loader_dump_slots(void);
void loader_dump_index(void);
uint32_t loader_dump_lookup(seL4_Word type, seL4_Word object); /* the spec object, or CDL_NONE */
void loader_dump_caps(void);

/* bench/loader's variant only (CAPDL_LOADER_PHASE_TICKS, kernel_costs.c): prints what single
 * invocations of the kinds the loader makes cost, measured on objects of the loader's own. */
void loader_print_kernel_costs(void);

/* The phases, in order. */
void loader_find_spec(void);
void loader_create_objects(void);
void loader_create_irqs(void);
void loader_assign_asids(void);
void loader_fill_frames(void);
void loader_map_vspaces(void);
void loader_configure_tcbs(void);
void loader_configure_domains(void);
void loader_fill_cspaces(void);
void loader_start_threads(void);

/* The cap in slot `slot` among the n caps from `first` (one container's), or NULL. */
static inline const cdl_cap_t *loader_slot_cap(uint32_t first, uint32_t n, uint64_t slot)
{
    for (uint32_t k = 0; k < n; k++) {
        if (cdl_cap_slot(&loader.spec.caps[first + k]) == slot) {
            return &loader.spec.caps[first + k];
        }
    }
    return NULL;
}

/* MCS (sched.c): whether the spec is for the kernel this loader is built for; every SC
 * configured (a phase, MCS loader only); a thread's SC, fault and timeout endpoints and passive
 * set-up after TCB_Configure (cs: its CSpace root cap). */
bool loader_spec_config_ok(void);
#ifdef CONFIG_KERNEL_MCS
void loader_configure_scs(void);
void loader_sched_configure_tcb(uint32_t i, const cdl_tcb_t *t, uint32_t first_cap, const cdl_cap_t *cs);
#endif
/* After the threads: the spec's domain schedule start, if it gives one (domains.c). */
void loader_start_domain_schedule(void);

#endif
