/*
 * The `irq maps`, `cdt` and `domains` sections of a .cdl (cdl_read_internal.h).
 *
 * `irq maps { n: irq_obj }` gives an IRQ object its number: the IRQ of an `irq`, the vector of
 * an `ioapic_irq` (as seL4's loader passes it to IRQControl). A CDT entry and a domain schedule
 * are read and refused: the loader derives every cap from the object's original, and the
 * binary spec has no domain schedule, so the loader cannot configure one (the kernel starts with
 * its CONFIG_DOMAIN_SCHEDULE).
 */
#include "cdl_read_internal.h"

#include <string.h>

typedef struct irq_slot {
    uint64_t number;
    pos_t pos;
} irq_slot_t;

static void map_irq(cdl_parser_t *p, uint32_t id, void *arg)
{
    irq_slot_t *s = arg;
    cdl_lex_t *l = &p->lex;
    const model_obj_t *o = &p->m->objs.v[id];
    if (o->type != CDL_IRQ) {
        cdl_lex_fail_at(l, s->pos, "'%s' is not an irq object", o->name);
    }
    cdl_irq_t *q = &p->m->irqs.v[o->aux];
    uint64_t max = q->kind == CDL_IRQ_LEGACY ? 15 : 107;
    if (s->number > max) {
        cdl_lex_fail_at(l, s->pos, "%s %llu of '%s': at most %llu", q->kind == CDL_IRQ_LEGACY ? "IRQ" : "vector",
                        (unsigned long long)s->number, o->name, (unsigned long long)max);
    }
    if (p->irq_mapped.v[o->aux]) {
        cdl_lex_fail_at(l, s->pos, "'%s' is mapped twice", o->name);
    }
    for (size_t i = 0; i < p->m->irqs.n; i++) {
        /* ISA IRQ numbers are one space, IOAPIC and MSI vectors another (the kernel's) */
        bool same_space = (p->m->irqs.v[i].kind == CDL_IRQ_LEGACY) == (q->kind == CDL_IRQ_LEGACY);
        if (p->irq_mapped.v[i] && p->m->irqs.v[i].irq == s->number && same_space) {
            cdl_lex_fail_at(l, s->pos, "IRQ %llu already mapped", (unsigned long long)s->number);
        }
    }
    q->irq = (uint32_t)s->number;
    p->irq_mapped.v[o->aux] = true;
    s->number++;
}

void cdl_parse_irq_maps(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    pos_t at = l->pos;
    cdl_expect(l, "{");
    irq_slot_t s = { 0, at };
    bool any = false;
    while (!cdl_accept(l, "}")) {
        s.pos = l->pos;
        if (l->kind == CDL_T_NUM) {
            s.number = cdl_number(l, "an IRQ number");
            cdl_expect(l, ":");
        }
        cdl_ref_t ref;
        cdl_parse_ref(p, &ref, "an irq object");
        if (p->pass == 2) {
            if (!any && p->irq_maps_seen) {
                cdl_lex_fail_at(l, at, "a second irq maps block: seL4's tool takes one");
            }
            cdl_each_id(p, &ref, false, map_irq, &s);
        }
        any = true;
        cdl_accept(l, ";");
    }
    if (p->pass == 2) {
        p->irq_maps_seen |= any;
    }
}

void cdl_parse_cdt(cdl_parser_t *p)
{
    cdl_expect(&p->lex, "{");
    if (!cdl_accept(&p->lex, "}")) {
        cdl_lex_fail_at(&p->lex, p->lex.pos, "cap derivation (cdt) is not supported: the loader derives every cap "
                                             "from the object's original");
    }
}

/* `schedule: [(domain, duration), ...]`, checked as seL4's tool checks it. */
static void schedule(cdl_parser_t *p, pos_t *first)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "[");
    do {
        pos_t at = l->pos;
        cdl_expect(l, "(");
        uint64_t dom = cdl_number(l, "a domain");
        cdl_expect(l, ",");
        uint64_t len = cdl_number(l, "a duration");
        cdl_expect(l, ")");
        if (dom > 255 || len >> 56 || (len == 0 && dom != 0)) {
            cdl_lex_fail_at(l, at, "a schedule entry is (domain 0..255, duration below 2^56, not 0 except the end "
                                   "marker (0, 0))");
        }
        if (!first->line) {
            *first = at;
        }
    } while (cdl_accept(l, ",") && !cdl_is(l, "]"));
    cdl_expect(l, "]");
}

void cdl_parse_domains(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "{");
    pos_t sched = { 0 };
    while (!cdl_accept(l, "}")) {
        if (cdl_accept(l, "schedule")) {
            cdl_expect(l, ":");
            schedule(p, &sched);
        } else if (cdl_accept(l, "domain_set_start")) {
            cdl_expect(l, ":");
            if (!cdl_accept(l, "no_start")) {
                cdl_number(l, "a schedule index or no_start");
            }
        } else if (cdl_accept(l, "index_shift")) {
            cdl_expect(l, ":");
            cdl_number(l, "a number");
        } else {
            cdl_lex_fail(l, "expected schedule, domain_set_start or index_shift");
        }
    }
    if (sched.line) {
        cdl_lex_fail_at(l, sched, "a domain schedule in the spec is not supported: the binary spec has none for the "
                                  "loader to configure (the kernel runs its CONFIG_DOMAIN_SCHEDULE)");
    }
}
