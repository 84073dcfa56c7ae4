/*
 * The .cdl writer (cdl_write.h): seL4's capDL text as its own tool prints it (parse-capDL -t):
 * an objects block, a caps block, an `irq maps` block and a `domains` block (the domain schedule,
 * when the system has one). Only the parameters a cap or object
 * kind takes in seL4's grammar are written (its parser refuses the others, and `()`), so caps
 * whose rights do not apply carry none and IRQ numbers live in `irq maps`, not on the object.
 */
#include "cdl_write.h"

#include <stdlib.h>
#include <string.h>

/* capDL frame sizes use only the units k and M. */
static void write_frame_size(unsigned bits, strbuf_t *out)
{
    sb_dec(out, 1ull << (bits >= 20 ? bits - 20 : bits - 10));
    sb_str(out, bits >= 20 ? "M" : "k");
}

static void write_tcb(const model_t *m, const model_obj_t *o, strbuf_t *out)
{
    const model_tcb_t *t = &m->tcbs.v[o->aux];
    /* seL4's tool takes addr, ip, sp, prio, max_prio and affinity together or not at all. */
    sb_str(out, " (addr: ");
    sb_hex(out, t->ipc_buffer);
    sb_str(out, ", ip: ");
    sb_hex(out, t->ip);
    sb_str(out, ", sp: ");
    sb_hex(out, t->sp);
    sb_str(out, ", prio: ");
    sb_dec(out, t->prio);
    sb_str(out, ", max_prio: ");
    sb_dec(out, t->mcp);
    sb_str(out, t->resume ? ", affinity: 0, resume: True" : ", affinity: 0, resume: False");
    if (t->fault_ep) {
        sb_str(out, ", fault_ep: ");
        sb_hex(out, t->fault_ep);
    }
    sb_str(out, ", dom: ");
    sb_dec(out, t->domain);
    if (t->nargs) {
        sb_str(out, ", init: [");
        for (unsigned i = 0; i < t->nargs; i++) {
            sb_str(out, i ? ", " : "");
            sb_hex(out, t->args[i]);
        }
        sb_str(out, "]");
    }
    sb_str(out, ")");
}

/* The fills of frame id; fills are sorted by frame, *at walks forward through them. */
static void write_fills(const model_t *m, uint32_t id, size_t *at, strbuf_t *out)
{
    while (*at < m->fills.n && m->fills.v[*at].frame < id) {
        (*at)++;
    }
    bool first = true;
    for (; *at < m->fills.n && m->fills.v[*at].frame == id; (*at)++) {
        const model_fill_t *f = &m->fills.v[*at];
        sb_str(out, first ? ", fill: [{" : ", {");
        sb_dec(out, f->dest_off);
        sb_str(out, " ");
        sb_dec(out, f->len);
        sb_str(out, " CDL_FrameFill_FileData \"");
        sb_str(out, f->file);
        sb_str(out, "\" ");
        sb_hex(out, f->src_off);
        sb_str(out, "}");
        first = false;
    }
    if (!first) {
        sb_str(out, "]");
    }
}

static void write_paddr(const model_obj_t *o, strbuf_t *out)
{
    if (o->has_paddr) {
        sb_str(out, ", paddr: ");
        sb_hex(out, o->paddr);
    }
}

