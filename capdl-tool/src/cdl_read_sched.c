/*
 * The MCS part of the .cdl reader (cdl_read_internal.h): seL4's symbolic TCB slots sc_slot,
 * temp_fault_ep_slot and bound_notification (capDL numbering 6, 7, 8, which the binary spec
 * keeps), and what the builder makes of them. capDL has no word for a passive server that runs
 * once to its first wait; the builder writes such a thread with its SC and its notification in
 * bound_notification, and reads every TCB with a bound_notification that way (docs/mcs.md).
 */
#include "cdl_read_internal.h"

const char *cdl_mcs_tcb_slot_problem(uint64_t slot, const model_obj_t *t)
{
    switch (slot) {
    case CDL_TCB_SLOT_SC: return t->type == CDL_SC ? NULL : "sc_slot holds an sc cap";
    case CDL_TCB_SLOT_TIMEOUT_EP: return t->type == CDL_ENDPOINT ? NULL : "temp_fault_ep_slot holds an endpoint cap";
    default: return t->type == CDL_NOTIFICATION ? NULL : "bound_notification holds a notification cap";
    }
}

/* Whether TCB object tcb has a cap in sc_slot. */
static bool has_sc(const model_t *m, uint32_t tcb)
{
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->caps.v[i].container == tcb && m->caps.v[i].slot == CDL_TCB_SLOT_SC) {
            return true;
        }
    }
    return false;
}

void cdl_mcs_finish(cdl_parser_t *p)
{
    model_t *m = p->m;
    for (size_t i = 0; i < m->caps.n; i++) {
        const model_cap_t *c = &m->caps.v[i];
        const model_obj_t *h = &m->objs.v[c->container];
        if (h->type != CDL_TCB || c->slot < CDL_TCB_SLOT_SC || c->slot > CDL_TCB_SLOT_BOUND_NTFN) {
            continue;
        }
        m->spec_flags |= CDL_SPEC_F_MCS;
        if (c->slot == CDL_TCB_SLOT_BOUND_NTFN) {
            if (!has_sc(m, c->container)) {
                cdl_lex_fail_at(&p->lex, c->pos, "a TCB with a bound_notification is a passive thread (docs/mcs.md) "
                                                 "and needs an sc_slot to start on");
            }
            m->tcbs.v[h->aux].passive = true;
        }
    }
}
