/*
 * The *WithMRs syscall stubs (sel4test SYSCALL0014-0017), on both architectures: the MR values
 * go out and come back by pointer, and C variables the compiler keeps in registers around the
 * libsel4 call survive it (sel4test's TEST_REGISTERS). Real IPC: a server answers with
 * RecvWithMRs / ReplyRecvWithMRs.
 */
#include "ipc_helpers.h"
#include "tests.h"

#define TEST_REGISTERS(code)                                                                                   \
    do {                                                                                                       \
        register long a00 = 0xdeadbeefdead0000, a01 = 0xdeadbeefdead0001, a02 = 0xdeadbeefdead0002;            \
        register long a03 = 0xdeadbeefdead0003, a04 = 0xdeadbeefdead0004, a05 = 0xdeadbeefdead0005;            \
        register long a06 = 0xdeadbeefdead0006, a07 = 0xdeadbeefdead0007, a08 = 0xdeadbeefdead0008;            \
        __asm__ volatile("" : "+r"(a00), "+r"(a01), "+r"(a02), "+r"(a03), "+r"(a04), "+r"(a05), "+r"(a06),      \
                              "+r"(a07), "+r"(a08));                                                           \
        code;                                                                                                  \
        __asm__ volatile("" : "+r"(a00), "+r"(a01), "+r"(a02), "+r"(a03), "+r"(a04), "+r"(a05), "+r"(a06),      \
                              "+r"(a07), "+r"(a08));                                                           \
        CHECK(a00 == (long)0xdeadbeefdead0000 && a01 == (long)0xdeadbeefdead0001 &&                            \
                  a02 == (long)0xdeadbeefdead0002 && a03 == (long)0xdeadbeefdead0003 &&                        \
                  a04 == (long)0xdeadbeefdead0004 && a05 == (long)0xdeadbeefdead0005 &&                        \
                  a06 == (long)0xdeadbeefdead0006 && a07 == (long)0xdeadbeefdead0007 &&                        \
                  a08 == (long)0xdeadbeefdead0008,                                                             \
              "a C variable held in a register changed across %s", #code);                                     \
    } while (0)

static void with_mrs_fn(struct test_thread *t)
{
    seL4_CPtr ep = t->arg[0], n = t->arg[1];
    for (int i = 0; i < 10; i++) {
        seL4_Word m0 = 1, m1 = 2, m2 = 3, m3 = 4;
        TEST_REGISTERS(seL4_SendWithMRs(ROOT_CNODE, seL4_MessageInfo_new(0, 0, 0, 0), &m0, &m1, &m2, &m3));
        TEST_REGISTERS(seL4_NBSendWithMRs(ROOT_CNODE, seL4_MessageInfo_new(0, 0, 0, 0), &m0, &m1, &m2, &m3));
        TEST_REGISTERS(seL4_ReplyWithMRs(seL4_MessageInfo_new(0, 0, 0, 0), &m0, &m1, &m2, &m3));
        TEST_REGISTERS(seL4_CallWithMRs(ROOT_CNODE, seL4_MessageInfo_new(0, 0, 0, 0), &m0, &m1, &m2, &m3));
        seL4_Signal(n);
        TEST_REGISTERS(seL4_RecvWithMRs(n, NULL, &m0, &m1, &m2, &m3));
        /* real IPC: Call a server with MRs by pointer, get the reply's MRs by pointer */
        m0 = 0x10 + (seL4_Word)i;
        m1 = 0x20;
        m2 = 0x30;
        m3 = 0x40;
        seL4_MessageInfo_t reply;
        TEST_REGISTERS(reply = seL4_CallWithMRs(ep, seL4_MessageInfo_new(9, 0, 0, 4), &m0, &m1, &m2, &m3));
        CHECK(seL4_MessageInfo_get_label(reply) == 10 && m0 == ~(0x10ul + (seL4_Word)i) && m1 == ~0x20ul &&
                  m2 == ~0x30ul && m3 == ~0x40ul,
              "CallWithMRs: reply label %lu MRs 0x%lx 0x%lx 0x%lx 0x%lx", seL4_MessageInfo_get_label(reply), m0, m1,
              m2, m3);
        t->counter = t->counter + 1;
    }
}

/* a server using RecvWithMRs / ReplyRecvWithMRs: inverts MR0-3, label + 1 */
static void with_mrs_server_fn(struct test_thread *t)
{
    seL4_Word m0, m1, m2, m3, badge;
    seL4_MessageInfo_t info = seL4_RecvWithMRs(t->arg[0], &badge, &m0, &m1, &m2, &m3);
    for (seL4_Word i = 0; i < t->arg[1]; i++) {
        m0 = ~m0;
        m1 = ~m1;
        m2 = ~m2;
        m3 = ~m3;
        seL4_MessageInfo_t reply = seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0, 4);
        if (i + 1 == t->arg[1]) {
            seL4_ReplyWithMRs(reply, &m0, &m1, &m2, &m3);
            break;
        }
        info = seL4_ReplyRecvWithMRs(t->arg[0], reply, &badge, &m0, &m1, &m2, &m3);
    }
}

void test_syscall_with_mrs(void)
{
    seL4_CPtr ep = new_ep(), n = new_ntfn();
    REQ(ep && n);
    struct test_thread *srv = start_thread(with_mrs_server_fn, 100);
    REQ(srv);
    srv->arg[0] = ep;
    srv->arg[1] = 10;
    settle();
    struct test_thread *t = start_thread(with_mrs_fn, 100);
    REQ(t);
    t->arg[0] = ep;
    t->arg[1] = n;
    CHECK(wait_thread(t, 2000), "finished %lu of 10 rounds", t->counter);
    CHECK(wait_thread(srv, 1000), "server did not finish");
}
