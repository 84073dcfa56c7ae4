/*
 * The .cdl reader (cdl_read.h): the file's structure (arch line, then sections in any order),
 * the two passes (cdl_read_internal.h), name references with ranges, and the checks that need
 * the whole file (every IRQ object has a number).
 */
#include "cdl_read.h"

#include "cdl_read_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- name references ---- */

static void parse_range(cdl_parser_t *p, cdl_ref_t *ref)
{
    cdl_lex_t *l = &p->lex;
    if (ref->n == CDL_MAX_RANGES) {
        cdl_lex_fail(l, "at most %d ranges in one reference", CDL_MAX_RANGES);
    }
    cdl_range_t *r = &ref->r[ref->n++];
    if (cdl_accept(l, "..")) {
        r->kind = CDL_R_TO;
        r->b = cdl_number(l, "the last index");
        return;
    }
    r->a = cdl_number(l, "an index or a range");
    r->kind = CDL_R_ONLY;
    if (cdl_accept(l, "..")) {
        r->kind = CDL_R_FROM;
        if (l->kind == CDL_T_NUM) {
            r->kind = CDL_R_FROM_TO;
            r->b = cdl_number(l, "the last index");
        }
    }
}

void cdl_parse_ref(cdl_parser_t *p, cdl_ref_t *ref, const char *what)
{
    cdl_lex_t *l = &p->lex;
    ref->pos = l->pos;
    ref->n = 0;
    cdl_name(l, ref->name, what);
    if (!cdl_accept(l, "[")) {
        return;
    }
    if (cdl_accept(l, "]")) {
        ref->n = 1;
        ref->r[0].kind = CDL_R_ALL;
        return;
    }
    do {
        parse_range(p, ref);
    } while (cdl_accept(l, ","));
    cdl_expect(l, "]");
}

static uint32_t array_size(cdl_parser_t *p, const cdl_ref_t *ref)
{
    for (size_t i = 0; i < p->arrays.n; i++) {
        if (strcmp(p->arrays.v[i].base, ref->name) == 0) {
            return p->arrays.v[i].n;
        }
    }
    cdl_lex_fail_at(&p->lex, ref->pos, "'%s' is not an array (declared as %s[N])", ref->name, ref->name);
}

static uint32_t singleton(cdl_parser_t *p, const cdl_ref_t *ref)
{
    static const struct {
        const char *name;
        int type;
    } known[] = { { "irq_control", CDL_IRQ_CONTROL }, { "asid_control", CDL_ASID_CONTROL },
                  { "domain", CDL_DOMAIN }, { "ioport_control", CDL_IOPORT_CONTROL } };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(ref->name, known[i].name) == 0) {
            return model_singleton(p->m, (uint8_t)known[i].type);
        }
    }
    if (strcmp(ref->name, "io_space_master") == 0) {
        cdl_lex_fail_at(&p->lex, ref->pos, "io_space_master caps (IOMMU) are not supported by capdl-tool yet");
    }
    if (strcmp(ref->name, "sched_control") == 0) {
        p->m->spec_flags |= CDL_SPEC_F_MCS;
        return model_singleton(p->m, CDL_SCHED_CONTROL); /* core 0: place() checks the core */
    }
    return CDL_NONE;
}

static uint32_t element(cdl_parser_t *p, const cdl_ref_t *ref, uint64_t i)
{
    char *name = xasprintf("%s[%llu]", ref->name, (unsigned long long)i);
    uint32_t id = model_find(p->m, name);
    free(name);
    if (id == CDL_NONE) {
        cdl_lex_fail_at(&p->lex, ref->pos, "'%s' has no element %llu", ref->name, (unsigned long long)i);
    }
    return id;
}

void cdl_each_id(cdl_parser_t *p, const cdl_ref_t *ref, bool singletons, void (*fn)(cdl_parser_t *, uint32_t, void *),
                 void *arg)
{
    if (ref->n == 0) {
        uint32_t id = model_find(p->m, ref->name);
        if (id == CDL_NONE && singletons) {
            id = singleton(p, ref);
        }
        if (id == CDL_NONE) {
            cdl_lex_fail_at(&p->lex, ref->pos, "unknown object '%s'", ref->name);
        }
        fn(p, id, arg);
        return;
    }
    uint32_t size = array_size(p, ref);
    for (unsigned k = 0; k < ref->n; k++) {
        uint64_t a = ref->r[k].a, b = ref->r[k].b;
        switch (ref->r[k].kind) {
        case CDL_R_ONLY: b = a; break;
        case CDL_R_TO: a = 0; break;
        case CDL_R_FROM: b = size ? size - 1 : 0; break;
        case CDL_R_ALL: a = 0, b = size - 1; break;
        default: break;
        }
        /* a..b counts down when a > b, as in seL4's tool */
        for (uint64_t i = a;; i = a <= b ? i + 1 : i - 1) {
            fn(p, element(p, ref, i), arg);
            if (i == b) {
                break;
            }
        }
    }
}

