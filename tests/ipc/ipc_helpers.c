/*
 * Helpers of ipc_test (see ipc_helpers.h).
 */
#include "ipc_helpers.h"

#include <stdio.h>
#include <string.h>

#ifndef __aarch64__ /* raw_asm.S is x86_64 only */
__thread seL4_Word raw_saved_rsp, raw_rsp_after;

const char *const raw_reg_names[RAW_NREGS] = {
    "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};
#endif

seL4_CPtr new_ep(void)
{
    return alloc_object(seL4_EndpointObject, 0);
}

seL4_CPtr new_ntfn(void)
{
    return alloc_object(seL4_NotificationObject, 0);
}

seL4_CPtr mint_cap(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_CPtr slot = alloc_slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_CNode_Mint(ROOT_CNODE, slot, ROOT_DEPTH, ROOT_CNODE, src, ROOT_DEPTH, rights, badge);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "Mint of slot %lu (rights 0x%lx, badge 0x%lx): %s", src, rights.words[0],
                     badge, test_error_name(err));
        return 0;
    }
    return slot;
}

void settle(void)
{
    CHECK_OK(set_root_prio(1));
    CHECK_OK(set_root_prio(ROOT_PRIO));
}

bool wait_value(volatile seL4_Word *flag, seL4_Word value, unsigned ms)
{
    uint64_t end = deadline_ms(ms);
    CHECK_OK(set_root_prio(1));
    while (*flag != value && tsc_now() < end) {
        seL4_Yield();
    }
    CHECK_OK(set_root_prio(ROOT_PRIO));
    return *flag == value;
}

bool wait_thread(struct test_thread *t, unsigned ms)
{
    return wait_value(&t->done, 1, ms);
}

bool set_fault_ep(struct test_thread *t, seL4_CPtr fault_ep)
{
    return CHECK_OK(seL4_TCB_SetSpace(t->tcb, fault_ep, ROOT_CNODE, 0, seL4_CapInitThreadVSpace, 0));
}

bool poll_msg(seL4_CPtr ep, struct msg *m)
{
    memset(m, 0, sizeof(*m));
    settle();
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_NBRecv(ep, &badge);
    m->badge = badge;
    m->got = badge != 0;
    if (m->got) {
        m->info = info;
        m->label = seL4_MessageInfo_get_label(info);
        m->length = seL4_MessageInfo_get_length(info);
        for (seL4_Word i = 0; i < m->length && i < seL4_MsgMaxLength; i++) {
            m->mr[i] = seL4_GetMR((int)i);
        }
    }
    return m->got;
}

void reply_msg(seL4_Word label, const seL4_Word *mrs, seL4_Word n)
{
    for (seL4_Word i = 0; i < n; i++) {
        seL4_SetMR((int)i, mrs[i]);
    }
    seL4_Reply(seL4_MessageInfo_new(label, 0, 0, n));
}

void raw_fill(struct raw_regs *r, seL4_Word seed)
{
    seL4_Word *w = (seL4_Word *)r;
    for (int i = 0; i < RAW_NREGS; i++) {
        w[i] = 0x5eed000000000000ul ^ (seed << 32) ^ ((seL4_Word)(i + 1) * 0x01010101ul);
    }
}

seL4_Word root_guard_bits(void)
{
    return 64 - test_bi->initThreadCNodeSizeBits;
}

/* ---- common test threads ---- */

struct got got[MAX_THREADS];

struct test_thread *new_thread(thread_fn fn, seL4_Word prio)
{
    struct test_thread *t = thread_create(fn, prio);
    if (t != NULL) {
        memset(&got[t->index], 0, sizeof(got[t->index]));
    }
    return t;
}

struct test_thread *start_thread(thread_fn fn, seL4_Word prio)
{
    struct test_thread *t = new_thread(fn, prio);
    if (t != NULL && !thread_start(t)) {
        return NULL;
    }
    return t;
}

