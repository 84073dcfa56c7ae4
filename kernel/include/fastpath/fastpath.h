/*
 * The IPC fastpath (seL4 src/fastpath/fastpath.c): Call and ReplyRecv with at most 4 message
 * registers, no caps and no fault, when the partner is already waiting and would run next
 * anyway; and (non-MCS) a fault sent to a waiting handler and the handler's reply. Every other case returns false and the caller takes the slowpath, which behaves
 * identically. The fastpath can be compiled out (KERNEL_NO_FASTPATH) for testing.
 */
#ifndef FASTPATH_FASTPATH_H
#define FASTPATH_FASTPATH_H

#include <object/structures.h>

/* Try the syscall on the fastpath. If it can be done, it is, and the partner (now
 * ksCurThread) resumes through Arch_fastpathReturnSyscall (or Arch_fastpathResume after a
 * fault reply): no return. Otherwise nothing was changed and it returns; the slowpath must
 * run. On x86_64 they are called only by syscall_entry and preserve no callee-saved register
 * but rbp (src/arch/x86_64/fastpath_ipc.c); AArch64 calls them from C as usual. */
void fastpath_call(cptr_t cptr, word_t msgInfo);
void fastpath_reply_recv(cptr_t cptr, word_t msgInfo);
#ifndef CONFIG_KERNEL_MCS
/* The fault of thread t (current_fault, at kernel entry) sent to a handler that already
 * waits; returns only if the slowpath must send it. The reply comes back through
 * fastpath_reply_recv. Not on MCS, whose fault IPC donates the SC. */
void fastpath_fault(tcb_t *t);
/* Yield when the current thread would be chosen again: true if done (nothing left to
 * schedule), false if the slowpath must do it. */
bool fastpath_yield(void);
/* schedule() with `candidate` chosen at the current thread's priority, when the current thread
 * keeps running: true if done, false if schedule() must choose. */
bool fastpath_schedule_same_prio(tcb_t *candidate);
#endif

#endif
