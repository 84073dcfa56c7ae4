/*
 * Exception entry and exit (AArch64). While a thread runs at EL0, SP_EL1 points at its saved
 * register area in the TCB (arch/object/structures.h), so an exception from EL0 stores every
 * register straight into the TCB, then moves to the kernel stack (TPIDR_EL1) and calls C with
 * ESR_EL1. restore_user_context loads a thread's registers back and erets; the kernel restores
 * all 31 GPRs on every exit (facts 3.2, 9.13), so user code loses nothing across `svc`.
 * Exceptions taken at EL1 are kernel bugs, except interrupts waking the idle loop.
 */
#define CTX_SP_EL0 (31 * 8)
#define CTX_ELR (32 * 8)
#define CTX_TPIDR (35 * 8)

.macro ventry target
    .balign 0x80
    b \target
.endm

/* Saves x0..x30, SP_EL0, ELR, SPSR and TPIDR_EL0 at sp (the thread's context), then puts
 * ESR_EL1 in x0, the context in x1 and switches to the kernel stack. */
.macro save_user_context
    stp x0, x1, [sp, #16 * 0]
    stp x2, x3, [sp, #16 * 1]
    stp x4, x5, [sp, #16 * 2]
    stp x6, x7, [sp, #16 * 3]
    stp x8, x9, [sp, #16 * 4]
    stp x10, x11, [sp, #16 * 5]
    stp x12, x13, [sp, #16 * 6]
    stp x14, x15, [sp, #16 * 7]
    stp x16, x17, [sp, #16 * 8]
    stp x18, x19, [sp, #16 * 9]
    stp x20, x21, [sp, #16 * 10]
    stp x22, x23, [sp, #16 * 11]
    stp x24, x25, [sp, #16 * 12]
    stp x26, x27, [sp, #16 * 13]
    stp x28, x29, [sp, #16 * 14]
    mrs x21, sp_el0
    stp x30, x21, [sp, #16 * 15]
    mrs x22, elr_el1
    mrs x23, spsr_el1
    stp x22, x23, [sp, #CTX_ELR]
    mrs x24, tpidr_el0
    str x24, [sp, #CTX_TPIDR]
    mrs x0, esr_el1
    mov x1, sp
    mrs x2, tpidr_el1
    mov sp, x2
.endm

    .text
    .balign 2048
    .global arm_vector_table
arm_vector_table:
    /* current EL with SP_EL0: never used */
    ventry invalid_vector
    ventry invalid_vector
    ventry invalid_vector
    ventry invalid_vector
    /* current EL with SP_EL1: the kernel */
    ventry kernel_sync
    ventry kernel_irq
    ventry invalid_vector
    ventry invalid_vector
    /* lower EL, AArch64: user threads */
    ventry user_sync
    ventry user_irq
    ventry invalid_vector
    ventry invalid_vector
    /* lower EL, AArch32: not supported */
    ventry invalid_vector
    ventry invalid_vector
    ventry invalid_vector
    ventry invalid_vector

user_sync:
    save_user_context
    b c_handle_user_sync

user_irq:
    save_user_context
    b c_handle_user_irq

/* An interrupt at EL1 can only wake the idle loop (the kernel runs with IRQs masked): its
 * registers need no saving, the idle loop starts afresh when it runs again. */
kernel_irq:
    mrs x0, tpidr_el1
    mov sp, x0
    b c_handle_kernel_irq

kernel_sync:
    mrs x0, esr_el1
    mrs x1, elr_el1
    mrs x2, far_el1
    mrs x3, tpidr_el1
    mov sp, x3
    b c_handle_kernel_fault

invalid_vector:
    mrs x0, esr_el1
    mrs x1, elr_el1
    mrs x2, far_el1
    mrs x3, tpidr_el1
    mov sp, x3
    b c_handle_invalid_vector

/* arm_restore_context(word_t *regs): resumes the thread whose context is regs at EL0. */
    .global arm_restore_context
arm_restore_context:
    mov sp, x0
    ldp x22, x23, [sp, #CTX_ELR]
    msr elr_el1, x22
    msr spsr_el1, x23
    ldr x21, [sp, #CTX_SP_EL0]
    msr sp_el0, x21
    ldp x24, x25, [sp, #CTX_TPIDR]
    msr tpidr_el0, x24
    msr tpidrro_el0, x25
    ldp x0, x1, [sp, #16 * 0]
    ldp x2, x3, [sp, #16 * 1]
    ldp x4, x5, [sp, #16 * 2]
    ldp x6, x7, [sp, #16 * 3]
    ldp x8, x9, [sp, #16 * 4]
    ldp x10, x11, [sp, #16 * 5]
    ldp x12, x13, [sp, #16 * 6]
    ldp x14, x15, [sp, #16 * 7]
    ldp x16, x17, [sp, #16 * 8]
    ldp x18, x19, [sp, #16 * 9]
    ldp x20, x21, [sp, #16 * 10]
    ldp x22, x23, [sp, #16 * 11]
    ldp x24, x25, [sp, #16 * 12]
    ldp x26, x27, [sp, #16 * 13]
    ldp x28, x29, [sp, #16 * 14]
    ldr x30, [sp, #16 * 15]
    eret

/* arm_idle(stack_top): the idle thread, at EL1 on a fresh kernel stack with IRQs on. */
    .global arm_idle
arm_idle:
    mov sp, x0
    msr daifclr, #2
1:  wfi
    b 1b

    .bss
    .balign 16
kernel_stack:
    .space 1 << 14
    .global kernel_stack_top
kernel_stack_top:
