/*
 * The binary spec decoder (spec_decode.h).
 */
#include "spec_decode.h"

#include <stdlib.h>
#include <string.h>

static void obj_name(const cdl_spec_t *s, uint32_t i, strbuf_t *out)
{
    const char *n = cdl_spec_string(s, s->objects[i].name);
    if (n[0]) {
        sb_printf(out, "%s", n);
    } else {
        sb_printf(out, "obj_%u", i);
    }
}

static void rights_text(uint32_t r, strbuf_t *out)
{
    sb_printf(out, "%s%s%s%s", r & CDL_RIGHT_READ ? "R" : "", r & CDL_RIGHT_WRITE ? "W" : "",
              r & CDL_RIGHT_GRANT ? "G" : "", r & CDL_RIGHT_GRANT_REPLY ? "P" : "");
}

static void decode_extra(const cdl_spec_t *s, const cdl_object_t *o, strbuf_t *out)
{
    if (cdl_obj_has_paddr(o)) {
        sb_printf(out, " paddr=0x%llx", (unsigned long long)cdl_obj_paddr(s, o));
    }
    if (o->type == CDL_TCB) {
        const cdl_tcb_t *t = &s->tcbs[o->aux];
        sb_printf(out, " ip=0x%llx sp=0x%llx ipc=0x%llx prio=%u mcp=%u dom=%u fault_ep=%llu nargs=%u",
                  (unsigned long long)t->ip, (unsigned long long)t->sp, (unsigned long long)t->ipc_buffer,
                  t->prio, t->mcp, t->domain, (unsigned long long)t->fault_ep, t->nargs);
        if (t->flags & CDL_TCB_F_PASSIVE) {
            sb_printf(out, " passive");
        }
    } else if (o->type == CDL_SC) {
        sb_printf(out, " budget=%llu period=%llu extra_refills=%llu badge=0x%llx",
                  (unsigned long long)cdl_sc_param(s, o, CDL_SC_BUDGET), (unsigned long long)cdl_sc_param(s, o, CDL_SC_PERIOD),
                  (unsigned long long)cdl_sc_param(s, o, CDL_SC_EXTRA_REFILLS),
                  (unsigned long long)cdl_sc_param(s, o, CDL_SC_BADGE));
        if (cdl_sc_param(s, o, CDL_SC_FLAGS) & CDL_SC_F_SPORADIC) {
            sb_printf(out, " sporadic");
        }
    } else if (o->type == CDL_SCHED_CONTROL) {
        sb_printf(out, " core=%u", o->aux);
    } else if (o->type == CDL_IRQ) {
        const cdl_irq_t *q = &s->irqs[o->aux];
        if (q->kind == CDL_IRQ_ARM) {
            sb_printf(out, " gic intid=%u trigger=%s target=%u", q->irq, q->level ? "edge" : "level", q->target);
        } else if (q->kind == CDL_IRQ_MSI) {
            sb_printf(out, " msi vector=%u pci=%u:%u.%u handle=%u", q->irq, CDL_PCI_BUS(q->pci_address),
                      CDL_PCI_DEV(q->pci_address), CDL_PCI_FUN(q->pci_address), q->handle);
        } else {
            sb_printf(out, q->kind == CDL_IRQ_LEGACY ? " irq=%u" : " vector=%u ioapic=%u pin=%u level=%u polarity=%u",
                      q->irq, q->ioapic, q->pin, q->level, q->polarity);
        }
    } else if (o->type == CDL_IO_PORTS) {
        sb_printf(out, " ports=0x%x..0x%x", CDL_IO_PORTS_FIRST(o), CDL_IO_PORTS_LAST(o));
    }
}

/* The fills of object id, from *fill on (fills are sorted by frame); *fill ends past them. */
static void decode_fills(const cdl_spec_t *s, uint32_t id, uint32_t *fill, strbuf_t *out)
{
    uint32_t f = *fill;
    for (; f < s->n_fills && s->fills[f].frame == id; f++) {
        sb_printf(out, "    fill %u+%u from %s@0x%llx\n", s->fills[f].dest_off, s->fills[f].len,
                  cdl_spec_string(s, s->fills[f].file), (unsigned long long)s->fills[f].src_off);
    }
    *fill = f;
}

