/*
 * What the portable scheduler asks of every architecture (x86_64 in src/arch/x86_64/kernel/
 * thread.c, the host test architecture in src/arch/host): switching the register set, address
 * space and FPU owner to a thread, running the idle thread, and the restart PC.
 */
#ifndef KERNEL_ARCH_THREAD_H
#define KERNEL_ARCH_THREAD_H

#include <object/structures.h>
#include <util.h>

void Arch_switchToThread(tcb_t *t);
void Arch_switchToIdleThread(void);
void Arch_activateIdleThread(tcb_t *t);
word_t Arch_getRestartPC(tcb_t *t);
/* The PC the thread resumes at (rip), and setting it. */
word_t Arch_getNextPC(tcb_t *t);
void Arch_setNextPC(tcb_t *t, word_t pc);
/* seL4_UserContext register i (0..19: rip, rsp, rflags, rax, ... r15, fs_base, gs_base);
 * setting sanitises the value (canonical user addresses, user flags). */
word_t Arch_getUserContextReg(tcb_t *t, word_t i);
void Arch_setUserContextReg(tcb_t *t, word_t i, word_t v);
/* Whether the thread resumes through the syscall return path (it entered by a syscall and
 * its registers were not rewritten since). Inline: the fastpath asks it on every call. */
static inline bool Arch_returnsBySyscall(const tcb_t *t)
{
    return t->arch.context.regs[REG_VECTOR] == VECTOR_SYSCALL;
}
/* The fastpath's inline switch, from <arch/kernel/thread_switch.h>:
 *   bool arch_vspace_root(const tcb_t *t, paddr_t *root): whether t has a usable VSpace (root);
 *   bool arch_switch_to_common(tcb_t *t, paddr_t root): load t's context into the CPU, with the
 *     usual FPU cases; false if arch_switch_to_rare(t) must do the rare ones;
 * and arch_switch_to(t, root), both together (<kernel/thread_switch.h>).
 * Arch_switchToThread is the same switch, falling back to the kernel's tables. */
/* Resumes ksCurThread after the fastpath switched to it (x86_64: restore_user_context; the
 * host test architecture jumps back to the test). */
void Arch_fastpathResume(void) NORETURN;
/* The same for a thread that returns by the syscall path (Arch_returnsBySyscall), with its
 * badge and message-info registers set to badge and msgInfo. x86_64 passes them straight to
 * sysret without storing them into the saved context: nobody reads a running thread's saved
 * registers (its next kernel entry overwrites them). The others store them and resume. */
void Arch_fastpathReturnSyscall(word_t badge, word_t msgInfo) NORETURN;
/* Sets one saved register, sanitised as Arch_setUserContextReg does. */
void Arch_setRegisterSanitised(tcb_t *t, context_reg_t r, word_t v);
/* After registers were written by another thread: resume with iret (all registers). */
void Arch_postModifyRegisters(tcb_t *t);
/* Default registers and FPU state of a new thread (user segments, interrupts enabled). */
void Arch_initContext(tcb_t *t);

/* Prepares the idle thread's context (kernel mode, halting loop). */
void Arch_configureIdleThread(tcb_t *t);

#endif
