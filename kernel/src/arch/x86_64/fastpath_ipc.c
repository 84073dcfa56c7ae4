/*
 * fastpath_call and fastpath_reply_recv for the x86_64 kernel, compiled apart from the rest of
 * src/fastpath/fastpath.c so that this file alone can be built with rbx and r12-r15
 * call-clobbered (-fcall-used-*, kernel/CMakeLists.txt). Their only caller is syscall_entry
 * (traps.S), which has saved every user register into the thread's context and enters them by
 * a jump, with syscall_fastpath_declined as their return address: after a decline that reloads
 * the syscall number and enters the slowpath, so nothing is kept in registers across them. So most of the pushes and pops of callee-saved registers that each fastpath
 * would otherwise make on entry are not needed. Anything else in this file must have no other
 * caller: functions defined here do not preserve those registers.
 */
#define FASTPATH_IPC_ONLY
#include "../../fastpath/fastpath.c"
