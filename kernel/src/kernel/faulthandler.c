/*
 * Thread faults (portable; seL4 src/kernel/faulthandler.c). A fault is sent as a Call on the
 * endpoint named by the thread's fault-handler CPtr, looked up in the thread's own CSpace; the
 * cap needs Write and Grant or GrantReply (sel4-facts 2.9). Without a valid handler the thread
 * stops and the debug kernel prints why. The handler's reply restarts the thread (cap and VM
 * faults always; unknown syscalls and user exceptions when the reply label is 0, after writing
 * the replied registers back).
 */
#include <kernel/faulthandler.h>
#include <api/failures.h>
#include <kernel/arch_thread.h>
#include <kernel/cspace.h>
#include <kernel/ipc.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <sel4/constants.h>
#include <sel4/fault_types.h>
#include <sel4/shared_types.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <object/schedcontext.h>
#endif

/* The registers of the UnknownSyscall message (MR 0..17) and of the UserException one
 * (MR 0..2), in seL4's order; FaultIP is the restart point. */
static const context_reg_t syscall_message[] = {
    REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP, REG_R8, REG_R9,
    REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_FAULT_IP, REG_RSP, REG_RFLAGS,
};
static const context_reg_t exception_message[] = { REG_FAULT_IP, REG_RSP, REG_RFLAGS };

static const char *fault_name(word_t type)
{
    switch (type) {
    case seL4_Fault_CapFault: return "cap fault";
    case seL4_Fault_UnknownSyscall: return "unknown syscall";
    case seL4_Fault_UserException: return "user exception";
    case seL4_Fault_VMFault: return "VM fault";
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout: return "timeout";
#endif
    default: return "fault";
    }
}

static void print_fault_detail(const fault_t *f, const lookup_fault_t *lf)
{
    switch (f->type) {
    case seL4_Fault_CapFault:
        kprintf("CPtr 0x%lx in %s phase, lookup failure %lu", f->address, f->inReceivePhase ? "receive" : "send",
                lf->type);
        break;
    case seL4_Fault_UnknownSyscall:
        kprintf("syscall number %ld", (long)f->number);
        break;
    case seL4_Fault_UserException:
        kprintf("vector %lu, error code 0x%lx", f->number, f->code);
        break;
    case seL4_Fault_VMFault:
        kprintf("address 0x%lx, FSR 0x%lx", f->address, f->fsr);
        break;
    }
}

word_t setMRs_lookup_failure(tcb_t *receiver, word_t *buf, const lookup_fault_t *f, word_t offset)
{
    word_t i = setMR(receiver, buf, offset, f->type);
    switch (f->type) {
    case lookup_fault_missing_capability:
        return setMR(receiver, buf, i, f->bitsLeft);
    case lookup_fault_depth_mismatch:
        i = setMR(receiver, buf, i, f->bitsLeft);
        return setMR(receiver, buf, i, f->bitsFound);
    case lookup_fault_guard_mismatch:
        i = setMR(receiver, buf, i, f->bitsLeft);
        i = setMR(receiver, buf, i, f->guardFound);
        return setMR(receiver, buf, i, f->bitsFound);
    default:
        return i;
    }
}

/* The listed registers of sender as receiver's message registers 0..n-1: the first
 * n_msgRegisters in its registers, the rest in its IPC buffer (none without one). Returns how
 * many were written, as setMR one at a time would. The fault path's hot loop: the register part
 * and the buffer part are two plain loops instead of a setMR call a word. */
static word_t copy_regs_to_mrs(tcb_t *sender, tcb_t *receiver, word_t *buf, const context_reg_t *regs, word_t n)
{
    word_t in_regs = MIN(n, (word_t)n_msgRegisters);
    for (word_t i = 0; i < in_regs; i++) {
        setRegister(receiver, msgRegisters[i], getRegister(sender, regs[i]));
    }
    if (!buf) {
        return in_regs;
    }
    for (word_t i = in_regs; i < n; i++) {
        buf[i + 1] = getRegister(sender, regs[i]);
    }
    return n;
}

