/*
 * Authority and information-flow analysis for `capdl-tool verify` (docs/verification.md).
 *
 * Authority: a take-grant style closure over the finalized model. Facts are (component, object,
 * rights): "the component holds, or can come to hold, a cap to the object with these rights".
 * A component starts with the caps in its CSpace; the rules (one function each in
 * verify_auth.c) add facts until nothing changes:
 *   - container: a cap to a CNode, TCB, PML4, PDPT, PD or PT gives every cap inside it (a TCB
 *     holds its CSpace root, VSpace and IPC buffer; a VSpace its paging structures and frames,
 *     including the YAML's shared frames);
 *   - send: over an endpoint, a component holding it with write+grant gives everything it holds
 *     to every component holding it with read;
 *   - reply: a component holding it with read+grant gives everything it holds to every
 *     component holding it with write and grant or grant_reply (the caller's reply cap);
 *   - control: irq_control gives every irq, io_port_control every io_ports range.
 * Untyped caps are facts like any other ("can create objects"). Each fact keeps one predecessor
 * step, so every fact has an explanation path back to a cap in the YAML.
 *
 * Access: the held facts plus the frames mapped in the component's own VSpace (not
 * transferable). Flows: component -> component edges from access (write on one side, read on
 * the other) through frames, endpoints (and replies), notifications, irqs and control of
 * another component's TCB, CSpace or VSpace.
 */
#ifndef CAPDL_TOOL_VERIFY_AUTH_H
#define CAPDL_TOOL_VERIFY_AUTH_H

#include "model.h"

enum va_kind {
    VA_CAP,       /* a cap in the component's own CSpace (from = CDL_NONE, via = content) */
    VA_CONTAINED, /* a cap inside a container the component holds (from = container's step) */
    VA_SEND,      /* received over endpoint `via` from a sender with write+grant (from = its step) */
    VA_REPLY,     /* received in a reply over endpoint `via` (from = the replier's step) */
    VA_CONTROL,   /* given by the control cap of step `from` */
    VA_MAPPED,    /* a frame mapped in the component's own VSpace (access only; via = content) */
};

/* One step: comp obtains obj with rights. */
typedef struct va_step {
    uint32_t comp, obj;
    uint8_t rights;      /* the rights of the cap this step gives */
    uint8_t kind;        /* va_kind */
    uint32_t from;       /* the step this one derives from, CDL_NONE for VA_CAP/VA_MAPPED */
    uint32_t via;        /* VA_CAP/VA_CONTAINED/VA_MAPPED: content index; VA_SEND/VA_REPLY: endpoint */
    uint32_t prev;       /* the earlier step of the same (comp, obj), CDL_NONE */
} va_step_t;

/* What a container holds: a cap (model cap index) or a YAML shared frame. */
typedef struct va_content {
    uint32_t obj;
    uint8_t rights;
    bool share;          /* a shared frame of the YAML (mapped in the VSpace) */
    uint32_t slot;       /* cap slot (share: CDL_NONE) */
    pos_t pos;
} va_content_t;

/* A component's fact about one object: rights (union) and its latest step. */
typedef struct va_fact {
    uint32_t obj;
    uint8_t rights;
    bool held;           /* false: access only (mapped in its own VSpace) */
    uint8_t avail;       /* endpoint roles of its caps (each cap on its own: rights do not combine) */
    uint8_t roles;       /* endpoint roles joined */
    bool expanded;       /* container/control rules applied */
    bool grown;          /* it has more than one step (its latest step's prev is not CDL_NONE) */
    uint32_t step;       /* latest step (rights grew along the prev chain) */
    /* Of the latest step, copied here for the closure's transfer rule, which reads them for
     * every fact a new transfer edge's source has (19 million at 100,000 caps): from the step
     * they were two cache misses each (the step, then its source's). */
    uint32_t from;       /* its source step */
    uint32_t giver;      /* the component that gave it over a transfer edge, else CDL_NONE */
} va_fact_t;

/* A hash map from 64-bit keys to 32-bit values (open addressing). */
typedef struct vmap {
    uint64_t *k;
    uint32_t *v;   /* value + 1; 0 = empty */
    size_t cap, n;
} vmap_t;

/* The value of key, or CDL_NONE. */
uint32_t vmap_get(const vmap_t *h, uint64_t key);
/* Sets key to val. */
void vmap_put(vmap_t *h, uint64_t key, uint32_t val);
void vmap_free(vmap_t *h);

typedef VEC(uint32_t) va_ids_t;

/* How many of a flow's objects the analysis keeps when it is not asked for all of them: the
 * text and DOT outputs name the first few and count the rest. */
