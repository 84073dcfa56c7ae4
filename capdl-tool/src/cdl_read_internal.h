/*
 * Shared state of the .cdl reader's parts (cdl_read.c: file structure and passes;
 * cdl_read_objects.c: object declarations; cdl_read_caps.c: caps, irq maps, cdt, domains).
 *
 * seL4's grammar lets sections come in any order and refer forward, so the file is parsed
 * twice: pass 1 declares the objects (and only checks the syntax of the other sections), pass
 * 2 places caps and IRQ numbers (and skips the objects). Copies of named caps (`<name>`) are
 * resolved after pass 2. Everything the parser allocates is owned by the parser or the model
 * before anything that can fail runs, because errors longjmp out (cdl_lex.h).
 */
#ifndef CAPDL_TOOL_CDL_READ_INTERNAL_H
#define CAPDL_TOOL_CDL_READ_INTERNAL_H

#include "cdl_lex.h"
#include "model.h"

/* An array declared as name[N]: its elements are the objects "name[0]" .. "name[N-1]". */
typedef struct cdl_array {
    char *base;
    uint32_t n;
} cdl_array_t;

/* A cap given a name (`slot: name = obj` or `name = (obj, slot)`), for copies `<name>`. */
typedef struct cdl_named_cap {
    char *name;
    uint32_t container, slot;
} cdl_named_cap_t;

/* A slot filled with a copy of a named cap, its rights masked. */
typedef struct cdl_copy {
    uint32_t container, slot;
    char *source;
    uint8_t masked;
    pos_t pos;
    bool done;
} cdl_copy_t;

typedef struct cdl_parser {
    cdl_lex_t lex;
    model_t *m;
    int pass;
    VEC(cdl_array_t) arrays;
    VEC(cdl_named_cap_t) named;
    VEC(cdl_copy_t) copies;
    VEC(bool) irq_mapped; /* by IRQ record */
    bool irq_maps_seen;
    void *entries; /* scratch: the entries of the caps block being read (cdl_read_caps.c) */
    size_t cap_entries;
} cdl_parser_t;

/* One range of a name reference: n, a..b, ..b, a.., or [] (all). */
enum { CDL_R_ONLY, CDL_R_FROM_TO, CDL_R_TO, CDL_R_FROM, CDL_R_ALL };

#define CDL_MAX_RANGES 32
/* Elements of one array: seL4's tool has no bound; this keeps one line of text from asking for
 * millions of objects (which no machine the loader targets could hold anyway). */
#define CDL_MAX_ARRAY 65536u

typedef struct cdl_range {
    uint8_t kind;
    uint64_t a, b;
} cdl_range_t;

/* A name with optional ranges, as written: x, x[3], x[0..2, 5], x[]. */
typedef struct cdl_ref {
    char name[CDL_TOKEN_MAX];
    pos_t pos;
    unsigned n;
    cdl_range_t r[CDL_MAX_RANGES];
} cdl_ref_t;

/* Parses a name reference at the current token. */
void cdl_parse_ref(cdl_parser_t *p, cdl_ref_t *ref, const char *what);

/* Calls fn for every object ref names (ranges expanded); fails on an unknown object. With
 * singletons, the names irq_control, asid_control, ioport_control and domain are accepted. */
void cdl_each_id(cdl_parser_t *p, const cdl_ref_t *ref, bool singletons, void (*fn)(cdl_parser_t *, uint32_t, void *),
                 void *arg);

/* The objects section (pass 1 declares, pass 2 skips). */
void cdl_parse_objects(cdl_parser_t *p);

/* The caps, irq maps, cdt and domains sections. */
void cdl_parse_caps(cdl_parser_t *p);
void cdl_parse_irq_maps(cdl_parser_t *p);
void cdl_parse_cdt(cdl_parser_t *p);
void cdl_parse_domains(cdl_parser_t *p);

/* After pass 2: fills the copied slots. */
void cdl_resolve_copies(cdl_parser_t *p);

/* Rights letters R W G X P (X = G) of the name at the current token; false if it is not one. */
bool cdl_rights_word(const char *s, uint8_t *rights);

/* MCS (cdl_read_sched.c): why TCB slot 6, 7 or 8 cannot hold a cap to t (NULL: it can); after
 * the caps are placed: a TCB with a bound_notification is passive (the only use the builder makes
 * of that slot, docs/mcs.md), a TCB slot of MCS's makes the system one for the MCS kernel. */
const char *cdl_mcs_tcb_slot_problem(uint64_t slot, const model_obj_t *t);
void cdl_mcs_finish(cdl_parser_t *p);

#endif
