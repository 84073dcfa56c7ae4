/*
 * <sel4utils/thread.h> subset: the register set-up for a new thread in the caller's own
 * address space (sel4utils_arch_init_local_context, x86_64 version).
 */
#pragma once

#include <sel4/sel4.h>

/* Fills *context for a thread starting at entry_point(arg0, arg1, arg2) on stack_top:
 * rip, rdi, rsi, rdx and rsp = round_down(stack_top, 16) - 8 (as right after a call);
 * every other register 0. The entry function must not return. Returns 0. */
int sel4utils_arch_init_local_context(void *entry_point, void *arg0, void *arg1, void *arg2, void *stack_top,
                                      seL4_UserContext *context);