#define VA_VIA_SHOWN 4

typedef struct va_flow {
    uint32_t from, to;   /* components */
    uint32_t objects;    /* the objects it goes through */
    va_ids_t via;        /* those objects (declared ones, then the components' own; each group by
                          * id): all of them when va_run was asked for all_via, else the first
                          * min(objects, VA_VIA_SHOWN) */
} va_flow_t;

typedef struct va_edge {
    uint32_t to, ep;
    uint8_t kind;        /* VA_SEND or VA_REPLY */
} va_edge_t;

typedef struct va {
    const model_t *m;
    /* containers: contents of object o are content[cstart[o] .. cstart[o+1]) */
    uint32_t *cstart;
    VEC(va_content_t) content;
    VEC(va_step_t) steps;
    /* per component: its facts, sorted by object after va_run (va_fact: a binary search) */
    VEC(va_fact_t) *facts;
    /* while the closure runs, per component: an open-addressing index of its facts by object
     * (a slot holds the object and its fact's index + 1, 0 when empty): a small table per
     * component, with the key in the slot, keeps a lookup to one cache line */
    struct va_fact_index { struct va_fact_slot { uint32_t obj, idx1; } *slot; uint32_t cap; } *fidx;
    /* endpoint roles: per object, the components holding it in each role (va_role) */
    va_ids_t (*roles)[4];
    VEC(va_edge_t) *out;  /* per component: transfer edges */
    va_ids_t *in;         /* per component: the sources of its transfer edges */
    uint32_t *mark;       /* per component: stamp of the last marking (see add_edge) */
    /* per component: the last giver whose out-edges were found to cover all of the component's
     * (process), with both edge counts then; CDL_NONE when none */
    struct va_covered { uint32_t giver, giver_edges, edges; } *covered;
    uint32_t stamp;
    uint32_t cur;         /* the step being processed; the steps before it are processed */
    vmap_t edge_set;      /* (from, to) of transfer edges */
    va_ids_t work;        /* per queued step (all steps of the closure, in order): its fact's index */
    VEC(va_flow_t) flows; /* sorted by (from, to) */
    va_ids_t via_arena;   /* the flows' objects: each flow's via is a slice of it (not its own) */
    bool all_via;         /* every flow keeps all its objects (JSON, a policy's flow rules) */
    unsigned threads;     /* threads for the flows: 0 one per CPU for a large system, else exactly this */
    uint32_t *owner;      /* component owning each object (its CNode, VSpace, TCB, ...), or CDL_NONE */
    uint8_t *type;        /* each object's type (CDL_*): one byte an object stays in cache, the
                           * model's records (dozens of bytes) do not */
} va_t;

typedef struct va_options {
    /* Each flow lists every object it goes through; otherwise only the first VA_VIA_SHOWN (the
     * list is the largest part of the analysis: 32 million objects for the 156,000 flows of
     * bench/tool/verify.sh's 100,000 caps). */
    bool all_via;
    /* Threads working the flows: 0 for one per CPU (at most 4) on a large system and one on a
     * small one; otherwise exactly this many (at most 4; the tests compare the results). */
    unsigned threads;
} va_options_t;

/* Runs the closure and the flow analysis on a finalized model: va_close then va_flows. */
void va_run(va_t *a, const model_t *m, va_options_t opts);
/* The closure alone: facts, steps, each component's facts sorted. Everything but the flows may
 * be read after it, also while va_flows runs on another thread (verify_cmd.c lints then). */
void va_close(va_t *a, const model_t *m, va_options_t opts);
/* The flows, after va_close: writes only a->flows and a->via_arena. */
void va_flows(va_t *a);
void va_free(va_t *a);

/* The fact of comp about obj, or NULL. */
const va_fact_t *va_fact(const va_t *a, uint32_t comp, uint32_t obj);

/* The step of the fact that added any of the rights in want (want 0: the first step). */
uint32_t va_step_for(const va_t *a, const va_fact_t *f, uint8_t want);

/* Appends the explanation of step s (one line per step, origin first, each indented by
 * indent) to b. */
void va_explain(const va_t *a, uint32_t s, const char *indent, strbuf_t *b);

/* The flow edge from -> to, or NULL. */
const va_flow_t *va_flow(const va_t *a, uint32_t from, uint32_t to);

/* "read, write, grant" for rights (frames: execute for grant), into buf (>= 48 bytes). */
const char *va_rights_str(uint8_t rights, uint8_t type, char *buf);

/* "endpoint", "frame", ... */
const char *va_type_name(uint8_t type);

#endif
