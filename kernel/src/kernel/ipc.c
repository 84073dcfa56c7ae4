/*
 * Message, capability and fault transfer (portable; seL4 src/kernel/thread.c doIPCTransfer and
 * friends, src/kernel/faulthandler.c fault messages). Lengths are clamped to 120 MRs and 3
 * extra caps; MRs beyond the 4 registers move only when both threads have an IPC buffer; cap
 * transfer stops silently at the first problem (sel4-facts 2.5).
 */
#include <kernel/ipc.h>
#include <kernel/arch_thread.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <object/endpoint.h>
#include <object/objecttype.h>
#include <sel4/constants.h>
#include <sel4/fault_types.h>
#include <sel4/shared_types.h>

#define CAPS_OR_BADGES(buf, i) ((buf)[seL4_MsgMaxLength + 2 + (i)])
#define RECEIVE_CNODE(buf) ((buf)[seL4_MsgMaxLength + 5])
#define RECEIVE_INDEX(buf) ((buf)[seL4_MsgMaxLength + 6])
#define RECEIVE_DEPTH(buf) ((buf)[seL4_MsgMaxLength + 7])

static seL4_MessageInfo_t message_info(tcb_t *t)
{
    seL4_MessageInfo_t info = { { getRegister(t, REG_MSGINFO) } };
    if (seL4_MessageInfo_get_length(info) > seL4_MsgMaxLength) {
        info = seL4_MessageInfo_set_length(info, seL4_MsgMaxLength);
    }
    return info;
}

static word_t copyMRs(tcb_t *sender, word_t *sendBuf, tcb_t *receiver, word_t *recvBuf, word_t n)
{
    word_t i = 0;
    for (; i < n && i < n_msgRegisters; i++) {
        setRegister(receiver, msgRegisters[i], getRegister(sender, msgRegisters[i]));
    }
    if (!sendBuf || !recvBuf) {
        return i;
    }
    for (; i < n; i++) {
        recvBuf[i + 1] = sendBuf[i + 1];
    }
    return i;
}

/* The receiver's empty receive slot named in its IPC buffer, or NULL. */
static cte_t *getReceiveSlot(tcb_t *receiver, word_t *buf)
{
    lookup_cap_ret_t root = lookupCap(receiver, RECEIVE_CNODE(buf));
    if (root.status != EXCEPTION_NONE) {
        return NULL;
    }
    lookup_slot_ret_t s = lookupSlotForCNodeOp(false, root.cap, RECEIVE_INDEX(buf), RECEIVE_DEPTH(buf));
    if (s.status != EXCEPTION_NONE || !cap_is_null(s.slot->cap)) {
        return NULL;
    }
    return s.slot;
}

/* Looks up the sender's extra caps; an invalid one ends the list (no fault on this path). */
static word_t sender_caps(tcb_t *sender, word_t *sendBuf, seL4_MessageInfo_t info, cte_t **slots)
{
    word_t n = 0;
    for (word_t i = 0; sendBuf && i < seL4_MessageInfo_get_extraCaps(info); i++) {
        lookup_slot_ret_t r = lookupSlot(sender, CAPS_OR_BADGES(sendBuf, i));
        if (r.status != EXCEPTION_NONE) {
            break;
        }
        slots[n++] = r.slot;
    }
    return n;
}

static seL4_MessageInfo_t transferCaps(seL4_MessageInfo_t info, cte_t **caps, word_t n, endpoint_t *ep,
                                       tcb_t *receiver, word_t *recvBuf)
{
    info = seL4_MessageInfo_set_extraCaps(info, 0);
    info = seL4_MessageInfo_set_capsUnwrapped(info, 0);
    if (n == 0 || !recvBuf) {
        return info;
    }
    cte_t *dest = getReceiveSlot(receiver, recvBuf);
    word_t i = 0, unwrapped = 0;
    for (; i < n; i++) {
        cap_t cap = caps[i]->cap;
        if (cap_get_capType(cap) == cap_endpoint_cap && ep && ep_from_cap(cap) == ep) {
            CAPS_OR_BADGES(recvBuf, i) = cap_get_capBadge(cap);
            unwrapped |= BIT(i);
            continue;
        }
        if (!dest) {
            break;
        }
        deriveCap_ret_t d = deriveCap(caps[i], cap);
        if (d.status != EXCEPTION_NONE || cap_is_null(d.cap)) {
            break;
        }
        cteInsert(d.cap, caps[i], dest);
        dest = NULL;
    }
    info = seL4_MessageInfo_set_capsUnwrapped(info, unwrapped);
    return seL4_MessageInfo_set_extraCaps(info, i);
}

