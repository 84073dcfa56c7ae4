/*
 * System calls (portable; seL4 src/api/syscall.c). The eight non-MCS syscalls, the debug
 * syscalls and SetTLSBase; any other number raises an UnknownSyscall fault. Errors found while
 * decoding an invocation become the reply of a Call and are dropped for Send (sel4-facts 1.8).
 */
#include <api/syscall.h>
#include <api/debug_describe.h>
#include <api/failures.h>
#include <kernel/cspace.h>
#include <kernel/faulthandler.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <object/objecttype.h>
#include <object/tcb.h>
#include <object/endpoint.h>
#include <object/notification.h>
#include <kernel/ipc.h>
#include <kernel/invariants.h>
#include <kernel/interrupt.h>
#include <api/user_error.h>
#include <sel4/constants.h>
#include <sel4/fault_types.h>
#include <sel4/syscall.h>
#ifdef CONFIG_KERNEL_MCS
#include <kernel/sched_mcs.h>
#include <object/reply.h>
#endif

syscall_error_t current_syscall_error;
lookup_fault_t current_lookup_fault;
fault_t current_fault;

/* Writes the MRs of current_syscall_error; returns how many (seL4 setMRs_syscall_error). */
static word_t setMRs_syscall_error(tcb_t *t, word_t *buf)
{
    const syscall_error_t *e = &current_syscall_error;
    switch (e->type) {
    case seL4_InvalidArgument:
        return setMR(t, buf, 0, e->invalidArgumentNumber);
    case seL4_InvalidCapability:
        return setMR(t, buf, 0, e->invalidCapNumber);
    case seL4_RangeError:
        setMR(t, buf, 0, e->rangeErrorMin);
        return setMR(t, buf, 1, e->rangeErrorMax);
    case seL4_FailedLookup:
        setMR(t, buf, 0, e->failedLookupWasSource);
        return setMRs_lookup_failure(t, buf, &current_lookup_fault, 1);
    case seL4_NotEnoughMemory:
        return setMR(t, buf, 0, e->memoryLeft);
    default:
        return 0;
    }
}

static void reply_from_kernel(tcb_t *t, word_t label, word_t length)
{
    setRegister(t, REG_BADGE, 0);
    setRegister(t, REG_MSGINFO, seL4_MessageInfo_new(label, 0, 0, length).words[0]);
}

/* The extra caps named in the IPC buffer (seL4 lookupExtraCaps); a bad CPtr is a cap fault. */
static exception_t lookup_extra_caps(tcb_t *t, word_t *buffer, seL4_MessageInfo_t info, extra_caps_t *out)
{
    out->count = 0;
    if (!buffer) {
        return EXCEPTION_NONE;
    }
    word_t n = MIN(seL4_MessageInfo_get_extraCaps(info), seL4_MsgMaxExtraCaps);
    for (word_t i = 0; i < n; i++) {
        cptr_t cptr = buffer[seL4_MsgMaxLength + 2 + i];
        lookup_slot_ret_t r = lookupSlot(t, cptr);
        if (r.status != EXCEPTION_NONE) {
            current_fault = (fault_t){ .type = seL4_Fault_CapFault, .address = cptr };
            return EXCEPTION_LOOKUP_FAULT;
        }
        out->slots[out->count++] = r.slot;
    }
    return EXCEPTION_NONE;
}

/* The caps the send phase of ReplyRecv, NBSendRecv and NBSendWait may not invoke (MCS). */
static bool refused_in_first_phase(cap_t c)
{
    switch (cap_get_capType(c)) {
    case cap_thread_cap:
    case cap_domain_cap:
    case cap_cnode_cap:
#ifdef CONFIG_KERNEL_MCS
    case cap_sched_control_cap:
    case cap_sched_context_cap:
#endif
        return true;
    default:
        return false;
    }
}

#ifdef CONFIG_KERNEL_MCS
/* Invokes the cap at cptr. canDonate: the SC may move to a passive receiver; firstPhase: the send
 * phase of a combined call. Returns false if the thread was preempted (then a combined call's
 * receive phase must not run). */
