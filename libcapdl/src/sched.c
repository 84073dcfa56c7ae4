/*
 * The MCS part of the spec validator (capdl/spec.h, CDL_SPEC_F_MCS): scheduling contexts, reply
 * objects, SchedControl caps and the TCB slots that hold a thread's SC, timeout endpoint and the
 * notification a passive thread's SC waits on. The rules are seL4's argument checks of
 * SchedControl_ConfigureFlags, SetSchedParams and SetTimeoutEndpoint (sel4-mcs-facts.md 2.3,
 * 2.4) made before boot, so a spec that validates configures without a RangeError. Called last
 * by cdl_spec_validate, after every index has been checked.
 */
#include <capdl/spec.h>

uint64_t cdl_sc_param(const cdl_spec_t *s, const cdl_object_t *o, unsigned which)
{
    return s->wide[o->aux + which];
}

static cdl_result_t res(cdl_status_t st, uint32_t index)
{
    cdl_result_t r = { st, index };
    return r;
}

static bool is_mcs_type(uint32_t type)
{
    return type == CDL_SC || type == CDL_RTREPLY || type == CDL_SCHED_CONTROL;
}

/* ConfigureFlags' checks 3-7 and 9: 20 µs <= budget <= period, extra refills that fit; and
 * no flag the loader does not know. */
static bool sc_ok(const cdl_spec_t *s, const cdl_object_t *o)
{
    if (o->aux >= s->n_wide || s->n_wide - o->aux < CDL_SC_WORDS) {
        return false;
    }
    uint64_t budget = cdl_sc_param(s, o, CDL_SC_BUDGET), period = cdl_sc_param(s, o, CDL_SC_PERIOD);
    uint64_t max_extra = ((1ull << o->size_bits) - CDL_SC_CORE_BYTES) / CDL_SC_REFILL_BYTES;
    return budget >= CDL_SC_MIN_BUDGET_US && period >= CDL_SC_MIN_BUDGET_US && budget <= period &&
           cdl_sc_param(s, o, CDL_SC_EXTRA_REFILLS) <= max_extra &&
           (cdl_sc_param(s, o, CDL_SC_FLAGS) & ~(uint64_t)CDL_SC_F_SPORADIC) == 0;
}

static bool object_ok(const cdl_spec_t *s, const cdl_object_t *o, bool mcs)
{
    if (is_mcs_type(o->type) && !mcs) {
        return false;
    }
    switch (o->type) {
    case CDL_SC: return sc_ok(s, o);
    case CDL_SCHED_CONTROL: return o->aux <= 255u;
    case CDL_NOTIFICATION: return o->size_bits == (mcs ? CDL_MCS_NOTIFICATION_BITS : 0u);
    default: return true;
    }
}

/* The target type a TCB slot of the MCS set must hold; CDL_OBJ_TYPE_COUNT for other slots. */
static uint32_t tcb_slot_type(uint32_t slot)
{
    switch (slot) {
    case CDL_TCB_SLOT_SC: return CDL_SC;
    case CDL_TCB_SLOT_TIMEOUT_EP: return CDL_ENDPOINT;
    case CDL_TCB_SLOT_BOUND_NTFN: return CDL_NOTIFICATION;
    default: return CDL_OBJ_TYPE_COUNT;
    }
}

/* A TCB's MCS slots hold the right types (only in an MCS spec); a passive thread has an SC to
 * start on and the notification it hands the SC to. */
static bool tcb_ok(const cdl_spec_t *s, const cdl_object_t *o, uint32_t first_cap, bool mcs)
{
    bool has_sc = false, has_ntfn = false;
    for (uint32_t k = 0; k < o->num_caps; k++) {
        const cdl_cap_t *c = &s->caps[first_cap + k];
        uint32_t want = tcb_slot_type(cdl_cap_slot(c));
        if (want == CDL_OBJ_TYPE_COUNT) {
            continue;
        }
        if (!mcs || s->objects[c->obj].type != want) {
            return false;
        }
        has_sc |= cdl_cap_slot(c) == CDL_TCB_SLOT_SC;
        has_ntfn |= cdl_cap_slot(c) == CDL_TCB_SLOT_BOUND_NTFN;
    }
    const cdl_tcb_t *t = &s->tcbs[o->aux];
    if (t->flags & CDL_TCB_F_PASSIVE) {
        return mcs && has_sc && has_ntfn;
    }
    return !has_ntfn; /* a bound notification is only written for passive threads */
}

cdl_result_t cdl_spec_check_sched(const cdl_spec_t *s)
{
    bool mcs = (s->hdr->flags & CDL_SPEC_F_MCS) != 0;
    uint32_t first_cap = 0; /* the running sum (capdl/spec.h) */
    for (uint32_t i = 0; i < s->n_objects; i++) {
        const cdl_object_t *o = &s->objects[i];
        if (!object_ok(s, o, mcs) || (o->type == CDL_TCB && !tcb_ok(s, o, first_cap, mcs))) {
            return res(CDL_ERR_SCHED, i);
        }
        first_cap += o->num_caps;
    }
    return res(CDL_OK, 0);
}
