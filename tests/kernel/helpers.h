/*
 * Helpers of the kernel object tests: a slot allocator over BootInfo's empty region, object
 * creation from the test's child untyped, cap-type queries, raw invocations (for
 * TruncatedMessage and unknown labels), time from the TSC, the root task's priority, and
 * threads in the root task's own address space (static stacks, IPC buffers and TLS blocks).
 * All resources are released by the framework after each test (test.c).
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>
#include <stdint.h>

/* seL4's kernel cap type numbers as returned by seL4_DebugCapIdentify (sel4-facts 9.14). */
enum cap_type {
    CAP_NULL = 0, CAP_FRAME = 1, CAP_UNTYPED = 2, CAP_PAGE_TABLE = 3, CAP_ENDPOINT = 4,
    CAP_PAGE_DIRECTORY = 5, CAP_NOTIFICATION = 6, CAP_PDPT = 7, CAP_REPLY = 8, CAP_PML4 = 9,
    CAP_CNODE = 10, CAP_ASID_CONTROL = 11, CAP_THREAD = 12, CAP_ASID_POOL = 13, CAP_IRQ_CONTROL = 14,
    CAP_DOMAIN = 20, CAP_IO_PORT_CONTROL = 31,
};

#define ROOT_PRIO 255
#define ROOT_CNODE seL4_CapInitThreadCNode
#define ROOT_DEPTH seL4_WordBits

/* ---- slots and objects ---- */

/* A fresh empty slot of the root CNode, or 0 (with a recorded failure) when none is left. */
seL4_CPtr alloc_slot(void);

/* Retypes one object of `type`/`size_bits` from test_untyped into a fresh slot; returns the
 * slot, or 0 after recording a failure that names the error. */
seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits);

/* As alloc_object but from the given untyped. */
seL4_CPtr alloc_object_from(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits);

/* True if the root CNode slot holds no cap (seL4_DebugCapIdentify). */
bool slot_empty(seL4_CPtr slot);

/* seL4_DebugCapIdentify as a cap_type. */
int cap_type(seL4_CPtr slot);

/* Copies a cap within the root CNode (all rights); returns the new slot or 0 (failure recorded). */
seL4_CPtr copy_cap(seL4_CPtr src);

/* A 4 KiB frame cap of the root task's own image: the frame backing vaddr (BootInfo
 * userImageFrames), or 0 with a recorded failure. */
seL4_CPtr image_frame_cap(const void *vaddr);

/* A device untyped of min_bits..30 bits from BootInfo, or 0. */
seL4_CPtr find_device_untyped(unsigned min_bits);

/* The smallest device untyped of at least min_bits bits, or 0. */
seL4_CPtr find_device_untyped_at_least(unsigned min_bits);

/* Performs an invocation with a hand-made message (label, extra caps set with seL4_SetCap,
 * length, MR0..3); returns the reply label (seL4_Error) and leaves MR0..3 in the IPC buffer. */
seL4_Error raw_invoke(seL4_CPtr cap, seL4_Word label, seL4_Word extra_caps, seL4_Word length, seL4_Word mr0,
                      seL4_Word mr1, seL4_Word mr2, seL4_Word mr3);

/* ---- time ---- */

/* The TSC (rdtsc) and its frequency from BootInfo's TSC_FREQ chunk (2000 MHz if absent). */
uint64_t tsc_now(void);
uint64_t tsc_per_ms(void);
/* TSC value ms milliseconds from now. */
uint64_t deadline_ms(unsigned ms);

/* ---- the root task's priority ---- */

/* Sets the root task's own priority (seL4_TCB_SetPriority on seL4_CapInitThreadTCB with itself
 * as authority); returns the error. Lowering it lets lower-priority test threads run. */
seL4_Error set_root_prio(seL4_Word prio);

/* ---- threads in the root task's address space ---- */

#define MAX_THREADS 8

struct test_thread;
typedef void (*thread_fn)(struct test_thread *t);

