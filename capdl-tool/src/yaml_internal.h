/*
 * Internal interface of the YAML front end, shared by its files: yaml_read.c (the one parse
 * into a document), yaml_front.c (node helpers, top level), yaml_objects.c (the objects
 * section), yaml_components.c (components, threads, caps, shared frames) and yaml_resolve.c
 * (phase two: names and whole-system rules).
 */
#ifndef CAPDL_TOOL_YAML_INTERNAL_H
#define CAPDL_TOOL_YAML_INTERNAL_H

#include "yaml_front.h"


enum ref_kind { REF_CAP_OBJECT, REF_CAP_COMP, REF_SHARE, REF_FAULT, REF_IRQ_NTFN, REF_TIMEOUT };

typedef struct pending {
    uint8_t kind;
    uint8_t cap_kind;   /* for REF_CAP_COMP: CAPK_CSPACE/VSPACE/TCB */
    uint32_t comp, idx; /* component and cap/share/thread index; idx = IRQ object for REF_IRQ_NTFN */
    char *name;
    pos_t pos;
    char *path;
    bool rights_given, badge_given;
    uint64_t badge;
    pos_t rights_pos, badge_pos;
    char *rights_path, *badge_path;
    /* where 'grant' and 'execute' were written in the rights list (index -1: not written); the
     * two share one bit, so only the word tells which the user meant */
    int grant_idx, exec_idx;
    pos_t grant_pos, exec_pos;
} pending_t;

/*
 * The document the front end walks, built by yaml_read (yaml_read.c) in place of libyaml's
 * yaml_document_t: what the passes use of a node and nothing else (no tags, styles or end marks).
 * A node is 24 bytes; a collection's children are one run of node indices in the shared kids
 * array (a mapping's as key, value, key, value ...); scalar texts sit in chunks of one arena.
 */
typedef enum ynode_type { YN_NONE, YN_SCALAR, YN_SEQUENCE, YN_MAPPING } ynode_type_t;

typedef struct ynode {
    union {
        const char *value;  /* YN_SCALAR: the text, NUL-ended (in the document's arena) */
        uint32_t first;     /* YN_SEQUENCE, YN_MAPPING: the children are kids[first .. first + n) */
    };
    uint32_t line, col;     /* the start mark, 0-based as libyaml counts */
    uint32_t n;             /* scalar: length up to the first NUL; collection: children (2 per pair) */
    uint8_t type;           /* ynode_type_t */
} ynode_t;

typedef struct ychunk ychunk_t; /* yaml_read.c */

typedef struct ydoc {
    ynode_t *nodes;     /* in the order of their events: nodes[0] is the root */
    uint32_t n_nodes;
    uint32_t *kids;     /* the children of every collection, each collection's consecutive */
    ychunk_t *chunks;   /* the arena of scalar texts */
} ydoc_t;

typedef struct yc {
    ydoc_t doc;
    model_t *m;
    diag_t *d;
    const char *file;
    bool ok;
    unsigned domains;   /* scheduling domains of the target kernel (`kernel: domains:`) */
    VEC(uint32_t) shared_ports; /* io_ports objects marked `shared: true` */
    VEC(pending_t) refs;
    bool mcs;           /* `kernel: {mcs: true}`: the system is for the MCS kernel */
} yc_t;


/* Parses text once into c->doc (yaml_read.c). With screen, refuses what a system description
 * never needs (deep nesting, a second document, NUL in a string) and reports a bad encoding
 * at its byte; without (a verify policy), reports what yaml_parser_load reported alone. False
 * after reporting an error: c->doc is then already freed; else the caller frees it with
 * yaml_doc_free. */
bool yaml_read(yc_t *c, const char *text, size_t len, bool screen);
void yaml_doc_free(ydoc_t *d);

/* The root node, or NULL for a file without a document. */
static inline ynode_t *yroot(yc_t *c)
{
    return c->doc.n_nodes ? &c->doc.nodes[0] : NULL;
}

/* Items of a sequence, pairs of a mapping. */
static inline uint32_t yitems(const ynode_t *seq)
{
    return seq->n;
}

static inline uint32_t ypairs(const ynode_t *map)
{
    return map->n / 2;
}

/* Item i of sequence seq; key and value of pair i of mapping map. */
static inline ynode_t *yitem(yc_t *c, const ynode_t *seq, uint32_t i)
{
    return &c->doc.nodes[c->doc.kids[seq->first + i]];
}

