/*
 * C side of kernel entry (AArch64): the exception class in ESR_EL1 decides (facts 3.2): `svc`
 * is a syscall, instruction and data aborts from EL0 are VM faults, everything else from EL0 a
 * UserException with the raw ESR. An exception taken at EL1 is a kernel bug: print ESR, ELR
 * and FAR, then stop the machine.
 */
#include <api/syscall.h>
#include <arch/cpu.h>
#include <arch/gic.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <fastpath/fastpath.h>
#include <kernel/arch_object.h>
#include <kernel/interrupt.h>
#include <kernel/irq.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <sel4/syscall.h>
#include <stddef.h>

/* The offsets traps.S uses by number. */
_Static_assert(REG_SP_EL0 == 31 && REG_ELR == 32 && REG_SPSR == 33 && REG_TPIDR_EL0 == 35 &&
                   REG_TPIDRRO_EL0 == 36, "traps.S: CTX_SP_EL0, CTX_ELR, CTX_TPIDR");
_Static_assert(offsetof(tcb_t, arch.context) % 16 == 0, "SP_EL1 points at the context: 16-byte aligned");

#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_SVC64 0x15
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24

void c_handle_user_sync(word_t esr, word_t *ctx) NORETURN;
void c_handle_user_irq(word_t esr, word_t *ctx) NORETURN;
void c_handle_kernel_irq(void) NORETURN;
void c_handle_kernel_fault(word_t esr, word_t elr, word_t far) NORETURN;
void c_handle_invalid_vector(word_t esr, word_t elr, word_t far) NORETURN;

static void kernel_exception(const char *what, word_t esr, word_t elr, word_t far) NORETURN;
static void kernel_exception(const char *what, word_t esr, word_t elr, word_t far)
{
    kprintf("KERNEL PANIC: %s (EC 0x%lx)\n  ESR 0x%lx  ELR 0x%lx  FAR 0x%lx\n", what, ESR_EC(esr), esr, elr, far);
    halt_machine(HALT_PANIC);
}

void c_handle_kernel_fault(word_t esr, word_t elr, word_t far)
{
    kernel_exception("exception in kernel mode", esr, elr, far);
}

void c_handle_invalid_vector(word_t esr, word_t elr, word_t far)
{
    kernel_exception("unexpected exception vector (FIQ, SError or AArch32)", esr, elr, far);
}

/* The pending INTID: the kernel tick is reloaded before its EOI, a user IRQ is masked and
 * acknowledged at once (facts 6); spurious ones are ignored. */
static void handle_irq(void)
{
    word_t irq = gic_ack();
    if (irq == GIC_SPURIOUS) {
        return;
    }
    if (irq > CONFIG_MAX_IRQ) {
        kprintf("[kernel] ignoring unexpected interrupt %lu\n", irq);
        gic_eoi(irq);
        return;
    }
    handleInterruptEntry(irq);
}

void Arch_ackInterrupt(word_t irq)
{
    if (irq == KERNEL_TIMER_IRQ) {
        timer_reload();
    }
    gic_eoi(irq);
}

bool Arch_isIRQPending(void)
{
    return gic_pending(KERNEL_TIMER_IRQ);
}

static void handle_syscall(word_t *ctx)
{
    ctx[REG_FAULT_IP] = ctx[REG_ELR] - 4; /* a restart re-executes the `svc` (facts 3.2) */
    ctx[REG_VECTOR] = VECTOR_SYSCALL;
    sword_t syscall = (sword_t)ctx[REG_X7];
#ifndef KERNEL_NO_FASTPATH
    /* Each returns only if the slowpath must do it. */
    if (syscall == seL4_SysCall) {
        fastpath_call(ctx[REG_X0], ctx[REG_X1]);
    } else if (syscall == seL4_SysReplyRecv) {
        fastpath_reply_recv(ctx[REG_X0], ctx[REG_X1]);
    }
#endif
    handleSyscall(syscall);
}

static void handle_abort(word_t esr, word_t *ctx, bool prefetch)
{
    word_t far;
    MRS("far_el1", far);
    /* An instruction abort reports the PC as the address (facts 9.11). */
    handleArchFault((fault_t){ .type = seL4_Fault_VMFault, .address = prefetch ? ctx[REG_ELR] : far,
                               .fsr = esr, .prefetch = prefetch });
}

void c_handle_user_sync(word_t esr, word_t *ctx)
{
    word_t ec = ESR_EC(esr);
    if (ec == EC_SVC64) {
        handle_syscall(ctx);
        restore_user_context();
    }
    ctx[REG_FAULT_IP] = ctx[REG_ELR];
    ctx[REG_VECTOR] = 0;
    if (ec == EC_IABT_LOWER || ec == EC_DABT_LOWER) {
        handle_abort(esr, ctx, ec == EC_IABT_LOWER);
    } else {
        handleArchFault((fault_t){ .type = seL4_Fault_UserException, .number = esr, .code = 0 });
    }
    restore_user_context();
}

void c_handle_user_irq(word_t esr, word_t *ctx)
{
    (void)esr;
    ctx[REG_FAULT_IP] = ctx[REG_ELR];
    ctx[REG_VECTOR] = 0;
    handle_irq();
    restore_user_context();
}

void c_handle_kernel_irq(void)
{
    handle_irq();
    restore_user_context();
}