struct test_thread {
    /* set by thread_create */
    int index;             /* 0..MAX_THREADS-1: which static stack/IPC buffer/TLS area */
    seL4_CPtr tcb;         /* the TCB cap in the root CNode (retyped from test_untyped) */
    seL4_CPtr ipc_frame;   /* frame cap of its IPC buffer (in userImageFrames) */
    seL4_IPCBuffer *ipc;   /* its IPC buffer */
    void *stack_top;
    uintptr_t tls;         /* its thread pointer (FS base) */
    thread_fn fn;
    /* free for the test; the thread sees the same struct */
    seL4_Word arg[4];
    /* CPtr the thread suspends itself with when fn returns (default: tcb); 0 = it spins,
     * yielding, until someone suspends it (for threads whose CSpace is not the root's) */
    seL4_CPtr self;
    volatile seL4_Word started;  /* 1 once the thread runs (set before fn) */
    volatile seL4_Word done;     /* 1 once fn returned */
    volatile seL4_Word counter;  /* free for the test (count_fn increments it) */
    volatile seL4_Word value;    /* free for the test */
#ifdef CONFIG_KERNEL_MCS
    seL4_CPtr sc;                /* MCS: its own SC (round robin, THREAD_SC_BUDGET_US), bound */
#endif
};

#ifdef CONFIG_KERNEL_MCS
/* MCS: every test thread gets a 2^8 SC configured round robin with this budget. */
#define THREAD_SC_BUDGET_US 5000
#endif

/* Creates a thread that will run fn(t): TCB retyped from test_untyped, Configure (root CSpace
 * and VSpace, its IPC buffer), SetPriority(prio) with the root TCB as authority, registers
 * written with sel4utils_arch_init_local_context, TLS base set; it is NOT resumed. Returns
 * NULL after recording a failure. */
struct test_thread *thread_create(thread_fn fn, seL4_Word prio);

/* As thread_create, with fault_ep (a CPtr in the root CNode) as the thread's fault handler. */
struct test_thread *thread_create_ex(thread_fn fn, seL4_Word prio, seL4_CPtr fault_ep);

/* Resumes it (seL4_TCB_Resume); records a failure on error. */
bool thread_start(struct test_thread *t);

/* Lowers the root task to root_prio and yields until every thread in ts[0..n) has `done`
 * set or ms milliseconds pass; restores priority 255. Returns true if all finished. */
bool wait_done(struct test_thread **ts, int n, seL4_Word root_prio, unsigned ms);

/* Lowers the root task to root_prio for ms milliseconds (yielding), then restores 255. */
void run_lower(seL4_Word root_prio, unsigned ms);

/* Thread functions used by several tests. count_fn increments t->counter until t->arg[0]
 * (a TSC deadline) passes, yielding after every increment when t->arg[1] is non-zero;
 * log_fn appends t->arg[0] to the shared order log and returns. */
void count_fn(struct test_thread *t);
void log_fn(struct test_thread *t);

/* The shared order log written by log_fn and others (reset before each test). */
#define ORDER_LOG_MAX 64
extern volatile seL4_Word order_log[ORDER_LOG_MAX];
extern volatile seL4_Word order_len;
void order_append(seL4_Word v);

/* Tags a never-run TCB by writing `tag` into its rax (WriteRegisters, count 4), and reads the
 * tag back (ReadRegisters): shows whether two caps name the same TCB. */
bool tcb_tag(seL4_CPtr tcb, seL4_Word tag);
seL4_Word tcb_read_tag(seL4_CPtr tcb);

/* ---- framework hooks (test.c) ---- */
/* program names the root task in the first output line ("NAME: boot untyped slot ...") and in
 * the message of a thread that cannot stop */
void helpers_init(seL4_BootInfo *bi, const char *program);
void helpers_reset(void);           /* before a test: slot allocator, threads, log */
void helpers_cleanup(void);         /* after a test: suspend threads, restore priority */
void helpers_check_slots_clear(void);
seL4_CPtr helpers_first_test_slot(void);
/* After helpers_init: n slots kept for the whole run (the per-test slots start after them);
 * returns the first. For a suite's permanent objects. */
seL4_CPtr helpers_reserve_slots(unsigned n);
seL4_CPtr helpers_untyped_slot(void);
seL4_CPtr helpers_big_untyped(void);