static void doNormalTransfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool canGrant, tcb_t *receiver,
                             word_t *recvBuf)
{
    word_t *sendBuf = lookupIPCBuffer(false, sender);
    seL4_MessageInfo_t info = message_info(sender);
    cte_t *caps[seL4_MsgMaxExtraCaps];
    word_t n = canGrant ? sender_caps(sender, sendBuf, info, caps) : 0;
    word_t length = copyMRs(sender, sendBuf, receiver, recvBuf, seL4_MessageInfo_get_length(info));
    info = transferCaps(info, caps, n, ep, receiver, recvBuf);
    info = seL4_MessageInfo_set_length(info, length);
    setRegister(receiver, REG_MSGINFO, info.words[0]);
    setRegister(receiver, REG_BADGE, badge);
}

static void doFaultTransfer(word_t badge, tcb_t *sender, tcb_t *receiver, word_t *recvBuf)
{
    word_t length = setMRs_fault(sender, receiver, recvBuf);
    setRegister(receiver, REG_MSGINFO, seL4_MessageInfo_new(sender->fault.type, 0, 0, length).words[0]);
    setRegister(receiver, REG_BADGE, badge);
}

void doIPCTransfer(tcb_t *sender, endpoint_t *ep, word_t badge, bool canGrant, tcb_t *receiver)
{
    word_t *recvBuf = lookupIPCBuffer(true, receiver);
    if (sender->fault.type == seL4_Fault_NullFault) {
        doNormalTransfer(sender, ep, badge, canGrant, receiver, recvBuf);
    } else {
        doFaultTransfer(badge, sender, receiver, recvBuf);
    }
}

#ifndef CONFIG_KERNEL_MCS /* MCS replies: src/object/endpoint_mcs.c */
void setupReplyMaster(tcb_t *t)
{
    cte_t *slot = &t->ctes[tcbReply];
    if (cap_is_null(slot->cap)) {
        slot->cap = cap_reply_cap_new(kptr_to_paddr(t), true, true);
        slot->mdb = mdb_node_new(NULL, NULL, true, true);
    }
}

void setupCallerCap(tcb_t *sender, tcb_t *receiver, bool canGrant)
{
    setThreadState(sender, ThreadState_BlockedOnReply);
    setupReplyMaster(sender);
    cteInsert(cap_reply_cap_new(kptr_to_paddr(sender), false, canGrant), &sender->ctes[tcbReply],
              &receiver->ctes[tcbCaller]);
}

void deleteCallerCap(tcb_t *receiver)
{
    cteDelete(&receiver->ctes[tcbCaller], true);
}

void doReplyTransfer(tcb_t *sender, tcb_t *receiver, cte_t *slot, bool grant)
{
    if (receiver->fault.type == seL4_Fault_NullFault) {
        doIPCTransfer(sender, NULL, 0, grant, receiver);
        cteDelete(slot, true);
        setThreadState(receiver, ThreadState_Running);
        possibleSwitchTo(receiver);
        return;
    }
    cteDelete(slot, true);
    bool restart = handleFaultReply(receiver, sender);
    receiver->fault.type = seL4_Fault_NullFault;
    if (restart) {
        setThreadState(receiver, ThreadState_Restart);
        possibleSwitchTo(receiver);
    } else {
        setThreadState(receiver, ThreadState_Inactive);
    }
}
#endif
