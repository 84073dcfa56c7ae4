/*
 * The binary spec writer (spec_write.h). The tables of fixed-size records (objects to irqs,
 * the first in the file) are written in place in the spec, whose layout up to them is known
 * before a record is written; the others (wide values, strings, the domain schedule) are built
 * apart and copied after them. Every multi-byte value is written little endian by put().
 */
#include "spec_write.h"

#include <stdlib.h>
#include <string.h>

typedef struct tbuf {
    uint8_t *b;
    size_t len, cap;
    bool in_place;       /* a slice of the spec, of exactly its records' size: it cannot grow */
} tbuf_t;

/* bytes is 1, 2, 4 or 8, a constant at every call: inlined, each case is a store or two. */
static inline void put(tbuf_t *t, uint64_t v, unsigned bytes)
{
    if (t->len + bytes > t->cap) {
        if (t->in_place) {
            abort(); /* more records than the model counts: a bug of this file */
        }
        t->cap = (t->len + bytes) * 2 + 64;
        t->b = xrealloc(t->b, t->cap);
    }
    uint8_t *p = t->b + t->len;
    t->len += bytes;
    switch (bytes) {
    case 8:
        p[7] = (uint8_t)(v >> 56), p[6] = (uint8_t)(v >> 48), p[5] = (uint8_t)(v >> 40), p[4] = (uint8_t)(v >> 32);
        /* fall through */
    case 4:
        p[3] = (uint8_t)(v >> 24), p[2] = (uint8_t)(v >> 16);
        /* fall through */
    case 2:
        p[1] = (uint8_t)(v >> 8);
        /* fall through */
    default:
        p[0] = (uint8_t)v;
    }
}

typedef struct wctx {
    const model_t *m;
    tbuf_t tab[CDL_T_COUNT];
    const char *last_file;
    uint32_t last_file_off;
} wctx_t;

static uint32_t add_string(wctx_t *w, const char *s)
{
    tbuf_t *t = &w->tab[CDL_T_STRINGS];
    uint32_t off = (uint32_t)t->len;
    size_t n = strlen(s) + 1;
    if (t->len + n > t->cap) {
        t->cap = (t->len + n) * 2 + 64;
        t->b = xrealloc(t->b, t->cap);
    }
    memcpy(t->b + t->len, s, n);
    t->len += n;
    return off;
}

static uint32_t add_wide(wctx_t *w, uint64_t v)
{
    put(&w->tab[CDL_T_WIDE], v, 8);
    return (uint32_t)(w->tab[CDL_T_WIDE].len / 8 - 1);
}

/* Paging tables and ELF/stack frames the YAML passes derive ("comp.pt_400000", "comp.page_...")
 * carry no name. Decided by the name alone, not by the owning component, so that the same system
 * read back from its .cdl (which has no components) gives the same spec bytes. */
static bool keeps_name(const model_obj_t *o)
{
    bool table = o->type == CDL_PT || o->type == CDL_PD || o->type == CDL_PDPT;
    if (!table && o->type != CDL_FRAME) {
        return true;
    }
    /* a ".pt_" (...) anywhere from the first dot on: each dot in turn, one pass over the name */
    for (const char *dot = strchr(o->name, '.'); dot; dot = strchr(dot + 1, '.')) {
        if (table ? strncmp(dot, ".pt_", 4) == 0 || strncmp(dot, ".pd_", 4) == 0 || strncmp(dot, ".pdpt_", 6) == 0
                  : strncmp(dot, ".page_", 6) == 0 || strncmp(dot, ".stack_", 7) == 0) {
            return false;
        }
    }
    return true;
}

static void write_tcb(wctx_t *w, const model_tcb_t *t)
{
    tbuf_t *b = &w->tab[CDL_T_TCBS];
    put(b, t->ip, 8);
    put(b, t->sp, 8);
    put(b, t->ipc_buffer, 8);
    put(b, t->fault_ep, 8);
    for (int i = 0; i < 4; i++) {
        put(b, t->args[i], 8);
    }
    put(b, t->prio, 1);
    put(b, t->mcp, 1);
    put(b, t->domain, 1);
    put(b, t->nargs, 1);
    put(b, (t->resume ? CDL_TCB_F_RESUME : 0) | (t->passive ? CDL_TCB_F_PASSIVE : 0), 4);
}

