/*
 * Faults under MCS (sel4-mcs-facts 2.3, 4.5, 4.6, 5; sel4test TIMEOUTFAULT0001, IPC0021): the
 * fault handler is a cap copied into the TCB; timeout faults with the SC's badge.
 */
#include "mcs_helpers.h"
#include "tests.h"

static void spinning_fn(struct test_thread *t)
{
    for (;;) {
        t->counter++;
    }
}

void test_fault_timeout(void)
{
    /* a 1 ms / 2 ms thread with a timeout endpoint: each overrun is a label-5 message of 2
     * words, the badge first; an empty label-0 reply resumes it */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    struct test_thread *t = thread_create(spinning_fn, 100);
    if (!t || !CHECK_OK(seL4_SchedControl_Configure(sched_control(), t->sc, 1000, 2000, 0, 0x77)) ||
        !CHECK_OK(seL4_TCB_SetTimeoutEndpoint(t->tcb, ep))) {
        return;
    }
    thread_start(t);
    for (int i = 0; i < 10; i++) {
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
        if (!CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_Timeout) ||
            !CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_Timeout_Length) ||
            !CHECK_EQ(seL4_GetMR(seL4_Timeout_Data), 0x77)) {
            break;
        }
        /* some time was used; its amount is not checked: under QEMU's software emulation a
         * host that deschedules QEMU makes the TSC jump past the deadline (docs/mcs.md) */
        CHECK(seL4_GetMR(seL4_Timeout_Consumed) > 0, "a timeout fault with no time consumed");
        seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    }
    CHECK_OK(seL4_TCB_Suspend(t->tcb));
    CHECK(t->counter > 0, "the thread never ran");
}

/* An unmapped address, hidden from the compiler's bounds checks. */
static volatile uintptr_t bad_address = 0x10;

static void faulting_fn(struct test_thread *t)
{
    t->value = 1;
    *(volatile seL4_Word *)bad_address = 1;
}

void test_fault_handler_cap(void)
{
    /* the fault handler given to SetSchedParams (a cap of the invoker's CSpace) gets a VM fault,
     * label 6 under MCS */
    seL4_CPtr ep = make_ep(), reply = make_reply();
    seL4_CPtr badged = alloc_slot();
    CHECK_OK(seL4_CNode_Mint(ROOT_CNODE, badged, ROOT_DEPTH, ROOT_CNODE, ep, ROOT_DEPTH, seL4_AllRights, 0x55));
    struct test_thread *t = thread_create_ex(faulting_fn, 100, badged);
    if (!t) {
        return;
    }
    thread_start(t);
    seL4_Word badge;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_EQ(badge, 0x55);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10);
    CHECK_EQ(t->value, 1);
}
