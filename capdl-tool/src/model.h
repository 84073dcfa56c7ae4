/*
 * The one in-memory model every front end fills and every back end reads: capDL objects, caps
 * (each in a container object's slot), TCB settings, frame fills and IRQ settings, plus the
 * system-level view the YAML front end adds (components, their named caps, shared frames,
 * threads, virtual mappings) that the passes (ELF ingestion, layout) turn into capDL.
 *
 * Objects and caps are referenced by index. model_finalize sorts objects into the allocation
 * order of capdl/spec.h and caps by (container, slot), so ids are stable for the back ends.
 */
#ifndef CAPDL_TOOL_MODEL_H
#define CAPDL_TOOL_MODEL_H

#include "diag.h"
#include "util.h"

#include <capdl/spec.h>

/* 64 bytes: the fields are ordered so that no padding is left (160,000 objects at 4,000
 * components of bench/tool: 1.3 MB less than in declaration order). */
typedef struct model_obj {
    char *name;          /* in the model's name arena (model_add_obj): never freed alone */
    uint64_t paddr;
    pos_t pos;
    uint32_t aux;        /* TCB: index into tcbs; IRQ: index into irqs; io_ports: first port */
    uint32_t aux2;       /* io_ports: last port */
    int32_t comp;        /* owning component or -1 (for the report) */
    uint32_t name_hash;  /* the name index's hash of name (model.c) */
    uint32_t first_cap, num_caps; /* set by model_finalize */
    /* MCS SC only: what ConfigureFlags gets besides budget, period and badge (no .cdl syntax) */
    uint32_t sc_extra_refills;
    uint8_t type;        /* cdl_obj_type_t */
    uint8_t size_bits;   /* untyped bits, frame page bits, CNode radix */
    bool has_paddr;
    bool sc_sporadic;
} model_obj_t;

typedef struct model_cap {
    uint32_t container, slot, obj;
    uint8_t rights, guard_size;
    uint64_t data;       /* badge or guard */
    pos_t pos;
} model_cap_t;

typedef struct model_tcb {
    uint64_t ip, sp, ipc_buffer, fault_ep;
    uint64_t args[4];
    uint8_t prio, mcp, domain, nargs;
    bool resume;
    bool passive;        /* MCS: CDL_TCB_F_PASSIVE */
} model_tcb_t;

typedef struct model_fill {
    uint32_t frame, dest_off, len;
    char *file;          /* model_strdup's */
    uint64_t src_off;
} model_fill_t;

/* ---- system-level view (YAML front end and the passes) ---- */

enum cap_kind {
    CAPK_OBJECT, CAPK_CSPACE, CAPK_VSPACE, CAPK_TCB, CAPK_EMPTY, CAPK_UNTYPED, CAPK_CONTROL,
    CAPK_FAULT_EP, /* added by the tool for a thread's fault handler */
    CAPK_SC,       /* MCS: a thread's scheduling context ({sc: component[.thread]}) */
};

typedef struct sys_cap {
    char *name;          /* the C symbol the component sees */
    pos_t pos;
    uint8_t kind;        /* cap_kind */
    uint8_t rights;
    uint64_t badge;
    uint32_t obj;        /* target object (resolved), CDL_NONE for empty */
    uint32_t slot;       /* set by the CSpace layout */
} sys_cap_t;

typedef struct sys_thread {
    char *name;          /* "main" for the component's first thread */
    char *entry;         /* symbol, NULL = ELF entry point */
    pos_t pos, entry_pos;
    uint32_t tcb;        /* the TCB object */
    uint32_t ipc_frame;  /* the IPC buffer frame object */
    uint64_t stack_size;
    uint64_t stack_base, ipc_vaddr; /* placed by the ELF pass */
    uint32_t fault_slot; /* CSpace slot of the fault endpoint cap, 0 = none */
    uint32_t fault_obj;
    uint64_t fault_badge;
    pos_t fault_pos;
} sys_thread_t;

typedef struct sys_share {
    char *symbol;
    pos_t pos;
    uint32_t obj;
    uint8_t rights;
} sys_share_t;

typedef struct sys_mapping {
    uint64_t vaddr;
    uint32_t frame;
    uint8_t rights;      /* CDL_RIGHT_READ/WRITE, GRANT = execute */
    pos_t pos;           /* the key it comes from (shared symbol, elf:, thread), for errors */
} sys_mapping_t;

typedef struct sys_comp {
    char *name;
    pos_t pos;
    char *elf;           /* path as written */
    pos_t elf_pos;
    uint8_t cnode_bits;  /* 0 = smallest that fits */
    pos_t cnode_bits_pos;
    bool allow_wx;
    uint32_t cnode, pml4;
    /* How the runtime's exit() ends the component quietly (docs/libsel4-and-runtime.md): through
     * the description's own cap to its main thread ({tcb: self}, self_slot), else by waiting
     * forever on a notification of its own that nobody can signal: "NAME.exit", which the CSpace
     * layout adds with a read-only cap after the other caps (exit_obj, exit_slot; not past a
     * cnode_bits the description sets). 0 / CDL_NONE where there is none. */
    uint32_t self_slot, exit_slot, exit_obj;
    VEC(sys_cap_t) caps;
    VEC(sys_thread_t) threads;
    VEC(sys_share_t) shares;
    VEC(sys_mapping_t) maps;
} sys_comp_t;