/* One cap: slot, target, rights, then a badge, or a CNode cap's guard and guard size. */
static void decode_cap(const cdl_spec_t *s, const cdl_cap_t *c, strbuf_t *out)
{
    sb_printf(out, "    %u: ", cdl_cap_slot(c));
    obj_name(s, c->obj, out);
    sb_printf(out, " (");
    rights_text(cdl_cap_rights(c), out);
    if (s->objects[c->obj].type == CDL_CNODE) {
        if (cdl_cap_guard(s, c)) {
            sb_printf(out, ", guard: 0x%llx", (unsigned long long)cdl_cap_guard(s, c));
        }
        if (cdl_cap_guard_size(s, c)) {
            sb_printf(out, ", guard_size: %u", cdl_cap_guard_size(s, c));
        }
    } else if (cdl_cap_data(s, c)) {
        sb_printf(out, ", badge: 0x%llx", (unsigned long long)cdl_cap_data(s, c));
    }
    sb_printf(out, ")\n");
}

/* Object i, whose caps start at first_cap and fills at *fill (both running over the objects). */
static void decode_object(const cdl_spec_t *s, uint32_t i, uint32_t first_cap, uint32_t *fill, strbuf_t *out)
{
    const cdl_object_t *o = &s->objects[i];
    sb_printf(out, "%u ", i);
    obj_name(s, i, out);
    sb_printf(out, " = %s", cdl_obj_type_name(o->type));
    if (o->size_bits) {
        sb_printf(out, " (%u bits)", o->size_bits);
    }
    decode_extra(s, o, out);
    sb_printf(out, "\n");
    for (uint32_t k = 0; k < o->num_caps; k++) {
        decode_cap(s, &s->caps[first_cap + k], out);
    }
    decode_fills(s, i, fill, out);
}

static void decode_domain_schedule(const cdl_spec_t *s, strbuf_t *out)
{
    if (s->n_domain_schedule == 0) {
        return;
    }
    sb_printf(out, "domain schedule from kernel index %u:", s->hdr->domain_index_shift);
    for (uint32_t i = 0; i < s->n_domain_schedule; i++) {
        sb_printf(out, " (%u, %llu)", CDL_DOMAIN_ENTRY_DOMAIN(s->domain_schedule[i]),
                  (unsigned long long)CDL_DOMAIN_ENTRY_DURATION(s->domain_schedule[i]));
    }
    if (s->hdr->domain_start == CDL_NONE) {
        sb_printf(out, ", no start\n");
    } else {
        sb_printf(out, ", start %u\n", s->hdr->domain_start);
    }
}

cdl_result_t spec_decode(const void *buf, size_t len, strbuf_t *out)
{
    cdl_spec_t s;
    cdl_result_t r = cdl_spec_validate(buf, len, &s);
    if (r.status != CDL_OK) {
        if (r.index == CDL_NONE) {
            sb_printf(out, "invalid spec: %s\n", cdl_status_text(r.status));
        } else {
            sb_printf(out, "invalid spec: %s (record %u)\n", cdl_status_text(r.status), r.index);
        }
        return r;
    }
    sb_printf(out, "capDL spec v%u, x86_64, %u bytes, checked for %llu MiB of RAM%s%s\n", s.hdr->version,
              s.hdr->total_size, (unsigned long long)(s.hdr->ram_bytes >> 20),
              (s.hdr->flags & CDL_SPEC_F_DUMP_CAPS) ? ", capability dump after loading" : "",
              (s.hdr->flags & CDL_SPEC_F_MCS) ? ", for the MCS kernel" : "");
    sb_printf(out, "%u objects, %u caps, %u TCBs, %u fills, %u IRQs\n", s.n_objects, s.n_caps, s.n_tcbs,
              s.n_fills, s.n_irqs);
    uint32_t first_cap = 0, fill = 0;
    for (uint32_t i = 0; i < s.n_objects; i++) {
        decode_object(&s, i, first_cap, &fill, out);
        first_cap += s.objects[i].num_caps;
    }
    decode_domain_schedule(&s, out);
    return r;
}