void record(struct got *g, seL4_MessageInfo_t info, seL4_Word badge)
{
    g->badge = badge;
    g->label = seL4_MessageInfo_get_label(info);
    g->length = seL4_MessageInfo_get_length(info);
    g->extra = seL4_MessageInfo_get_extraCaps(info);
    g->unwrapped = seL4_MessageInfo_get_capsUnwrapped(info);
    for (seL4_Word i = 0; i < g->length && i < seL4_MsgMaxLength; i++) {
        g->mr[i] = seL4_GetMR((int)i);
    }
    for (int i = 0; i < (int)seL4_MsgMaxExtraCaps; i++) {
        g->cap_badge[i] = seL4_GetBadge(i);
    }
    g->n = g->n + 1;
}

seL4_Word pattern(seL4_Word label, seL4_Word i)
{
    return 0xa5a5000000000000ul ^ (label << 16) ^ (i * 0x10001ul);
}

void set_pattern(seL4_Word label, seL4_Word len)
{
    for (seL4_Word i = 0; i < len && i < seL4_MsgMaxLength; i++) {
        seL4_SetMR((int)i, pattern(label, i));
    }
}

bool check_pattern(const struct got *g, seL4_Word label, seL4_Word len, const char *what)
{
    if (!CHECK(g->label == label && g->length == len, "%s: label %lu length %lu, expected label %lu length %lu",
               what, g->label, g->length, label, len)) {
        return false;
    }
    for (seL4_Word i = 0; i < len; i++) {
        if (!CHECK(g->mr[i] == pattern(label, i), "%s: MR%lu is 0x%lx, expected 0x%lx", what, i, g->mr[i],
                   pattern(label, i))) {
            return false;
        }
    }
    return true;
}

void fn_recv(struct test_thread *t)
{
    seL4_Word count = t->arg[1] ? t->arg[1] : 1;
    for (seL4_Word i = 0; i < count; i++) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
        record(&got[t->index], info, badge);
        order_append(100 + (seL4_Word)t->index);
    }
}

void fn_send(struct test_thread *t)
{
    seL4_MessageInfo_t info = seL4_MessageInfo_new(t->arg[1], 0, 0, t->arg[2]);
    set_pattern(t->arg[1], t->arg[2]);
    switch (t->arg[3]) {
    case K_SEND:
        seL4_Send(t->arg[0], info);
        break;
    case K_NBSEND:
        seL4_NBSend(t->arg[0], info);
        break;
    case K_CALL: {
        seL4_MessageInfo_t reply = seL4_Call(t->arg[0], info);
        record(&got[t->index], reply, 0);
        break;
    }
    }
    order_append(200 + (seL4_Word)t->index);
}

/* Turns the received message into its reply: label + 1, same length, MRs inverted. */
static seL4_MessageInfo_t server_reply(seL4_MessageInfo_t info)
{
    seL4_Word len = seL4_MessageInfo_get_length(info);
    for (seL4_Word i = 0; i < len; i++) {
        seL4_SetMR((int)i, ~seL4_GetMR((int)i));
    }
    return seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0, len);
}

void fn_caller(struct test_thread *t)
{
    for (seL4_Word i = 0; i < t->arg[1]; i++) {
        seL4_SetMR(0, i);
        seL4_Call(t->arg[0], seL4_MessageInfo_new(0, 0, 0, 1));
        t->counter = t->counter + 1;
    }
}

void fn_server(struct test_thread *t)
{
    seL4_Word rounds = t->arg[1] ? t->arg[1] : 1;
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(t->arg[0], &badge);
    for (seL4_Word r = 0;; r++) {
        record(&got[t->index], info, badge);
        seL4_MessageInfo_t reply = server_reply(info);
        if (r + 1 == rounds) {
            seL4_Reply(reply);
            break;
        }
        info = seL4_ReplyRecv(t->arg[0], reply, &badge);
    }
}