static inline ynode_t *ykey(yc_t *c, const ynode_t *map, uint32_t i)
{
    return &c->doc.nodes[c->doc.kids[map->first + 2 * i]];
}

static inline ynode_t *yvalue(yc_t *c, const ynode_t *map, uint32_t i)
{
    return &c->doc.nodes[c->doc.kids[map->first + 2 * i + 1]];
}

extern const char *const right_names[5];
extern const uint8_t right_bits[5];

pos_t pos_of(yc_t *c, const ynode_t *n);
/* Adds an error and marks the load as failed. */
void err(yc_t *c, pos_t p, const char *path, const char *hint, const char *msg);
/* err() at node n with fmt containing one %s. */
void errf_node(yc_t *c, const ynode_t *n, const char *path, const char *fmt, const char *a);
/* The scalar's text, or NULL if n is not a scalar. */
const char *scalar(const ynode_t *n);
/* Errors (and returns false) unless n is of type t. */
bool expect_type(yc_t *c, const ynode_t *n, ynode_type_t t, const char *path);
/* "path.key" (or "key" at the top), heap. */
char *subpath(const char *path, const char *key);
/* Reports duplicate keys and keys not in allowed (with a suggestion). */
bool check_keys(yc_t *c, ynode_t *map, const char *path, const char *const *allowed, size_t n);
/* The value of key in map, or NULL. */
ynode_t *get(yc_t *c, ynode_t *map, const char *key);
/* get(), with an error when the key is missing. */
ynode_t *require(yc_t *c, ynode_t *map, const char *key, const char *path);
/* A number in [min, max]; sized allows K/M/G suffixes. */
bool get_num(yc_t *c, ynode_t *n, const char *path, uint64_t min, uint64_t max, bool sized, uint64_t *out);
bool get_bool(yc_t *c, ynode_t *n, const char *path, bool *out);
/* A scheduling domain that exists in the kernel the system is built for (kernel_target.h,
 * `kernel: {domains: N}`). */
bool get_domain(yc_t *c, ynode_t *n, const char *path, uint8_t *out);
bool is_ident(const char *s);
/* Errors unless the key node k is a valid identifier. */
bool check_name(yc_t *c, ynode_t *k, const char *path, const char *what);
/* A rights list; *exec is set when "execute" was given. */
bool get_rights(yc_t *c, ynode_t *n, const char *path, uint8_t *out, bool *exec);
/* The item of rights list n that is word (its index in *idx), or NULL with *idx = -1. */
ynode_t *find_right(yc_t *c, ynode_t *n, const char *word, int *idx);
/* A badge: a non-zero number (0 would mean unbadged). */
bool get_badge(yc_t *c, ynode_t *n, const char *path, uint64_t *out);
void add_ref(yc_t *c, pending_t r);
/* A pending reference to the name in scalar node n. */
pending_t make_ref(yc_t *c, uint8_t kind, uint32_t comp, uint32_t idx, ynode_t *n, const char *path);

void load_objects(yc_t *c, ynode_t *objs);
/* The `lint:` section (yaml_lint.c), and one `{finding, item, reason}` entry of it or of a
 * verify policy's `allow:`. */
void load_lint(yc_t *c, ynode_t *lint);
void load_lint_allow(yc_t *c, ynode_t *n, const char *path, lint_allows_t *out);
void load_components(yc_t *c, ynode_t *comps);
void resolve_all(yc_t *c);

/* MCS (yaml_sched.c). `kernel: mcs:`; a thread's budget, period, SC extras, passive and timeout_handler
 * keys (index ti of component ci); a timeout handler's reference; after every name is
 * resolved: the SC objects and TCB slots, then the MCS rules. yaml_sched_needs_mcs reports
 * `what` at n (false) unless the system is for MCS. */
uint32_t yaml_find_object(yc_t *c, const pending_t *r); /* the object r names, or CDL_NONE (error given) */
void yaml_sched_kernel(yc_t *c, ynode_t *n);
void yaml_sched_thread(yc_t *c, uint32_t ci, uint32_t ti, ynode_t *map, const char *path);
void yaml_sched_resolve_timeout(yc_t *c, const pending_t *r);
void yaml_sched_finish(yc_t *c);
bool yaml_sched_needs_mcs(yc_t *c, ynode_t *n, const char *path, const char *what);
/* The SC object of the thread whose TCB object is tcb (made when the thread was read). */
uint32_t yaml_sched_sc_of(yc_t *c, uint32_t tcb);

#endif