static void write_object(const model_t *m, uint32_t id, size_t *fill_at, strbuf_t *out)
{
    const model_obj_t *o = &m->objs.v[id];
    if (o->type == CDL_IRQ) {
        const cdl_irq_t *q = &m->irqs.v[o->aux];
        if (q->kind == CDL_IRQ_LEGACY) {
            sb_printf(out, "irq");
        } else if (q->kind == CDL_IRQ_ARM) {
            /* the keywords seL4's parser reads (its printer writes the number, which it cannot read back) */
            sb_printf(out, "arm_irq (trigger: %s, target: %u)", q->level ? "edge" : "level", q->target);
        } else if (q->kind == CDL_IRQ_MSI) {
            sb_printf(out, "msi_irq (msi_handle: %u, msi_pci_bus: %u, msi_pci_dev: %u, msi_pci_fun: %u)", q->handle,
                      CDL_PCI_BUS(q->pci_address), CDL_PCI_DEV(q->pci_address), CDL_PCI_FUN(q->pci_address));
        } else {
            sb_printf(out, "ioapic_irq (ioapic_num: %u, ioapic_pin: %u, ioapic_level: %u, ioapic_polarity: %u)",
                      q->ioapic, q->pin, q->level, q->polarity);
        }
        return;
    }
    /* seL4's capDL names the aarch64 top levels pgd and pud (capdl-facts: PGD->PUD->PD->PT) */
    bool arm = m->arch == CDL_ARCH_AARCH64;
    sb_str(out, arm && o->type == CDL_PML4 ? "pgd" : arm && o->type == CDL_PDPT ? "pud"
                                                                                : cdl_obj_type_name(o->type));
    switch (o->type) {
    case CDL_TCB: write_tcb(m, o, out); break;
    case CDL_CNODE:
        sb_str(out, " (");
        sb_dec(out, o->size_bits);
        sb_str(out, " bits)");
        break;
    case CDL_IO_PORTS: sb_printf(out, " (ports: [0x%x..0x%x])", o->aux, o->aux2); break;
    case CDL_UNTYPED:
        sb_printf(out, " (%u bits", o->size_bits);
        write_paddr(o, out);
        sb_printf(out, ")");
        break;
    case CDL_FRAME:
        sb_str(out, " (");
        write_frame_size(o->size_bits, out);
        write_paddr(o, out);
        write_fills(m, id, fill_at, out);
        sb_str(out, ")");
        break;
    case CDL_SC: /* MCS; the SC's badge is in paddr (model.h) */
        sb_printf(out, " (period: %u, budget: %u, data: 0x%llx, %u bits)", o->aux2, o->aux,
                  (unsigned long long)o->paddr, o->size_bits);
        /* capDL has no syntax for these: say so where a reader of the .cdl looks (spec-format.md) */
        if (o->sc_extra_refills || o->sc_sporadic) {
            sb_printf(out, " -- not in capDL, only in the spec: extra_refills %u%s", o->sc_extra_refills,
                      o->sc_sporadic ? ", sporadic" : "");
        }
        break;
    default: break;
    }
}

/* Rights as seL4 prints them; on frame caps grant is X (execute). */
static void write_rights(uint8_t r, bool frame, strbuf_t *p)
{
    char s[4];
    size_t n = 0;
    if (r & CDL_RIGHT_READ) {
        s[n++] = 'R';
    }
    if (r & CDL_RIGHT_WRITE) {
        s[n++] = 'W';
    }
    if (r & CDL_RIGHT_GRANT) {
        s[n++] = frame ? 'X' : 'G';
    }
    if (r & CDL_RIGHT_GRANT_REPLY) {
        s[n++] = 'P';
    }
    sb_append(p, s, n);
}

/* The parameters a cap to this type takes in seL4's grammar, without parentheses if none:
 * gathered in p (a builder kept from cap to cap, so no allocation each), then copied. */
static void write_cap_params(const model_cap_t *c, uint8_t type, uint32_t core, strbuf_t *p, strbuf_t *out)
{
    p->len = 0;
    if (type == CDL_ENDPOINT || type == CDL_NOTIFICATION || type == CDL_FRAME) {
        write_rights(c->rights, type == CDL_FRAME, p);
    }
    if ((type == CDL_ENDPOINT || type == CDL_NOTIFICATION) && c->data) {
        sb_str(p, p->len ? ", badge: " : "badge: ");
        sb_hex(p, c->data);
    }
    if (type == CDL_CNODE && c->data) {
        sb_str(p, "guard: ");
        sb_hex(p, c->data);
    }
    if (type == CDL_CNODE && c->guard_size) {
        sb_str(p, p->len ? ", guard_size: " : "guard_size: ");
        sb_dec(p, c->guard_size);
    }
    if (type == CDL_SCHED_CONTROL) {
        sb_str(p, "core: ");
        sb_dec(p, core);
    }
    if (p->len) {
        sb_str(out, " (");
        sb_append(out, p->s, p->len);
        sb_str(out, ")");
    }
}

static void write_cap(const model_t *m, const model_obj_t *holder, const model_cap_t *c, strbuf_t *p,
                      strbuf_t *out)
{
    static const char *const tcb_slots[] = { "cspace", "vspace", NULL, NULL, "ipc_buffer_slot", NULL,
                                             "sc_slot", "temp_fault_ep_slot", "bound_notification" }; /* MCS: 6-8 */
    const model_obj_t *target = &m->objs.v[c->obj];
    sb_str(out, "    ");
    if (holder->type == CDL_TCB && c->slot <= 8 && tcb_slots[c->slot]) {
        sb_str(out, tcb_slots[c->slot]);
    } else {
        sb_hex(out, c->slot);
    }
    sb_str(out, ": ");
    sb_str(out, target->name);
    write_cap_params(c, target->type, target->aux, p, out);
    sb_str(out, "\n");
}

