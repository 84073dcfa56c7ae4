/*
 * seL4_DebugCapDescribe (api/debug_describe.h). The cap is read where it lies: a copy would
 * change the CDT the caller wants to inspect, and some caps (IRQControl) cannot be copied.
 */
#include <api/debug_describe.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/tcb.h>
#include <sel4/shared_types.h>

/* The slots of a container cap and their count; NULL for a cap that holds no slots. */
static cte_t *container_slots(cap_t c, word_t *n)
{
    switch (cap_get_capType(c)) {
    case cap_cnode_cap:
        *n = (word_t)1 << cap_cnode_cap_get_capCNodeRadix(c);
        return cnode_slots(c);
    case cap_thread_cap:
        *n = tcbCNodeEntries;
        return tcb_from_cap(c)->ctes;
    default:
        return NULL;
    }
}

/* What tells the object apart: its address, or for caps to no memory their number or range
 * (control caps and the domain cap: 0, there is one of each). */
static word_t cap_object(cap_t c)
{
    switch (cap_get_capType(c)) {
    case cap_irq_handler_cap:
        return cap_irq_handler_cap_get_irq(c);
    case cap_io_port_cap:
        return cap_io_port_cap_get_first(c) << 16 | cap_io_port_cap_get_last(c);
    case cap_zombie_cap:
        return cap_zombie_cap_get_obj(c);
    default:
        return cap_get_capPaddr(c);
    }
}

static word_t cap_rights(cap_t c)
{
    switch (cap_get_capType(c)) {
    case cap_endpoint_cap:
    case cap_notification_cap:
        return cap_get_capRights(c);
    case cap_frame_cap:
        return cap_frame_cap_get_capFVMRights(c); /* Read and Write, seL4_CapRights' bits */
    case cap_reply_cap:
        return cap_reply_cap_get_canGrant(c) ? seL4_CanGrant.words[0] : 0;
    default:
        return 0;
    }
}

static bool has_badge(cap_t c)
{
    return cap_get_capType(c) == cap_endpoint_cap || cap_get_capType(c) == cap_notification_cap;
}

static void reply(tcb_t *t, word_t err, word_t type, word_t object, word_t rights, word_t badge)
{
    setRegister(t, REG_CAP, err);
    setRegister(t, msgRegisters[0], type);
    setRegister(t, msgRegisters[1], object);
    setRegister(t, msgRegisters[2], rights);
    setRegister(t, msgRegisters[3], badge);
}

void debug_cap_describe(tcb_t *t)
{
    word_t index = getRegister(t, msgRegisters[0]), n = 0;
    lookup_cap_ret_t lu = lookupCap(t, getRegister(t, REG_CAP));
    cte_t *slots = lu.status == EXCEPTION_NONE ? container_slots(lu.cap, &n) : NULL;
    if (!slots) {
        reply(t, seL4_InvalidCapability, 0, 0, 0, 0);
    } else if (index >= n) {
        reply(t, seL4_RangeError, 0, n, 0, 0);
    } else {
        cap_t c = slots[index].cap;
        word_t badge = has_badge(c) ? cap_get_capBadge(c) : 0;
        reply(t, seL4_NoError, cap_get_capType(c), cap_object(c), cap_rights(c), badge);
    }
}
