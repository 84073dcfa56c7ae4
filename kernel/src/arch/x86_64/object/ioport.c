/*
 * x86 I/O ports (seL4 src/arch/x86/object/ioport.c): IOPortControl_Issue hands out a cap for a
 * range of ports that overlaps no range already issued (RevokeFirst otherwise); an IOPort cap
 * reads and writes 8, 16 or 32 bits at ports inside its range (IllegalOperation outside,
 * sel4-facts 9.12). Deleting the last cap of a range frees it.
 */
#include <arch/object/ioport.h>
#include <api/user_error.h>
#include <arch/machine.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/cnode.h>
#include <sel4/invocation.h>
#include <sel4/shared_types.h>

#define N_PORTS 65536
static word_t issued[N_PORTS / wordBits];

static bool port_issued(word_t p)
{
    return (issued[p / wordBits] >> (p % wordBits)) & 1;
}

static void set_range(word_t first, word_t last, bool on)
{
    for (word_t p = first; p <= last; p++) {
        if (on) {
            issued[p / wordBits] |= BIT(p % wordBits);
        } else {
            issued[p / wordBits] &= ~BIT(p % wordBits);
        }
    }
}

void ioport_release(cap_t cap)
{
    set_range(cap_io_port_cap_get_first(cap), cap_io_port_cap_get_last(cap), false);
}

exception_t decodeX86IOPortControlInvocation(word_t label, word_t length, cte_t *slot, const extra_caps_t *extra,
                                             word_t *buffer)
{
    if (label != X86IOPortControlIssue) {
        return user_error(seL4_IllegalOperation, "not a label of the I/O port control cap");
    }
    if (length < 4 || extra->count < 1) {
        return user_error(seL4_TruncatedMessage, "fewer than 4 words or no root CNode cap");
    }
    tcb_t *t = ksCurThread;
    word_t first = getMR(t, buffer, 0) & 0xffff, last = getMR(t, buffer, 1) & 0xffff;
    if (last < first) {
        return user_error_invalid_argument(1, "last port below the first");
    }
    for (word_t p = first; p <= last; p++) {
        if (port_issued(p)) {
            return user_error(seL4_RevokeFirst, "a port of the range is issued already");
        }
    }
    lookup_slot_ret_t dest = lookupSlotForCNodeOp(false, extra->slots[0]->cap, getMR(t, buffer, 2), getMR(t, buffer, 3));
    if (dest.status != EXCEPTION_NONE) {
        return dest.status;
    }
    if (ensureEmptySlot(dest.slot) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    setThreadState(t, ThreadState_Restart);
    set_range(first, last, true);
    cteInsert(cap_io_port_cap_new(first, last), slot, dest.slot);
    return EXCEPTION_NONE;
}

static word_t port_in(word_t port, word_t bytes)
{
    return bytes == 1 ? in8((uint16_t)port) : bytes == 2 ? in16((uint16_t)port) : in32((uint16_t)port);
}

static void port_out(word_t port, word_t bytes, word_t v)
{
    if (bytes == 1) {
        out8((uint16_t)port, (uint8_t)v);
    } else if (bytes == 2) {
        out16((uint16_t)port, (uint16_t)v);
    } else {
        out32((uint16_t)port, (uint32_t)v);
    }
}

exception_t decodeX86IOPortInvocation(word_t label, word_t length, cap_t cap, bool isCall, word_t *buffer)
{
    bool in = label >= X86IOPortIn8 && label <= X86IOPortIn32;
    bool out = label >= X86IOPortOut8 && label <= X86IOPortOut32;
    if (!in && !out) {
        return user_error(seL4_IllegalOperation, "not a label of an I/O port cap");
    }
    if (length < (in ? 1u : 2u)) {
        return user_error(seL4_TruncatedMessage, "missing port or value word");
    }
    word_t bytes = BIT(label - (in ? X86IOPortIn8 : X86IOPortOut8));
    word_t port = getMR(ksCurThread, buffer, 0) & 0xffff;
    if (port < cap_io_port_cap_get_first(cap) || port + bytes - 1 > cap_io_port_cap_get_last(cap)) {
        return user_error(seL4_IllegalOperation, "port range outside the cap's ports");
    }
    if (out) {
        setThreadState(ksCurThread, ThreadState_Restart);
        port_out(port, bytes, getMR(ksCurThread, buffer, 1));
        return EXCEPTION_NONE;
    }
    word_t v = port_in(port, bytes);
    if (isCall) {
        setMR(ksCurThread, NULL, 0, v);
        setRegister(ksCurThread, REG_BADGE, 0);
        setRegister(ksCurThread, REG_MSGINFO, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
    }
    setThreadState(ksCurThread, ThreadState_Running);
    return EXCEPTION_NONE;
}
