/*
 * Helpers of the MCS suite (mcs_helpers.h).
 */
#include "mcs_helpers.h"

seL4_CPtr sched_control(void)
{
    return test_bi->schedcontrol.start;
}

seL4_CPtr make_sc(seL4_Word bits, seL4_Time budget_us, seL4_Time period_us, seL4_Word badge)
{
    seL4_CPtr sc = alloc_object(seL4_SchedContextObject, bits);
    if (sc && !CHECK_OK(seL4_SchedControl_Configure(sched_control(), sc, budget_us, period_us, 0, badge))) {
        return 0;
    }
    return sc;
}

seL4_CPtr make_reply(void)
{
    return alloc_object(seL4_ReplyObject, 0);
}

seL4_CPtr make_ep(void)
{
    return alloc_object(seL4_EndpointObject, 0);
}

seL4_CPtr make_ntfn(void)
{
    return alloc_object(seL4_NotificationObject, 0);
}

bool limit_budget(struct test_thread *t)
{
    return CHECK_OK(seL4_SchedControl_Configure(sched_control(), t->sc, 1000, 10000, 0, 0));
}

bool make_passive(struct test_thread *t)
{
    return CHECK_OK(seL4_SchedContext_Unbind(t->sc));
}

seL4_Time sc_consumed(seL4_CPtr sc)
{
    seL4_SchedContext_Consumed_t r = seL4_SchedContext_Consumed(sc);
    CHECK_OK(r.error);
    return r.consumed;
}

void spin_us(unsigned us)
{
    uint64_t end = tsc_now() + tsc_per_ms() * us / 1000;
    while (tsc_now() < end) {
    }
}