/* ---- file structure ---- */

static void parse_arch(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "arch");
    static const char *const others[] = { "ia32", "arm11", "riscv" };
    for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
        if (cdl_is(l, others[i])) {
            cdl_lex_fail_at(l, l->pos, "architecture '%s' is not supported: capdl-tool builds x86_64 and aarch64 "
                            "systems", others[i]);
        }
    }
    /* the architecture decides which objects the file may name (cdl_read_objects.c) and which
     * kernel and loader build it (commands.c) */
    if (cdl_accept(l, "aarch64")) {
        p->m->arch = CDL_ARCH_AARCH64;
    } else if (cdl_accept(l, "x86_64")) {
        p->m->arch = CDL_ARCH_X86_64;
    } else {
        cdl_lex_fail(l, "expected an architecture (x86_64 or aarch64)");
    }
}

static bool parse_section(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    if (cdl_accept(l, "objects")) {
        cdl_parse_objects(p);
    } else if (cdl_accept(l, "caps")) {
        cdl_parse_caps(p);
    } else if (cdl_is(l, "irq")) {
        cdl_lex_next(l);
        cdl_expect(l, "maps");
        cdl_parse_irq_maps(p);
    } else if (cdl_accept(l, "cdt")) {
        cdl_parse_cdt(p);
    } else if (cdl_accept(l, "domains")) {
        cdl_parse_domains(p);
    } else {
        return false;
    }
    return true;
}

static void parse_pass(cdl_parser_t *p, int pass, const char *file, const char *text, size_t len)
{
    p->pass = pass;
    cdl_lex_init(&p->lex, p->lex.d, file, text, len);
    parse_arch(p);
    if (!parse_section(p)) {
        cdl_lex_fail(&p->lex, "expected a section: objects, caps, irq maps, cdt or domains");
    }
    while (parse_section(p)) {
    }
    if (p->lex.kind != CDL_T_EOF) {
        cdl_lex_fail(&p->lex, "expected a section (objects, caps, irq maps, cdt, domains) or the end of the file");
    }
}

static void check_irqs_mapped(cdl_parser_t *p)
{
    for (uint32_t i = 0; i < p->m->objs.n; i++) {
        const model_obj_t *o = &p->m->objs.v[i];
        if (o->type == CDL_IRQ && !p->irq_mapped.v[o->aux]) {
            cdl_lex_fail_at(&p->lex, o->pos, "irq object '%s' has no number: give it one in 'irq maps { N: %s }'",
                            o->name, o->name);
        }
    }
}

static void parser_free(cdl_parser_t *p)
{
    for (size_t i = 0; i < p->arrays.n; i++) {
        free(p->arrays.v[i].base);
    }
    for (size_t i = 0; i < p->named.n; i++) {
        free(p->named.v[i].name);
    }
    for (size_t i = 0; i < p->copies.n; i++) {
        free(p->copies.v[i].source);
    }
    VEC_FREE(p->arrays);
    VEC_FREE(p->named);
    VEC_FREE(p->copies);
    VEC_FREE(p->irq_mapped);
    free(p->entries);
    free(p);
}

bool cdl_read(model_t *m, diag_t *d, const char *file, const char *text, size_t len)
{
    diag_add_source(d, file, text, len);
    cdl_parser_t *p = xcalloc(1, sizeof(cdl_parser_t));
    p->m = m;
    p->lex.d = d;
    bool ok = false;
    if (setjmp(p->lex.fail) == 0) {
        parse_pass(p, 1, file, text, len);
        parse_pass(p, 2, file, text, len);
        cdl_resolve_copies(p);
        check_irqs_mapped(p);
        cdl_mcs_finish(p);
        ok = model_finalize(m, d);
    }
    parser_free(p);
    return ok;
}
