/*
 * C side of kernel entry (x86_64): syscalls, CPU exceptions and interrupts. An exception in
 * kernel mode is a kernel bug: print vector, error code, RIP and CR2, then stop the machine.
 */
#include <api/syscall.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/ioapic.h>
#include <kernel/irq.h>
#include <fastpath/fastpath.h>
#include <kernel/arch_object.h>
#include <sel4/syscall.h>
#include <kernel/interrupt.h>
#include <arch/machine.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <stddef.h>

/* The offsets traps.S uses by number. */
_Static_assert(REG_VECTOR == 15 && REG_RIP == 17 && REG_RFLAGS == 19 && REG_RSP == 20 && REG_FAULT_IP == 24,
               "traps.S: CTX_VECTOR, CTX_RIP, CTX_RFLAGS, CTX_RSP, CTX_FAULT_IP");
_Static_assert(offsetof(tss_t, rsp0) == 4, "traps.S: TSS_RSP0");
_Static_assert(seL4_SysCall == -1 && seL4_SysReplyRecv == -2, "traps.S: SYSCALL_CALL, SYSCALL_REPLY_RECV");

void c_handle_syscall(cptr_t cptr, word_t info, sword_t syscall) NORETURN;
void c_handle_trap(user_context_t *frame) NORETURN;

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor overrun", "invalid TSS",
    "segment not present", "stack fault", "general protection", "page fault", "reserved",
    "x87 FP error", "alignment check", "machine check", "SIMD FP error", "virtualisation",
    "control protection",
};

static void kernel_exception(const user_context_t *f) NORETURN;
static void kernel_exception(const user_context_t *f)
{
    word_t v = f->regs[REG_VECTOR];
    const char *name = v < 32 && exception_names[v] ? exception_names[v] : "interrupt";
    kprintf("KERNEL PANIC: %s (vector %lu) in kernel mode\n"
            "  error code 0x%lx  RIP 0x%lx  CR2 0x%lx  RSP 0x%lx  RFLAGS 0x%lx\n",
            name, v, f->regs[REG_ERROR], f->regs[REG_RIP], read_cr2(), f->regs[REG_RSP], f->regs[REG_RFLAGS]);
    halt_machine(HALT_PANIC);
}

/* The kernel timer and the user IRQs routed through the IOAPIC; the legacy PIC stays masked.
 * A spurious APIC or PIC interrupt needs no EOI. */
static void handle_interrupt_vector(word_t vector)
{
    if (vector == TIMER_VECTOR) {
        handleInterruptEntry(KERNEL_TIMER_IRQ);
    } else if (vector >= IRQ_VECTOR_BASE && vector <= IRQ_VECTOR_BASE + CONFIG_MAX_IRQ) {
        handleInterruptEntry(vector - IRQ_VECTOR_BASE);
    } else if (vector != SPURIOUS_VECTOR) {
        kprintf("[kernel] ignoring unexpected interrupt vector %lu\n", vector);
    }
}

void Arch_ackInterrupt(word_t irq)
{
    (void)irq;
    lapic_eoi();
}

bool Arch_isIRQPending(void)
{
    return lapic_timer_pending();
}

/* Entered from syscall_entry (by a jump) with the user's rdi (CPtr), rsi (message info) and rdx
 * (number), after it saved the registers and the restart point (FaultIP), or, for Call and
 * ReplyRecv after their fastpath declined, with rdx only (the others are not read). */
void c_handle_syscall(cptr_t cptr, word_t info, sword_t syscall)
{
    (void)cptr, (void)info;
    handleSyscall(syscall);
    restore_user_context();
}

void c_handle_trap(user_context_t *frame)
{
    word_t vector = frame->regs[REG_VECTOR];
    bool from_user = frame->regs[REG_CS] & 3;
    if (!from_user && !(ksCurThread == ksIdleThread && vector >= 32)) {
        kernel_exception(frame);
    }
    if (from_user) {
        /* Where the thread resumes if it is suspended or faults now. */
        setRegister(ksCurThread, REG_FAULT_IP, frame->regs[REG_RIP]);
    }
    if (vector >= 32) {
        handle_interrupt_vector(vector);
    } else {
        handleUserException(vector, frame->regs[REG_ERROR], vector == 14 ? read_cr2() : 0);
    }
    restore_user_context();
}
