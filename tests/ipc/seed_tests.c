/*
 * The seed notes' IPC and fault-handling programs (specs/ipc/echo_server.c, echo_client.c,
 * specs/fault_handling/faulter.c, handler.c, compiled unchanged with main renamed) run as threads of the root task
 * in its CSpace and VSpace. This file defines the extern CPtr variables they use.
 */
#include "ipc_helpers.h"
#include "tests.h"

#include <string.h>

int seed_echo_server_main(int c, char *argv[]);
int seed_echo_client_main(int c, char *argv[]);
int seed_faulter_main(void);
int seed_handler_main(void);

/* echo server and client */
seL4_CPtr endpoint, cnode, free_slot, badged_endpoint;

/* faulter and handler */
seL4_CPtr sequencing_ep_cap, local_badged_faulter_fault_ep_empty_cap, faulter_empty_cap;
seL4_CPtr faulter_fault_ep_cap, handler_cspace_root, badged_faulter_fault_ep_cap;
seL4_CPtr faulter_tcb_cap, faulter_vspace_root, faulter_cspace_root;

static void echo_server_fn(struct test_thread *t)
{
    (void)t;
    seed_echo_server_main(0, NULL);
}

static void echo_client_fn(struct test_thread *t)
{
    t->value = (seL4_Word)seed_echo_client_main(0, NULL);
}

/* The server defers its reply to one badged client until a second message arrives (it saves
 * the caller, receives again, then answers both): a second client with its own badged cap
 * supplies those messages once the seed client holds its badged endpoint. */
static const char *const second_messages[] = {"hello", "brown", "jumps", "dog"};

static void second_client_fn(struct test_thread *t)
{
    uint64_t end = deadline_ms(2000);
    while (cap_type(badged_endpoint) != CAP_ENDPOINT) {
        if (tsc_now() > end) {
            return;
        }
        seL4_Yield();
    }
    for (int i = 0; i < 4; i++) {
        const char *s = second_messages[i];
        seL4_Word len = strlen(s);
        for (seL4_Word j = 0; j < len; j++) {
            seL4_SetMR((int)j, (seL4_Word)s[j]);
        }
        seL4_MessageInfo_t reply = seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, len));
        /* the server's ReplyRecv answers with the received message info and its MRs */
        bool echoed = seL4_MessageInfo_get_length(reply) == len;
        for (seL4_Word j = 0; echoed && j < len; j++) {
            echoed = seL4_GetMR((int)j) == (seL4_Word)s[j];
        }
        CHECK(echoed, "second client, message '%s': reply length %lu", s, seL4_MessageInfo_get_length(reply));
        t->counter = t->counter + 1;
    }
}

void test_seed_echo(void)
{
    endpoint = new_ep();
    cnode = ROOT_CNODE;
    free_slot = alloc_slot();
    badged_endpoint = alloc_slot();
    REQ(endpoint && free_slot && badged_endpoint);
    seL4_CPtr second = mint_cap(endpoint, seL4_AllRights, 2);
    REQ(second);
    struct test_thread *srv = start_thread(echo_server_fn, 150);
    REQ(srv);
    settle();
    struct test_thread *cl = start_thread(echo_client_fn, 100);
    REQ(cl);
    struct test_thread *c2 = start_thread(second_client_fn, 90);
    REQ(c2);
    c2->arg[0] = second;
    CHECK(wait_thread(cl, 3000), "the seed client did not finish");
    CHECK(cl->value == 0, "the seed client returned %lu", cl->value);
    CHECK(cap_type(badged_endpoint) == CAP_ENDPOINT, "the client's receive slot holds cap type %d",
          cap_type(badged_endpoint));
    CHECK(wait_thread(c2, 1000), "the second client made %lu of 4 Calls", c2->counter);
    CHECK(slot_empty(free_slot), "the server's free slot is not empty at the end (type %d)", cap_type(free_slot));
    CHECK(!srv->done, "the server returned");
}

static void faulter_fn(struct test_thread *t)
{
    t->value = (seL4_Word)seed_faulter_main();
}

static void handler_seed_fn(struct test_thread *t)
{
    t->value = (seL4_Word)seed_handler_main();
}

void test_seed_fault_handler(void)
{
    sequencing_ep_cap = new_ep();
    faulter_fault_ep_cap = new_ep();
    handler_cspace_root = ROOT_CNODE;
    faulter_cspace_root = ROOT_CNODE;
    faulter_vspace_root = seL4_CapInitThreadVSpace;
    badged_faulter_fault_ep_cap = alloc_slot();
    local_badged_faulter_fault_ep_empty_cap = alloc_slot();
    faulter_empty_cap = alloc_slot();
    REQ(sequencing_ep_cap && faulter_fault_ep_cap && badged_faulter_fault_ep_cap &&
            local_badged_faulter_fault_ep_empty_cap && faulter_empty_cap);
    struct test_thread *h = new_thread(handler_seed_fn, 150), *f = new_thread(faulter_fn, 100);
    REQ(h && f);
    faulter_tcb_cap = f->tcb;
    REQ(thread_start(h));
    settle();
    REQ(thread_start(f));
    CHECK(wait_thread(f, 2000), "the seed faulter did not get past its fault");
    CHECK(wait_thread(h, 1000), "the seed handler did not finish");
    CHECK(f->value == 0 && h->value == 0, "faulter returned %lu, handler %lu", f->value, h->value);
    CHECK(cap_type(faulter_empty_cap) == CAP_ENDPOINT, "the faulting slot holds cap type %d", cap_type(faulter_empty_cap));
    CHECK(cap_type(local_badged_faulter_fault_ep_empty_cap) == CAP_ENDPOINT, "no badged fault endpoint in the faulter's slot");
}
