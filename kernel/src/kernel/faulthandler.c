/*
 * Fault delivery (portable). The handler must be an endpoint cap with Write and Grant or
 * GrantReply, found by looking up the thread's fault-handler CPtr in its own CSpace
 * (sel4-facts 2.9). Endpoints, and so fault delivery, arrive with the IPC work; until then no
 * endpoint cap can exist, so every fault takes seL4's no-handler path: the thread becomes
 * Inactive and the debug kernel prints why.
 */
#include <kernel/faulthandler.h>
#include <api/failures.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <sel4/fault_types.h>

static const char *fault_name(word_t type)
{
    switch (type) {
    case seL4_Fault_CapFault: return "cap fault";
    case seL4_Fault_UnknownSyscall: return "unknown syscall";
    case seL4_Fault_UserException: return "user exception";
    case seL4_Fault_VMFault: return "VM fault";
    default: return "fault";
    }
}

static void print_fault_detail(const fault_t *f)
{
    switch (f->type) {
    case seL4_Fault_CapFault:
        kprintf("CPtr 0x%lx in %s phase, lookup failure %lu", f->address,
                f->inReceivePhase ? "receive" : "send", current_lookup_fault.type);
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

void handleFault(tcb_t *t)
{
    kprintf("[kernel] thread \"%s\" stopped: %s (", t->name, fault_name(current_fault.type));
    print_fault_detail(&current_fault);
    kprintf(") at IP 0x%lx: no valid fault handler\n", getRegister(t, REG_FAULT_IP));
    setThreadState(t, ThreadState_Inactive);
}
