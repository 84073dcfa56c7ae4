/*
 * Hand-written code of ipc_test whose exact instruction addresses and register contents the
 * tests check: a raw `syscall` with every general-purpose register loaded from memory and
 * stored back afterwards, and instructions that fault (ud2, div by zero, in without IOPL,
 * loads/stores/jumps to unmapped memory). Every faulting or trapping instruction has global
 * labels NAME_insn (its address, seL4's FaultIP) and NAME_after (the next instruction).
 *
 * struct raw_regs (ipc_helpers.h): rax rbx rcx rdx rsi rdi rbp r8 r9 r10 r11 r12 r13 r14 r15,
 * one word each, offsets 0..112.
 */
    .text

/* void raw_syscall(const struct raw_regs *in, struct raw_regs *out)
 * Loads all registers but rcx, r11 and rsp from *in, executes `syscall`, stores all registers
 * (rcx and r11 for information) into *out. rsp is kept in the thread-local raw_saved_rsp (like
 * libsel4 keeps it in rbx: seL4 returns with rsp = 0), so rbx can be checked too. */
    .global raw_syscall
    .type raw_syscall, @function
raw_syscall:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    push %rsi                           /* out */
    movq %rsp, %fs:raw_saved_rsp@tpoff
    movq 0(%rdi), %rax
    movq 8(%rdi), %rbx
    movq 24(%rdi), %rdx
    movq 32(%rdi), %rsi
    movq 48(%rdi), %rbp
    movq 56(%rdi), %r8
    movq 64(%rdi), %r9
    movq 72(%rdi), %r10
    movq 88(%rdi), %r12
    movq 96(%rdi), %r13
    movq 104(%rdi), %r14
    movq 112(%rdi), %r15
    movq 40(%rdi), %rdi
    .global raw_syscall_insn
raw_syscall_insn:
    syscall
    .global raw_syscall_after
raw_syscall_after:
    movq %rsp, %fs:raw_rsp_after@tpoff
    movq %fs:raw_saved_rsp@tpoff, %rsp
    xchgq %rax, (%rsp)                  /* rax = out, the stack slot keeps the returned rax */
    movq %rbx, 8(%rax)
    movq %rcx, 16(%rax)
    movq %rdx, 24(%rax)
    movq %rsi, 32(%rax)
    movq %rdi, 40(%rax)
    movq %rbp, 48(%rax)
    movq %r8, 56(%rax)
    movq %r9, 64(%rax)
    movq %r10, 72(%rax)
    movq %r11, 80(%rax)
    movq %r12, 88(%rax)
    movq %r13, 96(%rax)
    movq %r14, 104(%rax)
    movq %r15, 112(%rax)
    pop %rcx
    movq %rcx, 0(%rax)
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret
    .size raw_syscall, . - raw_syscall

/* Faulting instructions. exc_sp receives rsp right before the instruction (seL4's SP in the
 * fault message). */
    .global exc_ud2
    .type exc_ud2, @function
exc_ud2:
    movq %rsp, exc_sp(%rip)
    .global exc_ud2_insn
exc_ud2_insn:
    ud2
    .global exc_ud2_after
exc_ud2_after:
    ret
    .size exc_ud2, . - exc_ud2

/* seL4_Word exc_div(void): divides 1 by 0 (#DE); returns rax as left by the handler's skip */
    .global exc_div
    .type exc_div, @function
exc_div:
    movl $1, %eax
    xorl %edx, %edx
    xorl %ecx, %ecx
    movq %rsp, exc_sp(%rip)
    .global exc_div_insn
exc_div_insn:
    divq %rcx
    .global exc_div_after
exc_div_after:
    ret
    .size exc_div, . - exc_div

/* in from port 0x80 without I/O privilege: #GP(0) */
    .global exc_gp
    .type exc_gp, @function
exc_gp:
    movq %rsp, exc_sp(%rip)
    .global exc_gp_insn
exc_gp_insn:
    inb $0x80, %al
    .global exc_gp_after
exc_gp_after:
    ret
    .size exc_gp, . - exc_gp

/* seL4_Word fpu_double(seL4_Word x): 2x computed in an SSE register; its first instruction is
 * the thread's first FPU use (#NM when the FPU is disabled for it). */
    .global fpu_double
    .type fpu_double, @function
fpu_double:
    movq %rsp, exc_sp(%rip)
    .global fpu_double_insn
fpu_double_insn:
    movq %rdi, %xmm0
    paddq %xmm0, %xmm0
    movq %xmm0, %rax
    ret
    .size fpu_double, . - fpu_double

/* seL4_Word vm_read(seL4_Word addr): a load from addr */
    .global vm_read
    .type vm_read, @function
vm_read:
    movq %rsp, exc_sp(%rip)
    .global vm_read_insn
vm_read_insn:
    movq (%rdi), %rax
    .global vm_read_after
vm_read_after:
    ret
    .size vm_read, . - vm_read

/* void vm_write(seL4_Word addr, seL4_Word value): a store to addr */
    .global vm_write
    .type vm_write, @function
vm_write:
    movq %rsp, exc_sp(%rip)
    .global vm_write_insn
vm_write_insn:
    movq %rsi, (%rdi)
    .global vm_write_after
vm_write_after:
    ret
    .size vm_write, . - vm_write

    .bss
    .balign 8
    .global exc_sp
exc_sp:
    .quad 0

    .section .note.GNU-stack, "", @progbits
