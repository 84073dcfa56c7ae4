/*
 * `capdl-tool verify` and `capdl-tool graph` (docs/verification.md): lint findings over the
 * model (verify_lint.c), the policy file (verify_policy.c) checked against the authority and
 * flow analysis (verify_auth.h), outputs in text, JSON and DOT (verify_out.c), the comparison
 * with a dump of the live capability state (verify_dump.c) and the subcommands (verify_cmd.c).
 */
#ifndef CAPDL_TOOL_VERIFY_H
#define CAPDL_TOOL_VERIFY_H

#include "pipeline.h"
#include "verify_auth.h"

enum v_sev { VS_ERROR, VS_WARNING };

/* One finding: a lint warning or a policy violation. */
typedef struct vfinding {
    uint8_t sev;
    bool policy;         /* a policy violation (id = the rule kind) */
    const char *id;      /* "unused-grant", ..., or "isolate", "flow", "forbid", "no-untyped" */
    pos_t pos;           /* the YAML item (lint) or the policy rule (violation) */
    char *item;          /* lint: the item it is about (silencing key); policy: NULL */
    char *msg;           /* one line */
    char *explain;       /* explanation lines ("    ...\n"), or NULL */
    const char *reason;  /* silenced with this reason (borrowed from the policy), or NULL */
} vfinding_t;

typedef VEC(vfinding_t) vfindings_t;

/* The lint finding ids (docs/verification.md), NULL-ended. */
extern const char *const vl_ids[];

/* Adds a finding (item, msg and explain copied; explain may be NULL). */
void vf_add(vfindings_t *f, uint8_t sev, bool policy, const char *id, pos_t pos, const char *item, const char *msg,
            const char *explain);
/* Sorts findings by (file, line, col, id, item, message). */
void vf_sort(vfindings_t *f);
void vf_free(vfindings_t *f);

/* Lint over the model and the authority analysis. */
void vl_lint(const model_t *m, const va_t *a, vfindings_t *out);

/* ---- policy ---- */

typedef struct vp_iso {
    pos_t pos;
    va_ids_t comps;
} vp_iso_t;

typedef struct vp_flow {
    pos_t pos;
    uint32_t from, to;
    bool both;           /* between: [from, to] */
    va_ids_t through;
} vp_flow_t;

typedef struct vp_forbid {
    pos_t pos;
    uint32_t obj;
    va_ids_t only;
} vp_forbid_t;


typedef struct vpolicy {
    char *name;
    VEC(vp_iso_t) isolate;
    VEC(vp_flow_t) flows;
    bool only_listed;
    pos_t only_pos;
    VEC(vp_forbid_t) forbid;
    bool no_untyped;
    pos_t nu_pos;
    va_ids_t nu_except;
    lint_allows_t allow;
    size_t rules;        /* number of rules, for the summary */
} vpolicy_t;

/* Parses a policy file's text against the model; errors go to d (text borrowed). */
bool vp_load(vpolicy_t *p, const model_t *m, diag_t *d, const char *file, const char *text, size_t len);
/* Adds a violation per broken rule to out, with explanation paths. */
void vp_check(const vpolicy_t *p, const va_t *a, vfindings_t *out);
/* Does checking p read every object of a flow (va_run's all_via)? */
bool vp_needs_all_via(const vpolicy_t *p);
/* Marks the lint findings that allow entries (the system YAML's or the policy's) silence. */
void vl_silence(lint_allows_t *allow, vfindings_t *f);
void vp_free(vpolicy_t *p);

/* ---- outputs ---- */

typedef struct vresult {
    const model_t *m;
    const va_t *a;
    vfindings_t f;
    const char *policy_file;  /* NULL without --policy */
    size_t policy_rules;
    bool authority;           /* text: list each component's authority */
} vresult_t;

void vo_text(const vresult_t *r, strbuf_t *b);
void vo_json(const vresult_t *r, strbuf_t *b);
void vo_dot(const vresult_t *r, strbuf_t *b);

/* ---- runtime cross-check ---- */

/* Compares a capability dump (docs/verification.md) with the model; differences are written to
 * b, one line each. Returns the number of differences, or -1 (errors in d) if the dump is
 * malformed. */
long vd_compare(const model_t *m, diag_t *d, const char *file, const char *text, size_t len, strbuf_t *b);

/* ---- subcommands ---- */

/* The options of `verify` and `graph`, parsed by the driver (main.c). */
typedef struct verify_args {
    const char *system, *policy, *format, *out, *against;
    bool no_elf, strict, authority, svg;
    uint64_t memory, reserved;
    const char *const *elf_overrides; /* --elf KEY=FILE */
    size_t n_elf_overrides;
} verify_args_t;

/* `verify` (graph false) or `graph` on a YAML or .cdl system. Returns the exit status
 * (TOOL_EXIT_*, pipeline.h). */
int verify_run(const verify_args_t *a, bool graph);

#endif
