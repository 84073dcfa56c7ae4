/*
 * Kernel entry and exit (x86_64): the 256 trap stubs, the SYSCALL entry and the return to the
 * current thread. Both entries save the user registers into the current thread's
 * user_context_t (see <arch/object/structures.h>): traps because TSS.rsp0 points just past the
 * context's hardware frame, syscalls by switching rsp there by hand. C then runs on the one
 * kernel stack with interrupts off.
 */
#include <arch/segments.h>

#define CTX_VECTOR (15 * 8)
#define CTX_RIP (17 * 8)
#define CTX_CS (18 * 8)
#define CTX_RFLAGS (19 * 8)
#define CTX_RSP (20 * 8)
#define CTX_FAULT_IP (24 * 8)
#define TSS_RSP0 4 /* offsetof(tss_t, rsp0): arch/cpu.h */
/* TSS.rsp0 points at the current thread's FS-base slot (cpu_set_trap_context), just past its
 * hardware frame; the syscall path addresses slot n at R(n) below it. */
#define CTX_TOP (22 * 8)
#define R(n) ((n) - CTX_TOP)
#define SYSCALL_CALL (-1)       /* seL4_SysCall */
#define SYSCALL_REPLY_RECV (-2) /* seL4_SysReplyRecv */

.macro SAVE_GPRS
    push %rax
    push %rbx
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %rbp
    push %r8
    push %r9
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro RESTORE_GPRS
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rbx
    pop %rax
.endm

    .text
/* One 16-byte stub per vector: push a zero error code where the CPU pushes none, then the
 * vector. arch/x86_64/machine/idt.c points gate n at trap_stubs + 16 * n. */
    .align 16
    .global trap_stubs
trap_stubs:
    .set vec, 0
    .rept 256
    .align 16
    .if (vec == 8) || ((vec >= 10) && (vec <= 14)) || (vec == 17) || (vec == 21) || (vec == 29) || (vec == 30)
    .else
    pushq $0
    .endif
    pushq $vec
    jmp trap_common
    .set vec, vec + 1
    .endr

trap_common:
    SAVE_GPRS
    cld
    mov %rsp, %rdi
    testq $3, CTX_CS(%rsp)
    jz 1f
    /* From user mode: the frame is the thread's context; run C on the kernel stack. */
    movabs $kernel_stack_top, %rsp
1:  call c_handle_trap
2:  hlt
    jmp 2b

/* SYSCALL: rcx = user rip, r11 = user rflags, rsp still the user's; interrupts and DF off
 * (FMASK), so no cld. Every register a fault message, TCB_ReadRegisters or the slowpath can see
 * is stored, by mov at fixed offsets into the current thread's context (no pushes: the slots
 * whose value is fixed are not written at all):
 *   - CS and SS hold USER_CS and USER_DS for every user thread (set when its context is made;
 *     a trap's hardware frame writes the same values);
 *   - the vector is VECTOR_SYSCALL (-1) whenever a thread runs in user mode: the iret return
 *     below writes it back before returning, the sysret return finds it there;
 *   - the error code is read only for the trap that pushed it;
 *   - rcx and r11: SYSCALL has already replaced the user's values with rip and rflags, which
 *     go to their own slots. seL4 16.0.0 does not save them on a syscall either (its RCX and
 *     R11 slots keep what the thread's last trap or register write left), and user code treats
 *     both as clobbered by every syscall (libsel4's syscall wrappers).
 * Then Call and ReplyRecv go to their fastpath directly; each returns only if it declines. */
    .global syscall_entry
syscall_entry:
    movq %rsp, syscall_user_rsp(%rip)
    movq tss + TSS_RSP0(%rip), %rsp
    movq %r15, R(0 * 8)(%rsp)              /* the layout of SAVE_GPRS */
    movq %r14, R(1 * 8)(%rsp)
    movq %r13, R(2 * 8)(%rsp)
    movq %r12, R(3 * 8)(%rsp)
    movq %r10, R(5 * 8)(%rsp)              /* 4: r11, see below */
    movq %r9, R(6 * 8)(%rsp)
    movq %r8, R(7 * 8)(%rsp)
    movq %rbp, R(8 * 8)(%rsp)
    movq %rdi, R(9 * 8)(%rsp)
    movq %rsi, R(10 * 8)(%rsp)
    movq %rdx, R(11 * 8)(%rsp)
    movq %rbx, R(13 * 8)(%rsp)             /* 12: rcx, see below */
    movq %rax, R(14 * 8)(%rsp)
    movq %rcx, R(CTX_RIP)(%rsp)
    movq %r11, R(CTX_RFLAGS)(%rsp)
    lea -2(%rcx), %rax                  /* the restart point: the 2-byte syscall itself */
    movq %rax, R(CTX_FAULT_IP)(%rsp)
    movq syscall_user_rsp(%rip), %rax
    movq %rax, R(CTX_RSP)(%rsp)
    /* The kernel stack, with syscall_fastpath_declined as the return address on top: the
     * fastpaths are entered by a jump (no call: one instruction less on each) and one that
     * declines returns there. c_handle_syscall never returns, so a jump suits it too. */
    movabs $syscall_stack, %rsp
    /* (rdi cptr, rsi msginfo, rdx number): still the user's */
