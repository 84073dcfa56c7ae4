/*
 * IPC micro-benchmarks (issue 4): a root task that measures, with the TSC, round trips between
 * two threads at priority 255: Call + ReplyRecv with 0 and 4 message words in the same and in
 * different address spaces, a Send/Recv ping-pong, a Signal/Wait ping-pong, a null syscall
 * (seL4_Yield with nothing else runnable) and a fault round trip (unknown syscall -> handler ->
 * reply). Each sample is one `lfence; rdtsc; lfence` ... `lfence; rdtsc` pair around one round
 * trip; 1,000 warm-up rounds, then 10,000 samples; it prints min, median and mean.
 * Boot it with bench/ipc/run.sh (under -icount shift=0 the figures repeat exactly).
 * Built for the MCS kernel too (ipc_bench_mcs): every thread has its own 5 ms round-robin SC,
 * the Call servers are passive (they run on the caller's donated SC) and receive with a reply
 * object (RECV and REPLY_RECV below).
 */
#include "fpu_off.h"
#include "tsc.h"

#include <sel4/sel4.h>
#include <sel4runtime/thread.h>
#include <sel4utils/thread.h>
#include <stdio.h>
#include <string.h>

#ifndef WARMUP /* bench/ipc/trace.sh builds a copy with a few rounds */
#define WARMUP 1000
#endif
#ifndef SAMPLES
#define SAMPLES 10000
#endif
#define STACK_SIZE 16384

extern const char __ehdr_start[];

#ifdef CONFIG_KERNEL_MCS
/* bench_reply (fpu_off.c): the servers' reply object; root_reply: the fault handler's. */
static seL4_CPtr root_reply;
#define RECV(ep, badge, reply) seL4_Recv(ep, badge, reply)
#define REPLY_RECV(ep, info, badge, reply) seL4_ReplyRecv(ep, info, badge, reply)
#else
#define RECV(ep, badge, reply) seL4_Recv(ep, badge)
#define REPLY_RECV(ep, info, badge, reply) seL4_ReplyRecv(ep, info, badge)
#endif

static uint64_t samples[SAMPLES];
static seL4_CPtr next_slot, untyped;
static seL4_BootInfo *bi;

/* The server thread's static resources (one server at a time). */
static char server_stack[STACK_SIZE] __attribute__((aligned(16)));
static char server_ipc[4096] __attribute__((aligned(4096)));
static char server_tls[4096] __attribute__((aligned(64)));

static void die(const char *what, seL4_Error e)
{
    printf("ipc_bench: %s failed (error %d)\n", what, (int)e);
    seL4_DebugHalt();
}

static void check(seL4_Error e, const char *what)
{
    if (e != seL4_NoError) {
        die(what, e);
    }
}

/* ---- resources -------------------------------------------------------------------------- */

static seL4_CPtr retype(seL4_Word type, seL4_Word bits)
{
    seL4_CPtr slot = next_slot++;
    check(seL4_Untyped_Retype(untyped, type, bits, seL4_CapInitThreadCNode, 0, 0, slot, 1), "retype");
    return slot;
}

static void pick_untyped(void)
{
    seL4_Word best = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        if (!u->isDevice && u->sizeBits >= 22 && (untyped == 0 || u->sizeBits > best)) {
            untyped = bi->untyped.start + i;
            best = u->sizeBits;
        }
    }
    if (!untyped) {
        die("finding a 4 MiB untyped", seL4_NotEnoughMemory);
    }
}

static seL4_CPtr image_frame(const void *vaddr)
{
    return bi->userImageFrames.start + ((seL4_Word)vaddr - (seL4_Word)__ehdr_start) / 4096;
}

/* A second VSpace showing the root task's image at the same addresses (the same frames), so
 * the same code runs there; switching to it changes CR3. */