static bool handleInvocation(bool isCall, bool isBlocking, bool canDonate, bool firstPhase, cptr_t cptr)
{
    tcb_t *t = ksCurThread;
#else
/* Invokes the cap in rdi. Returns false if the thread was preempted. */
static bool handleInvocation(bool isCall, bool isBlocking)
{
    tcb_t *t = ksCurThread;
    cptr_t cptr = getRegister(t, REG_CAP);
    const bool firstPhase = false;
#endif
    seL4_MessageInfo_t info = { { getRegister(t, REG_MSGINFO) } };
    lookup_cap_slot_ret_t lu = lookupCapAndSlot(t, cptr);
    if (lu.status != EXCEPTION_NONE) {
        if (isBlocking) {
            current_fault = (fault_t){ .type = seL4_Fault_CapFault, .address = cptr };
            handleFault(t);
        }
        return true;
    }
    if (firstPhase && refused_in_first_phase(lu.cap)) {
        return true; /* InvalidCapability 0, invisible: not a Call (sel4-mcs-facts 1.2) */
    }
    word_t *buffer = lookupIPCBuffer(false, t);
    extra_caps_t extra;
    if (lookup_extra_caps(t, buffer, info, &extra) != EXCEPTION_NONE) {
        if (isBlocking) {
            handleFault(t);
        }
        return true;
    }
    word_t length = seL4_MessageInfo_get_length(info);
    if (length > n_msgRegisters && !buffer) {
        length = n_msgRegisters;
    }
    note_check(NULL);
    exception_t status = decodeInvocation(seL4_MessageInfo_get_label(info), length, cptr, lu.slot, lu.cap, &extra,
                                          isBlocking, isCall,
#ifdef CONFIG_KERNEL_MCS
                                          canDonate,
#endif
                                          buffer);
    if (status == EXCEPTION_PREEMPTED) {
        return false; /* the thread stays in Restart and re-executes the syscall */
    }
    if (status == EXCEPTION_SYSCALL_ERROR) {
        report_user_error(t, seL4_MessageInfo_get_label(info), cptr);
        if (isCall) {
            reply_from_kernel(t, current_syscall_error.type, setMRs_syscall_error(t, lookupIPCBuffer(true, t)));
        }
        return true;
    }
    if (t->state == ThreadState_Restart) {
        if (isCall) {
            reply_from_kernel(t, 0, 0);
        }
        setThreadState(t, ThreadState_Running);
    }
    return true;
}

/* A cap fault in the receive phase: the cap cannot be received on. */
static void recv_cap_fault(tcb_t *t, cptr_t cptr)
{
    current_lookup_fault = lookup_fault_missing_capability_new(0);
    current_fault = (fault_t){ .type = seL4_Fault_CapFault, .address = cptr, .inReceivePhase = true };
    handleFault(t);
}

#ifdef CONFIG_KERNEL_MCS
/* The reply object cap named in r12 for a receive on an endpoint; a missing or wrong cap is a
 * cap fault on that CPtr in the receive phase (sel4-mcs-facts 1.2). */
static bool lookup_reply_cap(tcb_t *t, cap_t *out)
{
    cptr_t r = getRegister(t, REG_R12);
    lookup_cap_ret_t lu = lookupCap(t, r);
    if (lu.status != EXCEPTION_NONE) {
        current_fault = (fault_t){ .type = seL4_Fault_CapFault, .address = r, .inReceivePhase = true };
        handleFault(t);
        return false;
    }
    if (cap_get_capType(lu.cap) != cap_reply_cap) {
        recv_cap_fault(t, r);
        return false;
    }
    *out = lu.cap;
    return true;
}
#endif

/* Receives on the cap in rdi. canReply (MCS Recv, NBRecv, ReplyRecv, NBSendRecv): an endpoint
 * receive records callers in the reply object named in r12. */
static void handleRecv(bool isBlocking, bool canReply)
{
    tcb_t *t = ksCurThread;
    cptr_t cptr = getRegister(t, REG_CAP);
    lookup_cap_ret_t lu = lookupCap(t, cptr);
    if (lu.status != EXCEPTION_NONE) {
        current_fault = (fault_t){ .type = seL4_Fault_CapFault, .address = cptr, .inReceivePhase = true };
        handleFault(t);
        return;
    }
    bool canRead = cap_get_capRights(lu.cap) & seL4_CanRead.words[0];
    switch (cap_get_capType(lu.cap)) {
    case cap_endpoint_cap:
        if (!canRead) {
            recv_cap_fault(t, cptr);
            return;
        }
#ifdef CONFIG_KERNEL_MCS
    {
        cap_t reply = cap_null_cap_new();
        if (canReply && !lookup_reply_cap(t, &reply)) {
            return;
        }
        receiveIPC(t, lu.cap, isBlocking, reply);
    }
#else
        (void)canReply;
        deleteCallerCap(t); /* a new Recv discards an unsaved reply cap */
        receiveIPC(t, lu.cap, isBlocking);
#endif
        return;
    case cap_notification_cap: {
        tcb_t *bound = ntfn_bound_tcb(ntfn_from_cap(lu.cap));
        if (!canRead || (bound && bound != t)) {
            recv_cap_fault(t, cptr);
            return;
        }
        receiveSignal(t, lu.cap, isBlocking);
        return;
    }
    default:
        recv_cap_fault(t, cptr);
    }
}

#ifndef CONFIG_KERNEL_MCS
/* Reply through the caller slot; without a reply cap there it does nothing. */
static void handleReply(void)
{
    tcb_t *t = ksCurThread;
    cte_t *slot = &t->ctes[tcbCaller];
    cap_t c = slot->cap;
    if (cap_get_capType(c) == cap_reply_cap) {
        doReplyTransfer(t, tcb_from_cap(c), slot, cap_reply_cap_get_canGrant(c));
    }
}

#endif

#ifdef CONFIG_KERNEL_MCS
/* Yield gives up the rest of the head refill (sel4-mcs-facts 4.4): round robin goes to the
 * back of its queue with a fresh budget, periodic waits for its next refill. */
static void handleYield(void)
{
    yieldCurrentBudget();
}
#else
static void handleYield(void)
{
    tcbSchedDequeue(ksCurThread);
    tcbSchedAppend(ksCurThread);
    rescheduleRequired();
}
#endif

static void debug_name_thread(tcb_t *t)
{
    lookup_cap_ret_t lu = lookupCap(t, getRegister(t, REG_CAP));
    word_t *buf = lookupIPCBuffer(true, t);
    if (lu.status != EXCEPTION_NONE || cap_get_capType(lu.cap) != cap_thread_cap || !buf) {
        kprintf("[kernel] user error: seL4_DebugNameThread needs a TCB cap and an IPC buffer\n");
        return;
    }
    const char *name = (const char *)&buf[1];
    tcb_t *target = tcb_from_cap(lu.cap);
    word_t n = kstrnlen(name, MIN(sizeof(target->name) - 1, seL4_MsgMaxLength * sizeof(word_t)));
    kmemcpy(target->name, name, n);
    target->name[n] = '\0';
}

static void debug_dump_scheduler(void)
{
    kprintf("Dumping all tcbs!\n%-16s %-20s %-9s %-5s %s\n", "Name", "IP", "Priority", "State", "Core");
    for (tcb_t *t = ksDebugTCBs; t; t = t->debug_next) {
        kprintf("%-16s 0x%-18lx %-9lu %-5u 0\n", t->name, getRegister(t, REG_FAULT_IP), t->priority,
                (unsigned)t->state);
    }
}

static void debug_cap_identify(tcb_t *t)
{
    lookup_cap_ret_t lu = lookupCap(t, getRegister(t, REG_CAP));
    setRegister(t, REG_CAP, lu.status == EXCEPTION_NONE ? cap_get_capType(lu.cap) : cap_null_cap);
}

/* Debug syscalls and SetTLSBase share the unknown-syscall path, as in seL4. */
static void handleUnknownSyscall(sword_t syscall)
{
    tcb_t *t = ksCurThread;
    switch (syscall) {
    case seL4_SysDebugPutChar:
        kputchar((char)getRegister(t, REG_CAP));
        return;
    case seL4_SysDebugDumpScheduler:
        debug_dump_scheduler();
        return;
    case seL4_SysDebugHalt:
        kprintf("halting...\n");
        halt_machine(HALT_REQUESTED);
    case seL4_SysDebugCapIdentify:
        debug_cap_identify(t);
        return;
    case seL4_SysDebugCapDescribe:
        debug_cap_describe(t);
        return;
    case seL4_SysDebugNameThread:
        debug_name_thread(t);
        return;
    case seL4_SysSetTLSBase:
        Arch_setTLSBase(t, getRegister(t, REG_CAP));
        return;
    default:
        current_fault = (fault_t){ .type = seL4_Fault_UnknownSyscall, .number = (word_t)syscall };
        handleFault(t);
    }
}

#ifdef CONFIG_KERNEL_MCS
/* The MCS syscalls (sel4-mcs-facts 1.2): the send phase of the combined calls invokes the cap in
 * r12 (ReplyRecv, NBSendWait) or r13 (NBSendRecv) without blocking; its errors are dropped and
 * the receive phase runs unless it was preempted. */
static void dispatch_syscall(sword_t syscall)
{
    tcb_t *t = ksCurThread;
    cptr_t cap = getRegister(t, REG_CAP);
    switch (syscall) {
    case seL4_SysSend:
        handleInvocation(false, true, false, false, cap);
        break;
    case seL4_SysNBSend:
        handleInvocation(false, false, false, false, cap);
        break;
    case seL4_SysCall:
        handleInvocation(true, true, true, false, cap);
        break;
    case seL4_SysRecv:
        handleRecv(true, true);
        break;
    case seL4_SysNBRecv:
        handleRecv(false, true);
        break;
    case seL4_SysWait:
        handleRecv(true, false);
        break;
    case seL4_SysNBWait:
        handleRecv(false, false);
        break;
    case seL4_SysReplyRecv:
        if (handleInvocation(false, false, true, true, getRegister(t, REG_R12))) {
            handleRecv(true, true);
        }
        break;
    case seL4_SysNBSendRecv:
        if (handleInvocation(false, false, true, true, getRegister(t, REG_R13))) {
            handleRecv(true, true);
        }
        break;
    case seL4_SysNBSendWait:
        if (handleInvocation(false, false, true, true, getRegister(t, REG_R12))) {
            handleRecv(true, false);
        }
        break;
    case seL4_SysYield:
        handleYield();
        break;
    default:
        handleUnknownSyscall(syscall);
    }
}
#else
static void dispatch_syscall(sword_t syscall)
{
    switch (syscall) {
    case seL4_SysSend:
        handleInvocation(false, true);
        break;
    case seL4_SysNBSend:
        handleInvocation(false, false);
        break;
    case seL4_SysCall:
        handleInvocation(true, true);
        break;
    case seL4_SysRecv:
        handleRecv(true, false);
        break;
    case seL4_SysNBRecv:
        handleRecv(false, false);
        break;
    case seL4_SysReply:
        handleReply();
        break;
    case seL4_SysReplyRecv:
        handleReply();
        handleRecv(true, false);
        break;
    case seL4_SysYield:
        handleYield();
        break;
    default:
        handleUnknownSyscall(syscall);
    }
}

#endif

/* Checking builds: the kernel's own invariants after every kernel entry (docs/deviations.md). */
static void check_invariants(void)
{
#ifdef KERNEL_CHECK_INVARIANTS
#ifdef CONFIG_KERNEL_MCS
    if (!mcs_invariants_hold()) {
        kprintf("KERNEL PANIC: kernel invariant broken\n");
        halt_machine(HALT_PANIC);
    }
#endif
    if (!scheduler_invariants_hold() || !cdt_invariants_hold(ksCurThread)) {
        kprintf("KERNEL PANIC: kernel invariant broken\n");
        halt_machine(HALT_PANIC);
    }
#endif
}

void handleSyscall(sword_t syscall)
{
#ifdef CONFIG_KERNEL_MCS
    updateTimestamp(); /* the syscall runs only if the budget still covers it */
    if (checkBudgetRestart()) {
        dispatch_syscall(syscall);
    }
#else
    dispatch_syscall(syscall);
#endif
    schedule();
    activateThread();
    check_invariants();
}

void handleInterruptEntry(word_t irq)
{
#ifdef CONFIG_KERNEL_MCS
    updateTimestamp();
    (void)checkBudget();
#endif
    handleInterrupt(irq);
    schedule();
    activateThread();
}

void handleUserException(word_t vector, word_t code, word_t address)
{
    if (vector == 14) {
        current_fault = (fault_t){ .type = seL4_Fault_VMFault, .address = address, .fsr = code };
    } else {
        current_fault = (fault_t){ .type = seL4_Fault_UserException, .number = vector, .code = code };
    }
#ifdef CONFIG_KERNEL_MCS
    updateTimestamp();
    if (checkBudget()) {
        handleFault(ksCurThread);
    }
#else
    handleFault(ksCurThread);
#endif
    schedule();
    activateThread();
    check_invariants();
}
