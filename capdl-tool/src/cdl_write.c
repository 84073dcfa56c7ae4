/*
 * The .cdl writer (cdl_write.h): objects block, then caps block, in model order.
 */
#include "cdl_write.h"

static const char *frame_size_text(unsigned bits)
{
    return bits == 12 ? "4k" : bits == 21 ? "2M" : "1G";
}

static void write_tcb(const model_t *m, const model_obj_t *o, strbuf_t *out)
{
    const model_tcb_t *t = &m->tcbs.v[o->aux];
    sb_printf(out, " (addr: 0x%llx, ip: 0x%llx, sp: 0x%llx, prio: %u, max_prio: %u, dom: %u, fault_ep: 0x%llx",
              (unsigned long long)t->ipc_buffer, (unsigned long long)t->ip, (unsigned long long)t->sp, t->prio,
              t->mcp, t->domain, (unsigned long long)t->fault_ep);
    if (t->nargs) {
        sb_printf(out, ", init: [");
        for (unsigned i = 0; i < t->nargs; i++) {
            sb_printf(out, "%s0x%llx", i ? ", " : "", (unsigned long long)t->args[i]);
        }
        sb_printf(out, "]");
    }
    sb_printf(out, ", resume: %s)", t->resume ? "true" : "false");
}

static void write_fills(const model_t *m, uint32_t id, strbuf_t *out)
{
    bool first = true;
    for (size_t i = 0; i < m->fills.n; i++) {
        const model_fill_t *f = &m->fills.v[i];
        if (f->frame != id) {
            continue;
        }
        sb_printf(out, "%s{%u %u CDL_FrameFill_FileData \"%s\" 0x%llx}", first ? ", fill: [" : ", ", f->dest_off,
                  f->len, f->file, (unsigned long long)f->src_off);
        first = false;
    }
    if (!first) {
        sb_printf(out, "]");
    }
}

static void write_params(const model_t *m, uint32_t id, size_t *fill_at, strbuf_t *out)
{
    const model_obj_t *o = &m->objs.v[id];
    switch (o->type) {
    case CDL_TCB: write_tcb(m, o, out); return;
    case CDL_CNODE: sb_printf(out, " (%u bits)", o->size_bits); return;
    case CDL_IO_PORTS: sb_printf(out, " (ports: [0x%x..0x%x])", o->aux, o->aux2); return;
    case CDL_UNTYPED: sb_printf(out, " (%u bits", o->size_bits); break;
    case CDL_FRAME: sb_printf(out, " (%s", frame_size_text(o->size_bits)); break;
    case CDL_IRQ: {
        const cdl_irq_t *q = &m->irqs.v[o->aux];
        if (q->kind == CDL_IRQ_LEGACY) {
            sb_printf(out, " (irq: %u)", q->irq);
        } else {
            sb_printf(out, " (ioapic: %u, pin: %u, level: %u, polarity: %u, vector: %u)", q->ioapic, q->pin,
                      q->level, q->polarity, q->irq);
        }
        return;
    }
    default: return;
    }
    if (o->has_paddr) {
        sb_printf(out, ", paddr: 0x%llx", (unsigned long long)o->paddr);
    }
    if (o->type == CDL_FRAME) {
        /* Fills are sorted by frame: only scan this frame's run. */
        size_t i = *fill_at;
        while (i < m->fills.n && m->fills.v[i].frame < id) {
            i++;
        }
        *fill_at = i;
        if (i < m->fills.n && m->fills.v[i].frame == id) {
            model_t sub = *m;
            size_t n = 0;
            while (i + n < m->fills.n && m->fills.v[i + n].frame == id) {
                n++;
            }
            sub.fills.v = m->fills.v + i;
            sub.fills.n = n;
            write_fills(&sub, id, out);
        }
    }
    sb_printf(out, ")");
}

static void write_rights(uint8_t r, strbuf_t *out)
{
    sb_printf(out, "%s%s%s%s", r & CDL_RIGHT_READ ? "R" : "", r & CDL_RIGHT_WRITE ? "W" : "",
              r & CDL_RIGHT_GRANT ? "G" : "", r & CDL_RIGHT_GRANT_REPLY ? "P" : "");
}

static void write_cap(const model_t *m, const model_obj_t *holder, const model_cap_t *c, strbuf_t *out)
{
    static const char *const tcb_slots[] = { "cspace", "vspace", NULL, NULL, "ipc_buffer_slot" };
    if (holder->type == CDL_TCB && c->slot <= 4 && tcb_slots[c->slot]) {
        sb_printf(out, "    %s: %s (", tcb_slots[c->slot], m->objs.v[c->obj].name);
    } else {
        sb_printf(out, "    0x%x: %s (", c->slot, m->objs.v[c->obj].name);
    }
    write_rights(c->rights, out);
    if (m->objs.v[c->obj].type == CDL_CNODE) {
        sb_printf(out, ", guard: 0x%llx, guard_size: %u", (unsigned long long)c->data, c->guard_size);
    } else if (c->data) {
        sb_printf(out, ", badge: 0x%llx", (unsigned long long)c->data);
    }
    sb_printf(out, ")\n");
}

void cdl_write(const model_t *m, strbuf_t *out)
{
    sb_printf(out, "-- capDL spec written by capdl-tool\narch x86_64\n\nobjects {\n");
    size_t fill_at = 0;
    for (uint32_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if (o->type >= CDL_IRQ_CONTROL) {
            continue; /* singletons are named, not declared */
        }
        sb_printf(out, "  %s = %s", o->name, cdl_obj_type_name(o->type));
        write_params(m, i, &fill_at, out);
        sb_printf(out, "\n");
    }
    sb_printf(out, "}\n\ncaps {\n");
    for (uint32_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if (o->num_caps == 0) {
            continue;
        }
        sb_printf(out, "  %s {\n", o->name);
        for (uint32_t k = 0; k < o->num_caps; k++) {
            write_cap(m, o, &m->caps.v[o->first_cap + k], out);
        }
        sb_printf(out, "  }\n");
    }
    sb_printf(out, "}\n");
}