static seL4_CPtr make_vspace(void)
{
    seL4_CPtr pml4 = retype(seL4_X64_PML4Object, 0);
    check(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), "ASID assign");
    seL4_Word base = (seL4_Word)__ehdr_start;
    check(seL4_X86_PDPT_Map(retype(seL4_X86_PDPTObject, 0), pml4, base, seL4_X86_Default_VMAttributes), "PDPT map");
    check(seL4_X86_PageDirectory_Map(retype(seL4_X86_PageDirectoryObject, 0), pml4, base, seL4_X86_Default_VMAttributes),
          "PD map");
    check(seL4_X86_PageTable_Map(retype(seL4_X86_PageTableObject, 0), pml4, base, seL4_X86_Default_VMAttributes), "PT map");
    for (seL4_CPtr f = bi->userImageFrames.start; f < bi->userImageFrames.end; f++) {
        seL4_CPtr copy = next_slot++;
        check(seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, 64, seL4_CapInitThreadCNode, f, 64, seL4_AllRights), "copy");
        check(seL4_X86_Page_Map(copy, pml4, base + 4096 * (f - bi->userImageFrames.start), seL4_ReadWrite,
                                seL4_X86_Default_VMAttributes), "page map");
    }
    return pml4;
}

#ifdef CONFIG_KERNEL_MCS
static seL4_CPtr server_sc; /* the running server's SC (MCS) */

/* MCS: Configure, then priority, a fresh 5 ms round-robin SC and the fault handler cap. */
static void configure_thread(seL4_CPtr tcb, seL4_CPtr vspace, seL4_CPtr fault_ep)
{
    server_sc = retype(seL4_SchedContextObject, seL4_MinSchedContextBits);
    check(seL4_SchedControl_Configure(bi->schedcontrol.start, server_sc, 5000, 5000, 0, 0), "SC configure");
    check(seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, vspace, 0, (seL4_Word)server_ipc,
                             image_frame(server_ipc)), "configure");
    check(seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, 255, 255, server_sc, fault_ep), "sched params");
}

/* MCS: lets the server run to its first receive, then takes its SC: it is passive from then on. */
static void make_server_passive(void)
{
    seL4_Yield();
    check(seL4_SchedContext_Unbind(server_sc), "unbind");
}
#else
static void configure_thread(seL4_CPtr tcb, seL4_CPtr vspace, seL4_CPtr fault_ep)
{
    check(seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0, (seL4_Word)server_ipc,
                             image_frame(server_ipc)), "configure");
    check(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, 255), "priority");
}

static void make_server_passive(void)
{
}
#endif

/* Starts fn(arg) at priority 255 in vspace with its own stack, IPC buffer and TLS. */
static seL4_CPtr start_thread(void (*fn)(seL4_Word), seL4_Word arg, seL4_CPtr vspace, seL4_CPtr fault_ep)
{
    seL4_CPtr tcb = retype(seL4_TCBObject, 0);
    configure_thread(tcb, vspace, fault_ep);
    seL4_UserContext regs;
    sel4utils_arch_init_local_context((void *)fn, (void *)arg, NULL, NULL, server_stack + STACK_SIZE, &regs);
    check(seL4_TCB_WriteRegisters(tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs), "registers");
    check(seL4_TCB_SetTLSBase(tcb, sel4runtime_tls_for_thread(server_tls, sizeof(server_tls))), "TLS");
    check(seL4_TCB_Resume(tcb), "resume");
    return tcb;
}

/* ---- statistics ------------------------------------------------------------------------- */

static void sift_down(uint64_t *a, seL4_Word n, seL4_Word i)
{
    for (seL4_Word c; (c = 2 * i + 1) < n; i = c) {
        if (c + 1 < n && a[c + 1] > a[c]) {
            c++;
        }
        if (a[i] >= a[c]) {
            return;
        }
        uint64_t t = a[i];
        a[i] = a[c];
        a[c] = t;
    }
}