word_t setMRs_fault(tcb_t *sender, tcb_t *receiver, word_t *buf)
{
    const fault_t *f = &sender->fault;
    switch (f->type) {
    case seL4_Fault_CapFault:
        setMR(receiver, buf, seL4_CapFault_IP, getRegister(sender, REG_FAULT_IP));
        setMR(receiver, buf, seL4_CapFault_Addr, f->address);
        setMR(receiver, buf, seL4_CapFault_InRecvPhase, f->inReceivePhase);
        return setMRs_lookup_failure(receiver, buf, &sender->lookup_failure, seL4_CapFault_LookupFailureType);
    case seL4_Fault_UnknownSyscall: {
        word_t n = copy_regs_to_mrs(sender, receiver, buf, syscall_message, ARRAY_SIZE(syscall_message));
        return n == ARRAY_SIZE(syscall_message) ? setMR(receiver, buf, n, f->number) : n;
    }
    case seL4_Fault_UserException: {
        word_t n = copy_regs_to_mrs(sender, receiver, buf, exception_message, ARRAY_SIZE(exception_message));
        n = setMR(receiver, buf, n, f->number);
        return setMR(receiver, buf, n, f->code);
    }
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout: /* the SC's badge and, with an SC, its consumed µs */
        if (!sender->sc) {
            return setMR(receiver, buf, seL4_Timeout_Data, f->address);
        }
        setMR(receiver, buf, seL4_Timeout_Data, f->address);
        return setMR(receiver, buf, seL4_Timeout_Consumed, schedContext_updateConsumed(sender->sc));
#endif
    default: /* seL4_Fault_VMFault */
        setMR(receiver, buf, seL4_VMFault_IP, getRegister(sender, REG_FAULT_IP));
        setMR(receiver, buf, seL4_VMFault_Addr, f->address);
        setMR(receiver, buf, seL4_VMFault_PrefetchFault, 0); /* always 0 on x86 (sel4-facts 9.8) */
        return setMR(receiver, buf, seL4_VMFault_FSR, f->fsr);
    }
}

/* Writes the handler's reply MRs back into the listed registers of the faulted thread (MRs
 * past the registers come from the handler's IPC buffer, 0 without one, as getMR gives them). */
static void copy_mrs_to_regs(tcb_t *receiver, tcb_t *sender, const context_reg_t *regs, word_t n)
{
    seL4_MessageInfo_t info = { { getRegister(sender, REG_MSGINFO) } };
    n = MIN(n, seL4_MessageInfo_get_length(info));
    word_t in_regs = MIN(n, (word_t)n_msgRegisters);
    for (word_t i = 0; i < in_regs; i++) {
        Arch_setRegisterSanitised(receiver, regs[i], getRegister(sender, msgRegisters[i]));
    }
    if (n > in_regs) {
        const word_t *buf = lookupIPCBuffer(false, sender);
        for (word_t i = in_regs; i < n; i++) {
            Arch_setRegisterSanitised(receiver, regs[i], buf ? buf[i + 1] : 0);
        }
    }
    Arch_postModifyRegisters(receiver);
}

