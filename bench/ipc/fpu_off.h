/* The FPU-off IPC benchmark's SSE-free code (fpu_off.c). */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef CONFIG_KERNEL_MCS
/* MCS: the reply object the servers receive with (set before a server starts). */
extern seL4_CPtr bench_reply;
#endif

/* A ReplyRecv server on ep with empty messages (a thread's entry, after a first Recv). */
void fpu_off_server(seL4_Word ep);
/* TCB_SetFlags: sets or clears seL4_TCBFlag_fpuDisabled; returns the error. */
int fpu_off_set(seL4_CPtr tcb, bool disabled);
/* warmup + n empty Calls on ep; the last n round trips in TSC ticks go to samples. */
void fpu_off_calls(seL4_CPtr ep, uint64_t *samples, int warmup, int n);
