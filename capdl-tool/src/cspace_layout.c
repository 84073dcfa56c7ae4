/*
 * The CSpace layout pass (cspace_layout.h).
 */
#include "cspace_layout.h"

#define WORD_BITS 64u

/* Assigns slots; returns the highest slot used. */
static uint32_t assign_slots(sys_comp_t *k, model_t *m)
{
    uint32_t slot = 1;
    for (size_t i = 0; i < k->caps.n; i++) {
        k->caps.v[i].slot = slot++;
    }
    for (size_t i = 0; i < k->threads.n; i++) {
        sys_thread_t *t = &k->threads.v[i];
        if (t->fault_obj != CDL_NONE) {
            t->fault_slot = slot++;
            m->tcbs.v[m->objs.v[t->tcb].aux].fault_ep = t->fault_slot;
        }
    }
    return slot - 1;
}

static bool pick_radix(sys_comp_t *k, model_t *m, uint32_t last, diag_t *d)
{
    unsigned r = 1;
    while ((1u << r) <= last) {
        r++;
    }
    if (k->cnode_bits && k->cnode_bits < r) {
        diag_error(d, k->cnode_bits_pos.line ? k->cnode_bits_pos : k->pos, NULL, NULL,
                   "component '%s' needs %u slots (slot 0 stays empty) but cnode_bits: %u gives %u",
                   k->name, last + 1, k->cnode_bits, 1u << k->cnode_bits);
        return false;
    }
    m->objs.v[k->cnode].size_bits = (uint8_t)(k->cnode_bits ? k->cnode_bits : r);
    return true;
}

static uint8_t guard_of(const model_t *m, uint32_t cnode)
{
    return (uint8_t)(WORD_BITS - m->objs.v[cnode].size_bits);
}

static void emit_caps(sys_comp_t *k, model_t *m)
{
    for (size_t i = 0; i < k->caps.n; i++) {
        const sys_cap_t *c = &k->caps.v[i];
        if (c->obj == CDL_NONE || c->kind == CAPK_EMPTY) {
            continue;
        }
        bool cnode = m->objs.v[c->obj].type == CDL_CNODE && c->kind == CAPK_CSPACE;
        model_add_cap(m, k->cnode, c->slot, c->obj, c->rights, c->badge, cnode ? guard_of(m, c->obj) : 0, c->pos);
    }
    for (size_t i = 0; i < k->threads.n; i++) {
        const sys_thread_t *t = &k->threads.v[i];
        if (t->fault_obj != CDL_NONE) {
            model_add_cap(m, k->cnode, t->fault_slot, t->fault_obj, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT,
                          t->fault_badge, 0, t->fault_pos);
        }
        model_add_cap(m, t->tcb, CDL_TCB_SLOT_CSPACE, k->cnode, CDL_RIGHTS_ALL, 0, guard_of(m, k->cnode), t->pos);
        model_add_cap(m, t->tcb, CDL_TCB_SLOT_VSPACE, k->pml4, CDL_RIGHTS_ALL, 0, 0, t->pos);
        model_add_cap(m, t->tcb, CDL_TCB_SLOT_IPC_BUFFER, t->ipc_frame, CDL_RIGHT_READ | CDL_RIGHT_WRITE, 0, 0, t->pos);
    }
}

bool cspace_layout(model_t *m, diag_t *d)
{
    bool ok = true;
    for (size_t i = 0; i < m->comps.n; i++) {
        ok &= pick_radix(&m->comps.v[i], m, assign_slots(&m->comps.v[i], m), d);
    }
    for (size_t i = 0; ok && i < m->comps.n; i++) {
        emit_caps(&m->comps.v[i], m);
    }
    return ok;
}
