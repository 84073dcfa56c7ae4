/*
 * AArch64 side of thread switching: the VSpace (TTBR0 with the ASID), the context the entry
 * code saves to, and the FPU (kernel/fpu.h: eager switching, CPACR_EL1 traps for threads with
 * the FPU disabled). The idle thread is not a context at all: it is the WFI loop at EL1 on a
 * fresh kernel stack (traps.S arm_idle), entered whenever the scheduler picks it.
 */
#include <kernel/arch_thread.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/machine.h>
#include <arch/memlayout.h>
#include <arch/kernel/registers.h>
#include <kernel/thread_switch.h>
#include <arch/kernel/vspace.h>
#include <kernel/machine.h>
#include <kernel/thread.h>
#include <util.h>

extern char kernel_stack_top[];

word_t *ksCurContext;
fpu_state_t fpu_initial_state;

void restore_user_context(void)
{
    if (ksCurThread == ksIdleThread) {
        arm_idle(kernel_stack_top);
    }
    arm_restore_context(ksCurContext);
}

void Arch_fastpathResume(void)
{
    restore_user_context();
}

void Arch_fastpathReturnSyscall(word_t badge, word_t msgInfo)
{
    ksCurThread->arch.context.regs[REG_BADGE] = badge;
    ksCurThread->arch.context.regs[REG_MSGINFO] = msgInfo;
    restore_user_context();
}

void Arch_configureIdleThread(tcb_t *t)
{
    t->state = ThreadState_IdleThreadState;
}

void Arch_switchToThread(tcb_t *t)
{
    paddr_t root;
    /* Without a valid VSpace the thread runs on the empty user table and faults at once. */
    if (!arch_vspace_root(t, &root)) {
        vspace_activate(0, 0);
        cpu_set_trap_context(&t->arch.context);
        fpu_switch_to(t);
        return;
    }
    arch_switch_to(t, root);
}

void Arch_switchToIdleThread(void)
{
}

void Arch_activateIdleThread(tcb_t *t)
{
    (void)t;
}

word_t Arch_getRestartPC(tcb_t *t)
{
    return t->arch.context.regs[REG_FAULT_IP];
}

word_t Arch_getNextPC(tcb_t *t)
{
    return t->arch.context.regs[REG_ELR];
}

void Arch_setNextPC(tcb_t *t, word_t pc)
{
    t->arch.context.regs[REG_ELR] = pc;
}

void Arch_initContext(tcb_t *t)
{
    t->arch.fpu = fpu_initial_state;
    t->arch.context.regs[REG_SPSR] = PSTATE_USER;
    t->arch.context.regs[REG_VECTOR] = 0;
}

/* seL4_UserContext order (facts 3.3): pc, sp, spsr, x0..x8, x16, x17, x18, x29, x30, x9..x15,
 * x19..x28, tpidr_el0, tpidrro_el0 (pc reads the restart PC, as seL4's FaultIP). */
static const context_reg_t user_context_regs[36] = {
    REG_FAULT_IP, REG_SP_EL0, REG_SPSR, REG_X0, REG_X1, REG_X2, REG_X3, REG_X4, REG_X5, REG_X6, REG_X7,
    REG_X8, REG_X16, REG_X17, REG_X18, REG_X29, REG_X30, REG_X9, REG_X10, REG_X11, REG_X12, REG_X13,
    REG_X14, REG_X15, REG_X19, REG_X20, REG_X21, REG_X22, REG_X23, REG_X24, REG_X25, REG_X26, REG_X27,
    REG_X28, REG_TPIDR_EL0, REG_TPIDRRO_EL0,
};

word_t Arch_getUserContextReg(tcb_t *t, word_t i)
{
    return t->arch.context.regs[user_context_regs[i]];
}

void Arch_setRegisterSanitised(tcb_t *t, context_reg_t r, word_t v)
{
    arch_set_register_sanitised(t, r, v);
}

void Arch_setUserContextReg(tcb_t *t, word_t i, word_t v)
{
    Arch_setRegisterSanitised(t, user_context_regs[i], v);
}

void Arch_postModifyRegisters(tcb_t *t)
{
    t->arch.context.regs[REG_VECTOR] = 0;
}

/* TCB_SetTLSBase: the saved TPIDR_EL0, loaded on the way back to user mode (traps.S). */
void Arch_setTLSBase(tcb_t *t, word_t base)
{
    t->arch.context.regs[REG_TPIDR_EL0] = base;
}
