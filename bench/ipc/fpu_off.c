/*
 * The FPU-off IPC benchmark's code, compiled with -mgeneral-regs-only: a thread whose FPU is
 * disabled (seL4_TCBFlag_fpuDisabled) faults on its first SSE instruction, and gcc otherwise
 * uses SSE registers to move message registers (libsel4's inline stubs). The same loop runs
 * once with the FPU on and once with it off, so the two rows differ only in the kernel's FPU
 * work: eager switching (save + restore on each switch) against none (a lazy switch's best case).
 */
#include "fpu_off.h"
#include "tsc.h"

#include <sel4/sel4.h>


#ifdef CONFIG_KERNEL_MCS
seL4_CPtr bench_reply;

void fpu_off_server(seL4_Word ep)
{
    seL4_Word badge;
    seL4_Recv(ep, &badge, bench_reply);
    for (;;) {
        seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge, bench_reply);
    }
}
#else
void fpu_off_server(seL4_Word ep)
{
    seL4_Word badge;
    seL4_Recv(ep, &badge);
    for (;;) {
        seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, 0), &badge);
    }
}
#endif

int fpu_off_set(seL4_CPtr tcb, bool disabled)
{
    seL4_TCB_SetFlags_t r = disabled ? seL4_TCB_SetFlags(tcb, 0, seL4_TCBFlag_fpuDisabled)
                                     : seL4_TCB_SetFlags(tcb, seL4_TCBFlag_fpuDisabled, 0);
    return r.error;
}

void fpu_off_calls(seL4_CPtr ep, uint64_t *samples, int warmup, int n)
{
    seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, 0);
    for (int i = 0; i < warmup + n; i++) {
        uint64_t t0 = tsc_begin();
        seL4_Call(ep, info);
        uint64_t t1 = tsc_end();
        if (i >= warmup) {
            samples[i - warmup] = t1 - t0;
        }
    }
}