/* The 12-byte record of capdl/spec.h: first_cap goes to aux only where the loader needs it out
 * of object order; a frame's fills are found by their frame index; a paddr is a wide index in
 * aux (no flag: a frame or untyped without one has CDL_NONE there). num_caps fits 16 bits:
 * model_finalize refused any container with more. */
static void write_object(wctx_t *w, uint32_t id, uint32_t first_cap)
{
    const model_obj_t *o = &w->m->objs.v[id];
    uint32_t aux = CDL_NONE;
    if (o->type == CDL_TCB || o->type == CDL_IRQ) {
        aux = o->aux;
    } else if (o->type == CDL_IO_PORTS) {
        aux = CDL_IO_PORTS_AUX(o->aux, o->aux2); /* both at most 0xffff: the front ends check */
    } else if (cdl_aux_is_first_cap(o->type)) {
        aux = first_cap;
    } else if (o->type == CDL_SC) { /* budget, period, extra refills, badge: model.h */
        aux = add_wide(w, o->aux);
        add_wide(w, o->aux2);
        add_wide(w, o->sc_extra_refills);
        add_wide(w, o->paddr);
        add_wide(w, o->sc_sporadic ? CDL_SC_F_SPORADIC : 0);
    } else if (o->type == CDL_SCHED_CONTROL) {
        aux = o->aux;
    }
    if (o->has_paddr) {
        aux = add_wide(w, o->paddr);
    }
    tbuf_t *b = &w->tab[CDL_T_OBJECTS];
    put(b, o->type, 1);
    put(b, o->size_bits, 1);
    put(b, o->num_caps, 2);
    put(b, keeps_name(o) ? add_string(w, o->name) : 0, 4);
    put(b, aux, 4);
}

/* The 12-byte record: slot and rights in one word (slots are below 2^28: the front ends keep
 * them inside their container, and a CNode's radix is at most 28); a CNode cap carries seL4's
 * CNode cap data word, guard and guard size; a value from 2^31 on goes to the wide table. */
static void write_cap(wctx_t *w, const model_cap_t *c)
{
    tbuf_t *b = &w->tab[CDL_T_CAPS];
    uint64_t value = w->m->objs.v[c->obj].type == CDL_CNODE ? CDL_CNODE_CAP_DATA(c->data, c->guard_size) : c->data;
    uint32_t data = value < CDL_CAP_DATA_WIDE ? (uint32_t)value : CDL_CAP_DATA_WIDE | add_wide(w, value);
    put(b, CDL_CAP_SLOT_RIGHTS(c->slot, c->rights & CDL_CAP_RIGHTS_MASK), 4);
    put(b, c->obj, 4);
    put(b, data, 4);
}

static void write_fill(wctx_t *w, const model_fill_t *f)
{
    if (!w->last_file || strcmp(w->last_file, f->file) != 0) {
        w->last_file = f->file;
        w->last_file_off = add_string(w, f->file);
    }
    tbuf_t *b = &w->tab[CDL_T_FILLS];
    put(b, f->frame, 4);
    put(b, f->dest_off, 4);
    put(b, f->len, 4);
    put(b, w->last_file_off, 4);
    put(b, f->src_off, 8);
}

static void write_irq(wctx_t *w, const cdl_irq_t *q)
{
    tbuf_t *b = &w->tab[CDL_T_IRQS];
    put(b, q->kind, 1);
    put(b, q->level, 1);
    put(b, q->polarity, 1);
    put(b, 0, 1);
    put(b, q->irq, 4);
    put(b, q->ioapic, 4);
    put(b, q->pin, 4);
}

