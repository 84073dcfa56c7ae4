/*
 * x86_64 side of thread switching: address space (CR3 from the TCB's VSpace cap), the context
 * the entry code saves to (TSS.rsp0), FS/GS base and the FPU (kernel/fpu.h: eager switching, a
 * trap for threads with the FPU disabled; the kernel itself never uses FPU registers). The idle
 * thread runs in kernel mode on the kernel stack, halting until an interrupt.
 */
#include <kernel/arch_thread.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/machine.h>
#include <arch/segments.h>
#include <arch/memlayout.h>
#include <arch/kernel/registers.h>
#include <kernel/thread_switch.h>
#include <arch/kernel/vspace.h>
#include <kernel/machine.h>
#include <kernel/thread.h>
#include <util.h>

extern char kernel_stack_top[];

_Static_assert(offsetof(tcb_t, arch.context.regs[REG_FS_BASE]) % 16 == 0,
               "the CPU aligns rsp0 to 16 bytes: the context's hardware frame must end aligned");

static void idle_loop(void)
{
    for (;;) {
        __asm__ volatile("sti; hlt");
    }
}

void Arch_configureIdleThread(tcb_t *t)
{
    word_t *r = t->arch.context.regs;
    r[REG_RIP] = (word_t)idle_loop;
    r[REG_CS] = KERNEL_CS;
    r[REG_SS] = KERNEL_DS;
    r[REG_RSP] = (word_t)kernel_stack_top;
    r[REG_RFLAGS] = RFLAGS_USER_DEFAULT;
    t->state = ThreadState_IdleThreadState;
}

word_t loaded_fs_base, loaded_gs_base;

void Arch_switchToThread(tcb_t *t)
{
    paddr_t root;
    /* Without a valid VSpace the thread runs on the kernel's tables and faults at once. */
    arch_switch_to(t, arch_vspace_root(t, &root) ? root : pptr_to_paddr(kernel_pml4));
}

void Arch_switchToIdleThread(void)
{
    cpu_set_trap_context(&ksIdleThread->arch.context);
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
    return t->arch.context.regs[REG_RIP];
}

void Arch_setNextPC(tcb_t *t, word_t pc)
{
    t->arch.context.regs[REG_RIP] = pc;
}

void Arch_initContext(tcb_t *t)
{
    word_t *r = t->arch.context.regs;
    t->arch.fpu = fpu_initial_state;
    r[REG_RFLAGS] = RFLAGS_USER_DEFAULT;
    r[REG_CS] = USER_CS;
    r[REG_SS] = USER_DS;
    r[REG_VECTOR] = 0; /* resume by iret: every register as written */
}

/* seL4_UserContext order: rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp, r8..r15,
 * fs_base, gs_base (rip reads the restart PC, as seL4's FaultIP). */
static const context_reg_t user_context_regs[20] = {
    REG_FAULT_IP, REG_RSP, REG_RFLAGS, REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_FS_BASE, REG_GS_BASE,
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
    if (t == ksCurThread) {
        arch_switch_bases(t);
    }
}

void Arch_setTLSBase(tcb_t *t, word_t base)
{
    t->arch.context.regs[REG_FS_BASE] = base;
    if (t == ksCurThread) {
        arch_switch_bases(t);
    }
}