bool handleFaultReply(tcb_t *receiver, tcb_t *sender)
{
    seL4_MessageInfo_t info = { { getRegister(sender, REG_MSGINFO) } };
    switch (receiver->fault.type) {
    case seL4_Fault_UnknownSyscall:
        copy_mrs_to_regs(receiver, sender, syscall_message, ARRAY_SIZE(syscall_message));
        return seL4_MessageInfo_get_label(info) == 0;
    case seL4_Fault_UserException:
        copy_mrs_to_regs(receiver, sender, exception_message, ARRAY_SIZE(exception_message));
        return seL4_MessageInfo_get_label(info) == 0;
#ifdef CONFIG_KERNEL_MCS
    case seL4_Fault_Timeout: { /* the reply may rewrite the first 19 words of seL4_UserContext */
        word_t n = MIN(seL4_MessageInfo_get_length(info), (word_t)seL4_TimeoutReply_Length);
        const word_t *buf = lookupIPCBuffer(false, sender);
        for (word_t i = 0; i < n; i++) {
            Arch_setUserContextReg(receiver, i, getMR(sender, (word_t *)buf, i));
        }
        if (n > 0) {
            setRegister(receiver, REG_FAULT_IP, Arch_getNextPC(receiver));
            Arch_postModifyRegisters(receiver);
        }
        return seL4_MessageInfo_get_label(info) == 0;
    }
#endif
    default: /* cap and VM faults always restart */
        return true;
    }
}

#ifdef CONFIG_KERNEL_MCS
/* A fault or timeout handler cap: an endpoint with Write and Grant or GrantReply. */
static bool valid_handler(cap_t h)
{
    word_t rights = cap_get_capRights(h);
    return cap_get_capType(h) == cap_endpoint_cap && (rights & seL4_CanWrite.words[0]) &&
           (rights & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]));
}

/* Sends t's fault to the handler cap (copied into the TCB at configuration; sel4-mcs-facts
 * 4.6): a Call that donates t's SC (a timeout fault does not). */
static bool send_to_handler(tcb_t *t, cap_t h, bool canDonate)
{
    if (!valid_handler(h)) {
        return false;
    }
    word_t rights = cap_get_capRights(h);
    sendIPC(true, true, cap_get_capBadge(h), rights & seL4_CanGrant.words[0], true, canDonate, t, ep_from_cap(h));
    return true;
}

bool validTimeoutHandler(tcb_t *t)
{
    return valid_handler(t->ctes[tcbTimeoutHandler].cap);
}

void handleTimeout(tcb_t *t)
{
    t->fault = (fault_t){ .type = seL4_Fault_Timeout, .address = t->sc ? t->sc->badge : 0 };
    (void)send_to_handler(t, t->ctes[tcbTimeoutHandler].cap, false);
}

static bool sendFaultIPC(tcb_t *t)
{
    t->fault = current_fault;
    t->lookup_failure = current_lookup_fault;
    if (send_to_handler(t, t->ctes[tcbFaultHandler].cap, true)) {
        return true;
    }
    t->fault.type = seL4_Fault_NullFault;
    return false;
}
#else
/* Sends current_fault to t's handler; returns false (setting the fault to report) if there is
 * no valid handler. */
static bool sendFaultIPC(tcb_t *t)
{
    fault_t original = current_fault;
    lookup_fault_t original_lookup = current_lookup_fault;
    lookup_cap_ret_t h = lookupCap(t, t->fault_handler);
    word_t rights = cap_get_capRights(h.cap);
    if (h.status != EXCEPTION_NONE || cap_get_capType(h.cap) != cap_endpoint_cap ||
        !(rights & seL4_CanWrite.words[0]) ||
        !(rights & (seL4_CanGrant.words[0] | seL4_CanGrantReply.words[0]))) {
        return false;
    }
    t->fault = original;
    t->lookup_failure = original_lookup;
    sendIPC(true, true, cap_get_capBadge(h.cap), rights & seL4_CanGrant.words[0], true, t, ep_from_cap(h.cap));
    return true;
}
#endif

void handleFault(tcb_t *t)
{
    fault_t fault = current_fault;
    lookup_fault_t lookup = current_lookup_fault;
    if (sendFaultIPC(t)) {
        return;
    }
    kprintf("[kernel] thread \"%s\" stopped: %s (", t->name, fault_name(fault.type));
    print_fault_detail(&fault, &lookup);
    kprintf(") at IP 0x%lx: no valid fault handler\n", getRegister(t, REG_FAULT_IP));
    setThreadState(t, ThreadState_Inactive);
}