static void write_tables(wctx_t *w)
{
    const model_t *m = w->m;
    put(&w->tab[CDL_T_STRINGS], 0, 1); /* offset 0 = no name */
    uint32_t cap = 0;
    for (uint32_t i = 0; i < m->objs.n; i++) {
        write_object(w, i, cap);
        cap += m->objs.v[i].num_caps;
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        write_cap(w, &m->caps.v[i]);
    }
    for (size_t i = 0; i < m->tcbs.n; i++) {
        write_tcb(w, &m->tcbs.v[i]);
    }
    for (size_t i = 0; i < m->fills.n; i++) {
        write_fill(w, &m->fills.v[i]);
    }
    for (size_t i = 0; i < m->irqs.n; i++) {
        write_irq(w, &m->irqs.v[i]);
    }
    for (size_t i = 0; i < m->domain_schedule.entries.n; i++) {
        put(&w->tab[CDL_T_DOMAIN_SCHEDULE], m->domain_schedule.entries.v[i], 8);
    }
}

static size_t align8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

void spec_write(const model_t *m, uint8_t **out, size_t *len, spec_stats_t *stats)
{
    wctx_t w = { .m = m };
    /* The fixed tables in place: written once, in the spec (built in a copy and then copied in,
     * the tables were as large as the spec beside it at a large build's peak memory). */
    size_t records[CDL_T_COUNT] = { [CDL_T_OBJECTS] = m->objs.n, [CDL_T_CAPS] = m->caps.n, [CDL_T_TCBS] = m->tcbs.n,
                                    [CDL_T_FILLS] = m->fills.n, [CDL_T_IRQS] = m->irqs.n };
    uint32_t offs[CDL_T_COUNT];
    size_t at = sizeof(cdl_header_t);
    for (int t = 0; t <= CDL_T_IRQS; t++) {
        offs[t] = (uint32_t)at;
        at = align8(at + records[t] * cdl_record_size[t]);
    }
    size_t fixed_end = at;
    uint8_t *buf = xcalloc(1, fixed_end);
    for (int t = 0; t <= CDL_T_IRQS; t++) {
        w.tab[t] = (tbuf_t){ .b = buf + offs[t], .cap = records[t] * cdl_record_size[t], .in_place = true };
    }
    write_tables(&w);
    for (int t = 0; t <= CDL_T_IRQS; t++) {
        if (w.tab[t].len != w.tab[t].cap) {
            abort(); /* fewer records than the model counts: a bug of this file */
        }
    }
    for (int t = CDL_T_IRQS + 1; t < CDL_T_COUNT; t++) {
        offs[t] = (uint32_t)at;
        at = align8(at + w.tab[t].len);
    }
    buf = xrealloc(buf, at);
    memset(buf + fixed_end, 0, at - fixed_end);
    for (int t = CDL_T_IRQS + 1; t < CDL_T_COUNT; t++) {
        if (w.tab[t].len) {
            memcpy(buf + offs[t], w.tab[t].b, w.tab[t].len);
        }
    }
    tbuf_t hdr = { 0 };
    put(&hdr, CDL_SPEC_MAGIC, 4);
    put(&hdr, CDL_SPEC_VERSION, 2);
    put(&hdr, sizeof(cdl_header_t), 2);
    put(&hdr, at, 4);
    put(&hdr, 0, 4); /* checksum, patched below */
    put(&hdr, m->ram_bytes, 8);
    put(&hdr, m->arch, 4);
    put(&hdr, m->spec_flags, 4);
    put(&hdr, m->domain_schedule.start, 4);
    put(&hdr, m->domain_schedule.index_shift, 4);
    for (int t = 0; t < CDL_T_COUNT; t++) {
        put(&hdr, offs[t], 4);
        put(&hdr, w.tab[t].len / cdl_record_size[t], 4);
    }
    memcpy(buf, hdr.b, hdr.len);
    uint32_t crc = cdl_crc32(0, buf + 16, at - 16);
    for (int i = 0; i < 4; i++) {
        buf[12 + i] = (uint8_t)(crc >> (8 * i));
    }
    if (stats) {
        *stats = (spec_stats_t){ at, at - w.tab[CDL_T_CAPS].len, w.tab[CDL_T_CAPS].len, m->objs.n, m->caps.n };
    }
    for (int t = CDL_T_IRQS + 1; t < CDL_T_COUNT; t++) {
        free(w.tab[t].b);
    }
    free(hdr.b);
    *out = buf;
    *len = at;
}