static void heap_sort(uint64_t *a, seL4_Word n)
{
    for (seL4_Word i = n / 2; i-- > 0;) {
        sift_down(a, n, i);
    }
    for (seL4_Word end = n; end-- > 1;) {
        uint64_t t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, end, 0);
    }
}

static void report(const char *name)
{
    uint64_t sum = 0;
    for (seL4_Word i = 0; i < SAMPLES; i++) {
        sum += samples[i];
    }
    heap_sort(samples, SAMPLES);
    printf("bench %-28s min %6lu  median %6lu  mean %6lu  (TSC ticks, %d samples)\n", name,
           (unsigned long)samples[0], (unsigned long)samples[SAMPLES / 2], (unsigned long)(sum / SAMPLES), SAMPLES);
}

/* ---- the benchmarks --------------------------------------------------------------------- */

static seL4_CPtr ep, ep2, ntfn, ntfn2;

static void reply_server(seL4_Word length)
{
    seL4_SetIPCBuffer((seL4_IPCBuffer *)server_ipc);
    seL4_Word badge;
    RECV(ep, &badge, bench_reply);
    for (;;) {
        REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, length), &badge, bench_reply);
    }
}

static void bench_call(const char *name, seL4_Word length, seL4_CPtr vspace)
{
    seL4_CPtr tcb = start_thread(reply_server, length, vspace, 0);
    make_server_passive();
    seL4_MessageInfo_t info = seL4_MessageInfo_new(0, 0, 0, length);
    for (seL4_Word i = 0; i < length; i++) {
        seL4_SetMR(i, i);
    }
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
        uint64_t t0 = tsc_begin();
        seL4_Call(ep, info);
        uint64_t t1 = tsc_end();
        if (i >= WARMUP) {
            samples[i - WARMUP] = t1 - t0;
        }
    }
    check(seL4_TCB_Suspend(tcb), "suspend");
    report(name);
}

/* Empty Call+ReplyRecv round trips from SSE-free code (fpu_off.c), with both threads' FPU on or
 * off. The server starts with its FPU (its start-up code may use SSE) and loses it while blocked. */
static void fpu_server(seL4_Word endpoint)
{
    seL4_SetIPCBuffer((seL4_IPCBuffer *)server_ipc);
    fpu_off_server(endpoint);
}

static void bench_call_fpu(const char *name, bool fpu_off)
{
    seL4_CPtr tcb = start_thread(fpu_server, ep, seL4_CapInitThreadVSpace, 0);
    make_server_passive();
    seL4_Call(ep, seL4_MessageInfo_new(0, 0, 0, 0)); /* the server is now in its loop */
    if (fpu_off) {
        check(fpu_off_set(tcb, true), "TCB_SetFlags (server)");
        check(fpu_off_set(seL4_CapInitThreadTCB, true), "TCB_SetFlags (root)");
    }
    fpu_off_calls(ep, samples, WARMUP, SAMPLES);
    if (fpu_off) {
        check(fpu_off_set(seL4_CapInitThreadTCB, false), "TCB_SetFlags (root)");
    }
    check(seL4_TCB_Suspend(tcb), "suspend");
    report(name);
}

static void pingpong_server(seL4_Word use_ntfn)
{
    seL4_SetIPCBuffer((seL4_IPCBuffer *)server_ipc);
    for (;;) {
        if (use_ntfn) {
            seL4_Wait(ntfn, NULL);
            seL4_Signal(ntfn2);
        } else {
            RECV(ep, NULL, bench_reply);
            seL4_Send(ep2, seL4_MessageInfo_new(0, 0, 0, 0));
        }
    }
}

