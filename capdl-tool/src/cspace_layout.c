/*
 * The CSpace layout pass (cspace_layout.h).
 */
#include "cspace_layout.h"

#include <stdlib.h>

#define WORD_BITS 64u

/* The slot of the description's own cap to the main thread, or 0. */
static uint32_t own_self_cap(const sys_comp_t *k)
{
    for (size_t i = 0; i < k->caps.n; i++) {
        if (k->caps.v[i].kind == CAPK_TCB && k->threads.n && k->caps.v[i].obj == k->threads.v[0].tcb) {
            return k->caps.v[i].slot;
        }
    }
    return 0;
}

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
    /* Without a way to stop, a component's return from main could only end in a fault (the
     * kernel prints it; a fault handler would take it for a crash). A cap to its own TCB would
     * do, but it is authority: sent over a grant channel it hands control of the thread to the
     * receiver. A read-only cap to a notification nobody can signal is none: the thread waits
     * on it for ever. Not past a cnode_bits the description sets, which stays valid as written. */
    k->self_slot = own_self_cap(k);
    k->exit_obj = CDL_NONE;
    k->exit_slot = 0;
    bool room = !k->cnode_bits || slot < (1u << k->cnode_bits);
    if (k->self_slot == 0 && k->threads.n > 0 && room) {
        char *name = xasprintf("%s.exit", k->name);
        k->exit_obj = model_add_obj(m, name, CDL_NOTIFICATION, 0, k->pos);
        m->objs.v[k->exit_obj].comp = (int32_t)(k - m->comps.v);
        free(name);
        k->exit_slot = slot++;
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
    if (k->exit_obj != CDL_NONE) {
        model_add_cap(m, k->cnode, k->exit_slot, k->exit_obj, CDL_RIGHT_READ, 0, 0, k->pos);
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