static void write_irq_maps(const model_t *m, strbuf_t *out)
{
    bool any = false;
    for (uint32_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if (o->type != CDL_IRQ) {
            continue;
        }
        if (!any) {
            sb_printf(out, "\nirq maps {\n");
            any = true;
        }
        /* The IRQ number of a legacy IRQ, the vector of an IOAPIC one (as seL4's loader reads it),
         * the INTID of a GIC one. */
        sb_printf(out, "  %u: %s\n", m->irqs.v[o->aux].irq, o->name);
    }
    if (any) {
        sb_printf(out, "}\n");
    }
}

/* An element "base[i]" of an array read from a .cdl: the length of base's prefix, else 0. */
static size_t array_base_len(const char *name, uint64_t *index)
{
    size_t n = strlen(name);
    const char *open = strrchr(name, '[');
    if (n < 3 || name[n - 1] != ']' || !open || open == name || open + 1 == name + n - 1) {
        return 0;
    }
    uint64_t v = 0;
    for (const char *c = open + 1; c < name + n - 1; c++) {
        if (*c < '0' || *c > '9' || v > UINT32_MAX) {
            return 0;
        }
        v = v * 10 + (uint64_t)(*c - '0');
    }
    *index = v;
    return (size_t)(open - name);
}

/* The declared name: `x` or, for an array's element 0, `base[N]`; NULL for the other elements,
 * which that declaration already made (capDL declares an array once). Only an array's name is
 * made anew: *made tells the caller to free it. */
static const char *declared_name(const model_t *m, const char *name, bool *made)
{
    uint64_t index;
    size_t base = name[0] && name[strlen(name) - 1] == ']' ? array_base_len(name, &index) : 0;
    *made = false;
    if (!base) {
        return name;
    }
    if (index != 0) {
        return NULL;
    }
    *made = true;
    uint32_t count = 1;
    for (;; count++) {
        char *elem = xasprintf("%.*s[%u]", (int)base, name, count);
        bool found = model_find(m, elem) != CDL_NONE;
        free(elem);
        if (!found) {
            break;
        }
    }
    return xasprintf("%.*s[%u]", (int)base, name, count);
}

/* `domains { ... }` with all three items, as seL4's tool prints them. */
static void write_domains(const model_domain_schedule_t *d, strbuf_t *out)
{
    if (d->entries.n == 0) {
        return;
    }
    sb_printf(out, "\ndomains {\n  schedule: [");
    for (size_t i = 0; i < d->entries.n; i++) {
        sb_printf(out, "%s(%u, %llu)", i ? ", " : "", CDL_DOMAIN_ENTRY_DOMAIN(d->entries.v[i]),
                  (unsigned long long)CDL_DOMAIN_ENTRY_DURATION(d->entries.v[i]));
    }
    sb_printf(out, "]\n");
    if (d->start == CDL_NONE) {
        sb_printf(out, "  domain_set_start: no_start\n");
    } else {
        sb_printf(out, "  domain_set_start: %u\n", d->start);
    }
    sb_printf(out, "  index_shift: %u\n}\n", d->index_shift);
}

void cdl_write(const model_t *m, strbuf_t *out)
{
    sb_printf(out, "-- capDL spec written by capdl-tool\narch %s\n\nobjects {\n",
              m->arch == CDL_ARCH_AARCH64 ? "aarch64" : "x86_64");
    size_t fill_at = 0;
    for (uint32_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if ((o->type >= CDL_IRQ_CONTROL && o->type <= CDL_DOMAIN) || o->type == CDL_SCHED_CONTROL) {
            continue; /* singletons are named, not declared */
        }
        bool made;
        const char *decl = declared_name(m, o->name, &made);
        if (!decl) {
            continue;
        }
        sb_str(out, "  ");
        sb_str(out, decl);
        sb_str(out, " = ");
        if (made) {
            free((char *)decl);
        }
        write_object(m, i, &fill_at, out);
        sb_str(out, "\n");
    }
    sb_str(out, "}\n\ncaps {\n");
    strbuf_t params = { 0 };
    for (uint32_t i = 0; i < m->objs.n; i++) {
        const model_obj_t *o = &m->objs.v[i];
        if (o->num_caps == 0) {
            continue;
        }
        sb_str(out, "  ");
        sb_str(out, o->name);
        sb_str(out, " {\n");
        for (uint32_t k = 0; k < o->num_caps; k++) {
            write_cap(m, o, &m->caps.v[o->first_cap + k], &params, out);
        }
        sb_str(out, "  }\n");
    }
    sb_free(&params);
    sb_str(out, "}\n");
    write_irq_maps(m, out);
    write_domains(&m->domain_schedule, out);
}
