/*
 * MCS (docs/mcs.md, "The builder"): what the loader built for the MCS kernel does beyond the
 * classic one, in the order of sel4-mcs-facts.md 6.2. Every scheduling context is configured
 * through the core's SchedControl cap right after the objects exist; each thread is then bound
 * to its SC with TCB_SetSchedParams (the fault endpoint is a cap under MCS: the loader mints the
 * one the thread's CSpace names), gets its timeout endpoint, and a passive thread also gets its
 * notification, bound to the thread and to the same SC: the thread runs on that SC until it
 * first waits, when the kernel hands the SC back to the notification (seL4's lazy rebind) and
 * the thread is left to run on its callers' SCs. The classic loader only refuses MCS specs.
 */
#include "loader.h"

bool loader_spec_config_ok(void)
{
    bool mcs = (loader.spec.hdr->flags & CDL_SPEC_F_MCS) != 0;
#ifdef CONFIG_KERNEL_MCS
    return mcs;
#else
    return !mcs;
#endif
}

#ifdef CONFIG_KERNEL_MCS

void loader_configure_scs(void)
{
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type != CDL_SC) {
            continue;
        }
        const cdl_spec_t *s = &loader.spec;
        /* core 0: the validator limits SchedControl cores, the kernel has one (docs/mcs.md) */
        loader_check(seL4_SchedControl_ConfigureFlags(loader.bi->schedcontrol.start, obj_slot(i),
                                                      cdl_sc_param(s, o, CDL_SC_BUDGET), cdl_sc_param(s, o, CDL_SC_PERIOD),
                                                      cdl_sc_param(s, o, CDL_SC_EXTRA_REFILLS),
                                                      cdl_sc_param(s, o, CDL_SC_BADGE),
                                                      (cdl_sc_param(s, o, CDL_SC_FLAGS) & CDL_SC_F_SPORADIC)
                                                          ? seL4_SchedContext_Sporadic : 0),
                     i, "seL4_SchedControl_ConfigureFlags");
    }
}

/* A fresh slot of the loader's holding a copy of cap c (badge and rights as the spec says). */
static seL4_CPtr mint_copy(const cdl_cap_t *c, uint32_t tcb, const char *what)
{
    seL4_CPtr slot = loader_alloc_slot();
    uint32_t rights = cdl_cap_rights(c);
    seL4_CapRights_t r = seL4_CapRights_new((rights & CDL_RIGHT_GRANT_REPLY) != 0, (rights & CDL_RIGHT_GRANT) != 0,
                                            (rights & CDL_RIGHT_READ) != 0, (rights & CDL_RIGHT_WRITE) != 0);
    loader_check(seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits, seL4_CapInitThreadCNode, obj_slot(c->obj),
                                 seL4_WordBits, r, cdl_cap_data(&loader.spec, c)), tcb, what);
    return slot;
}

/* The fault endpoint the TCB record names by CPtr in the thread's own CSpace (one level: guard
 * then radix, as the tool lays CSpaces out), minted for SetSchedParams; seL4_CapNull if none. */
static seL4_CPtr fault_ep(uint32_t i, const cdl_tcb_t *t, const cdl_cap_t *cs)
{
    if (t->fault_ep == 0) {
        return seL4_CapNull;
    }
    unsigned radix = loader.spec.objects[cs->obj].size_bits;
    const cdl_cap_t *c = NULL;
    /* a CNode's aux is its first cap; any other object's is not (TCB_Configure refuses those) */
    if (loader.spec.objects[cs->obj].type == CDL_CNODE &&
        cdl_cap_guard_size(&loader.spec, cs) + radix == seL4_WordBits &&
        (t->fault_ep >> radix) == cdl_cap_guard(&loader.spec, cs)) {
        const cdl_object_t *cnode = &loader.spec.objects[cs->obj];
        c = loader_slot_cap(cnode->aux, cnode->num_caps, t->fault_ep & ((1ull << radix) - 1));
    }
    if (!c || loader.spec.objects[c->obj].type != CDL_ENDPOINT) {
        loader_fail(i, "finding the fault endpoint in the thread's CSpace", seL4_FailedLookup);
    }
    return mint_copy(c, i, "seL4_CNode_Mint (the fault endpoint)");
}

void loader_sched_configure_tcb(uint32_t i, const cdl_tcb_t *t, uint32_t first_cap, const cdl_cap_t *cs)
{
    uint32_t n = loader.spec.objects[i].num_caps;
    const cdl_cap_t *sc = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_SC);
    const cdl_cap_t *tep = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_TIMEOUT_EP);
    const cdl_cap_t *ntfn = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_BOUND_NTFN);
    seL4_CPtr sc_cap = sc ? obj_slot(sc->obj) : seL4_CapNull;
    loader_check(seL4_TCB_SetSchedParams(obj_slot(i), seL4_CapInitThreadTCB, t->mcp, t->prio, sc_cap, fault_ep(i, t, cs)),
                 i, "seL4_TCB_SetSchedParams");
    if (tep) {
        loader_check(seL4_TCB_SetTimeoutEndpoint(obj_slot(i), mint_copy(tep, i, "seL4_CNode_Mint (the timeout endpoint)")),
                     i, "seL4_TCB_SetTimeoutEndpoint");
    }
    if (t->flags & CDL_TCB_F_PASSIVE) { /* the validator guarantees sc and ntfn */
        loader_check(seL4_TCB_BindNotification(obj_slot(i), obj_slot(ntfn->obj)), i, "seL4_TCB_BindNotification");
        loader_check(seL4_SchedContext_Bind(sc_cap, obj_slot(ntfn->obj)), sc->obj, "seL4_SchedContext_Bind (notification)");
    }
}

#endif