/* A lint finding silenced, with the reason: `lint: allow:` in the system YAML or `allow:` in a
 * verify policy (docs/verification.md). */
typedef struct lint_allow {
    pos_t pos;
    char *id, *item, *reason;
    bool used;
} lint_allow_t;
typedef VEC(lint_allow_t) lint_allows_t;

/* The domain schedule the loader configures (capdl/spec.h's table): entries as capDL gives
 * them, end markers included; start is an index into them or CDL_NONE (no_start). */
typedef struct model_domain_schedule {
    VEC(cdl_domain_entry_t) entries;
    uint32_t start, index_shift;
    pos_t pos;           /* where the schedule was given, for the checks against the kernel */
} model_domain_schedule_t;

/* MCS (docs/mcs.md, "The builder"): one thread's scheduling settings as the YAML gives them,
 * by (component, thread) index, which model_finalize does not renumber. yaml_sched.c turns them
 * into an SC object "<thread>.sc" (model_obj_t: aux = budget, aux2 = period in µs, paddr = the
 * SC's badge, has_paddr false) with its cap in TCB slot 6, the timeout endpoint cap in slot 7 and
 * a passive thread's notification in slot 8. */
typedef struct sys_sched {
    uint32_t comp, thread;
    uint64_t budget, period;  /* µs; YAML_DEFAULT_PERIOD_US both when not given */
    bool passive;
    uint64_t extra_refills;   /* refills beyond the kernel's two; they choose the SC's size */
    bool sporadic;            /* ConfigureFlags' seL4_SchedContext_Sporadic */
    uint64_t sc_badge;        /* the SC's badge, MR0 of its timeout faults */
    pos_t pos, budget_pos, period_pos, passive_pos, extra_refills_pos;
    uint32_t timeout_obj;     /* the timeout endpoint, CDL_NONE = none */
    uint64_t timeout_badge;
    pos_t timeout_pos;
} sys_sched_t;

typedef struct model {
    char *system;        /* system name */
    VEC(model_obj_t) objs;
    VEC(model_cap_t) caps;
    VEC(model_tcb_t) tcbs;
    VEC(model_fill_t) fills;
    VEC(cdl_irq_t) irqs;
    VEC(sys_comp_t) comps;
    model_domain_schedule_t domain_schedule;
    const char *base_dir; /* directory of the YAML file, for relative ELF paths */
    uint64_t ram_bytes;  /* machine memory the simulation assumes */
    uint32_t spec_flags; /* the binary spec's header flags (CDL_SPEC_F_*): build options */
    uint32_t arch;       /* CDL_ARCH_*: from the components' ELF machine (x86_64 without ELFs) */
    lint_allows_t lint_allow; /* `lint: allow:`: read by verify only */
    void *name_index;    /* name -> object id (model.c) */
    arena_t obj_names;   /* the objects' names (freed with the records) */
    arena_t strings;     /* model_strdup's copies */
    VEC(sys_sched_t) sched; /* MCS: per-thread settings (empty for a non-MCS system) */
} model_t;

void model_init(model_t *m);
void model_free(model_t *m);

/* Frees the components' mappings once the VSpaces are laid out: only verify's lint reads them
 * later; check and build drop them before the spec is written, where the peak memory is. */
void model_release_mappings(model_t *m);
/* Frees the object, cap and TCB records once the spec is written: the image step reads only the
 * spec and the system view (components, fills), and these records are most of a large system's
 * memory. model_find finds nothing afterwards. */
void model_release_records(model_t *m);
void lint_allows_free(lint_allows_t *a);

/* A copy of s that lives as long as the model (freed by model_free, not by the caller). */
char *model_strdup(model_t *m, const char *s);

/* Adds an object (name copied) and returns its id. Names must be unique (model_find). */
uint32_t model_add_obj(model_t *m, const char *name, uint8_t type, uint8_t size_bits, pos_t pos);

/* The object called name, or CDL_NONE. */
uint32_t model_find(const model_t *m, const char *name);

/* Adds a cap in (container, slot). */
void model_add_cap(model_t *m, uint32_t container, uint32_t slot, uint32_t obj, uint8_t rights,
                   uint64_t data, uint8_t guard_size, pos_t pos);

/* Adds a TCB object with its settings; returns the object id. */
uint32_t model_add_tcb(model_t *m, const char *name, const model_tcb_t *t, pos_t pos);

/* A singleton (irq_control, asid_control, ioport_control, domain), created on first use. */
uint32_t model_singleton(model_t *m, uint8_t type);

/*
 * Sorts objects into allocation order (paddr objects by address; then by memory size, largest
 * first, one size by type; then objects without memory by type), ties by name; sorts caps by
 * (container, slot) and sets first_cap/num_caps; sorts fills by frame and TCB/IRQ records by object. Remaps
 * every stored object id, including the system view. Reports duplicate slots to d. Returns false if any were found.
 */
bool model_finalize(model_t *m, diag_t *d);

/* Memory bits of an object (0 = takes no memory). */
unsigned model_obj_mem_bits(const model_obj_t *o);

#endif