#ifndef KERNEL_NO_FASTPATH
    cmpq $SYSCALL_CALL, %rdx
    je fastpath_call
    cmpq $SYSCALL_REPLY_RECV, %rdx
    je fastpath_reply_recv
#endif
    jmp c_handle_syscall

/* A fastpath declined: the slowpath, with the syscall number from the saved rdx (the fastpath
 * has changed nothing, and c_handle_syscall reads no other argument). The return address stays
 * on top of the stack for the next syscall. */
    .global syscall_fastpath_declined
syscall_fastpath_declined:
    movq tss + TSS_RSP0(%rip), %rdx
    movq R(11 * 8)(%rdx), %rdx
    movabs $syscall_stack, %rsp
    jmp c_handle_syscall

/* void restore_user_context(void): resumes ksCurThread from its saved context. After a
 * syscall it returns by sysret, which takes rip from rcx and rflags from r11: their saved
 * values are not loaded at all (two instructions less on every syscall return, which pays for
 * the FPU flag test of each thread switch); otherwise by iret with every register. */
    .global restore_user_context
    .global Arch_fastpathResume         /* the same: <kernel/arch_thread.h> */
restore_user_context:
Arch_fastpathResume:
    movq tss + TSS_RSP0(%rip), %rsp
    cmpq $-1, R(CTX_VECTOR)(%rsp)
    je 4f
    sub $CTX_TOP, %rsp                  /* the context's start, for the pops */
    RESTORE_GPRS
    /* Back to user mode: the vector becomes VECTOR_SYSCALL (see syscall_entry). Not for the
     * idle thread (kernel mode): its traps push their frame on the kernel stack, so its
     * context's vector is never rewritten and must keep sending it here. iretq reloads the
     * flags that the test changes. */
    testq $3, CTX_CS - CTX_VECTOR(%rsp)
    jz 8f
    movq $-1, (%rsp)
8:  add $16, %rsp                       /* vector and error code */
    iretq
4:  movq R(9 * 8)(%rsp), %rdi
    movq R(10 * 8)(%rsp), %rsi
    /* fall through */

/* void Arch_fastpathReturnSyscall(word_t badge, word_t msgInfo): the fastpath's return to a
 * thread that returns by sysret (Arch_returnsBySyscall), with badge and message info passed in
 * rdi and rsi as they are to be returned: they are not stored into the saved context, which
 * nobody reads while the thread runs (its next entry overwrites it). */
    .global Arch_fastpathReturnSyscall
Arch_fastpathReturnSyscall:
    movq tss + TSS_RSP0(%rip), %rsp
    movq R(0 * 8)(%rsp), %r15              /* the order of SAVE_GPRS, from the last push */
    movq R(1 * 8)(%rsp), %r14
    movq R(2 * 8)(%rsp), %r13
    movq R(3 * 8)(%rsp), %r12
    movq R(5 * 8)(%rsp), %r10              /* 4: r11 */
    movq R(6 * 8)(%rsp), %r9
    movq R(7 * 8)(%rsp), %r8
    movq R(8 * 8)(%rsp), %rbp
    movq R(11 * 8)(%rsp), %rdx             /* 9, 10: rdi, rsi; 12: rcx */
    movq R(13 * 8)(%rsp), %rbx
    movq R(14 * 8)(%rsp), %rax
    movq R(CTX_RIP)(%rsp), %rcx
    movq R(CTX_RFLAGS)(%rsp), %r11
    movq R(CTX_RSP)(%rsp), %rsp
    sysretq

    .bss
    .align 8
syscall_user_rsp:
    .quad 0

/* The kernel stack: one, the kernel is not preemptible and runs on one CPU. */
    .align 16
    .global kernel_stack_top
kernel_stack:
    .space 16384
kernel_stack_top:
    .quad 0                             /* syscall_stack is 8 mod 16, as right after a call */
/* syscall_entry's stack: its top word holds syscall_fastpath_declined (set by cpu_init), which
 * nothing else writes: traps and boot use the stack below kernel_stack_top. */
    .global syscall_stack
syscall_stack:
    .quad 0
