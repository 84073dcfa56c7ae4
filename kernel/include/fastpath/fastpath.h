/*
 * The IPC fastpath (seL4 src/fastpath/fastpath.c): Call and ReplyRecv with at most 4 message
 * registers, no caps and no fault, when the partner is already waiting and would run next
 * anyway. Every other case returns false and the caller takes the slowpath, which behaves
 * identically. The fastpath can be compiled out (KERNEL_NO_FASTPATH) for testing.
 */
#ifndef FASTPATH_FASTPATH_H
#define FASTPATH_FASTPATH_H

#include <types.h>

/* Try the syscall on the fastpath. If it can be done, it is, and the partner (now
 * ksCurThread) resumes through Arch_fastpathResume: no return. Otherwise nothing was changed
 * and it returns; the slowpath must run. */
void fastpath_call(cptr_t cptr, word_t msgInfo);
void fastpath_reply_recv(cptr_t cptr, word_t msgInfo);

#endif
