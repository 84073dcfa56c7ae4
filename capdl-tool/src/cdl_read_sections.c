/*
 * The `irq maps`, `cdt` and `domains` sections of a .cdl (cdl_read_internal.h).
 *
 * `irq maps { n: irq_obj }` gives an IRQ object its number: the IRQ of an `irq`, the vector of
 * an `ioapic_irq` (as seL4's loader passes it to IRQControl). A CDT entry is read and refused:
 * the loader derives every cap from the object's original. `domains` gives the domain schedule
 * the loader configures (model_domain_schedule_t).
 */
#include "arch_objects.h"
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
    /* on AArch64 every IRQ (irq and arm_irq) is a GIC INTID: one space, the kernel's CONFIG_MAX_IRQ */
    bool gic = p->m->arch == CDL_ARCH_AARCH64;
    uint64_t max = gic ? ARCH_GIC_MAX_INTID : q->kind == CDL_IRQ_LEGACY ? 15 : 107;
    if (s->number > max) {
        cdl_lex_fail_at(l, s->pos, "%s %llu of '%s': at most %llu",
                        gic ? "GIC INTID" : q->kind == CDL_IRQ_LEGACY ? "IRQ" : "vector",
                        (unsigned long long)s->number, o->name, (unsigned long long)max);
    }
    if (p->irq_mapped.v[o->aux]) {
        cdl_lex_fail_at(l, s->pos, "'%s' is mapped twice", o->name);
    }
    for (size_t i = 0; i < p->m->irqs.n; i++) {
        /* ISA IRQ numbers are one space, IOAPIC and MSI vectors another (the kernel's) */
        bool same_space = gic || (p->m->irqs.v[i].kind == CDL_IRQ_LEGACY) == (q->kind == CDL_IRQ_LEGACY);
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

/* `schedule: [(domain, duration), ...]`, checked as seL4's tool checks it; kept in pass 2. */
static void schedule(cdl_parser_t *p, model_domain_schedule_t *d)
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
        if (dom > 255 || len >> CDL_DOMAIN_DURATION_BITS || (len == 0 && dom != 0)) {
            cdl_lex_fail_at(l, at, "a schedule entry is (domain 0..255, duration below 2^56, not 0 except the end "
                                   "marker (0, 0))");
        }
        if (p->pass == 2) {
            VEC_PUSH(d->entries, CDL_DOMAIN_ENTRY(dom, len));
        }
    } while (cdl_accept(l, ",") && !cdl_is(l, "]"));
    cdl_expect(l, "]");
}

/* Where each item was given (line 0: not given), for "at most one" and the start's check. */
typedef struct domains_items {
    pos_t sched, start, shift;
    uint64_t start_index; /* CDL_NONE for no_start */
} domains_items_t;

static void once(cdl_lex_t *l, pos_t *seen, pos_t at, const char *what)
{
    if (seen->line) {
        cdl_lex_fail_at(l, at, "a second %s: seL4's tool takes at most one", what);
    }
    *seen = at;
}

static void domains_item(cdl_parser_t *p, domains_items_t *it)
{
    cdl_lex_t *l = &p->lex;
    pos_t at = l->pos;
    if (cdl_accept(l, "schedule")) {
        once(l, &it->sched, at, "domain schedule");
        cdl_expect(l, ":");
        schedule(p, &p->m->domain_schedule);
    } else if (cdl_accept(l, "domain_set_start")) {
        once(l, &it->start, at, "domain_set_start");
        cdl_expect(l, ":");
        it->start_index = cdl_accept(l, "no_start") ? CDL_NONE : cdl_number(l, "a schedule index or no_start");
    } else if (cdl_accept(l, "index_shift")) {
        once(l, &it->shift, at, "index_shift");
        cdl_expect(l, ":");
        uint64_t shift = cdl_number(l, "a number");
        if (shift > 0xffff) {
            cdl_lex_fail_at(l, at, "index_shift %llu: at most 65535 (a kernel's schedule table is far smaller)",
                            (unsigned long long)shift);
        }
        p->m->domain_schedule.index_shift = (uint32_t)shift;
    } else {
        cdl_lex_fail(l, "expected schedule, domain_set_start or index_shift");
    }
}

/*
 * `domains { schedule: [...] domain_set_start: k | no_start index_shift: k }` (seL4's capDL
 * language, "Domains"): the loader configures the schedule from kernel index index_shift on and
 * finally starts at entry k (0 when not given). Without a schedule the other two mean nothing,
 * as in seL4's tool. The start must be an entry of the schedule that is not an end marker (the
 * kernel refuses to start at one).
 */
void cdl_parse_domains(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    model_domain_schedule_t *d = &p->m->domain_schedule;
    cdl_expect(l, "{");
    if (p->pass == 2 && d->pos.line) {
        cdl_lex_fail_at(l, l->pos, "a second domains section: seL4's tool takes at most one schedule");
    }
    domains_items_t it = { .start_index = 0 };
    while (!cdl_accept(l, "}")) {
        domains_item(p, &it);
    }
    if (p->pass != 2) {
        return;
    }
    if (!it.sched.line) {
        d->index_shift = 0;
        return;
    }
    d->pos = it.sched;
    if (it.start_index != CDL_NONE &&
        (it.start_index >= d->entries.n || CDL_DOMAIN_ENTRY_DURATION(d->entries.v[it.start_index]) == 0)) {
        cdl_lex_fail_at(l, it.start, "domain_set_start %llu: not an entry of the schedule (0..%zu) that is not an end "
                                     "marker", (unsigned long long)it.start_index, d->entries.n - 1);
    }
    d->start = (uint32_t)it.start_index;
}