static void bench_pingpong(const char *name, seL4_Word use_ntfn)
{
    seL4_CPtr tcb = start_thread(pingpong_server, use_ntfn, seL4_CapInitThreadVSpace, 0);
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
        uint64_t t0 = tsc_begin();
        if (use_ntfn) {
            seL4_Signal(ntfn);
            seL4_Wait(ntfn2, NULL);
        } else {
            seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 0));
            RECV(ep2, NULL, root_reply);
        }
        uint64_t t1 = tsc_end();
        if (i >= WARMUP) {
            samples[i - WARMUP] = t1 - t0;
        }
    }
    check(seL4_TCB_Suspend(tcb), "suspend");
    report(name);
}

static void bench_null_syscall(void)
{
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
        uint64_t t0 = tsc_begin();
        seL4_Yield();
        uint64_t t1 = tsc_end();
        if (i >= WARMUP) {
            samples[i - WARMUP] = t1 - t0;
        }
    }
    report("null syscall (Yield)");
}

/* The faulter makes an unknown syscall; its handler replies moving FaultIP past it. */
static void faulter(seL4_Word unused)
{
    (void)unused;
    seL4_SetIPCBuffer((seL4_IPCBuffer *)server_ipc);
    for (int i = 0; i < WARMUP + SAMPLES; i++) {
        uint64_t t0 = tsc_begin();
        __asm__ volatile("mov %%rsp, %%rbx; syscall; mov %%rbx, %%rsp"
                         : : "d"((seL4_Word)-100) : "rbx", "rcx", "r11", "memory");
        uint64_t t1 = tsc_end();
        if (i >= WARMUP) {
            samples[i - WARMUP] = t1 - t0;
        }
    }
    seL4_Send(ep, seL4_MessageInfo_new(0, 0, 0, 0)); /* done: a plain message, label 0 */
    for (;;) {
        seL4_Yield();
    }
}

static void bench_fault(void)
{
    seL4_CPtr tcb = start_thread(faulter, 0, seL4_CapInitThreadVSpace, ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = RECV(ep, &badge, root_reply);
    while (seL4_MessageInfo_get_label(info) == seL4_Fault_UnknownSyscall) {
        /* Reply with the registers as they were and FaultIP past the 2-byte syscall. */
        seL4_Word length = seL4_MessageInfo_get_length(info);
        seL4_SetMR(seL4_UnknownSyscall_FaultIP, seL4_GetMR(seL4_UnknownSyscall_FaultIP) + 2);
        info = REPLY_RECV(ep, seL4_MessageInfo_new(0, 0, 0, length), &badge, root_reply);
    }
    check(seL4_TCB_Suspend(tcb), "suspend");
    report("fault round trip");
}

int main(void)
{
    bi = seL4_GetBootInfo();
    next_slot = bi->empty.start;
    pick_untyped();
    ep = retype(seL4_EndpointObject, 0);
    ep2 = retype(seL4_EndpointObject, 0);
    ntfn = retype(seL4_NotificationObject, 0);
    ntfn2 = retype(seL4_NotificationObject, 0);
#ifdef CONFIG_KERNEL_MCS
    bench_reply = retype(seL4_ReplyObject, 0);
    root_reply = retype(seL4_ReplyObject, 0);
#endif
    printf("ipc_bench: %d warm-up rounds, %d samples each, both threads at priority 255\n", WARMUP, SAMPLES);
    bench_call("Call+ReplyRecv same AS 0", 0, seL4_CapInitThreadVSpace);
    bench_call("Call+ReplyRecv same AS 4", 4, seL4_CapInitThreadVSpace);
    seL4_CPtr other = make_vspace();
    bench_call("Call+ReplyRecv other AS 0", 0, other);
    bench_call("Call+ReplyRecv other AS 4", 4, other);
    bench_call_fpu("Call+ReplyRecv no-SSE code", false);
    bench_call_fpu("Call+ReplyRecv no-SSE FPU off", true);
    bench_pingpong("Send/Recv ping-pong", 0);
    bench_pingpong("Signal/Wait ping-pong", 1);
    bench_null_syscall();
    bench_fault();
    printf("ipc_bench: done\n");
    seL4_DebugHalt();
    return 0;
}
