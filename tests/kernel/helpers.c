/*
 * Helpers of the kernel object tests (see helpers.h): slots, objects, raw invocations, TSC
 * time, the root task's priority and threads in the root task's own address space.
 */
#include "helpers.h"
#include "test.h"

#include <sel4/arch/bootinfo_types.h>
#include <sel4runtime/thread.h>
#include <sel4utils/thread.h>
#include <stdio.h>
#include <string.h>

#define THREAD_STACK_SIZE 16384

static seL4_CPtr untyped_slot, first_slot, next_slot, slot_limit, big_untyped;
static uint64_t tsc_khz_per_ms = 2000000; /* TSC ticks per ms */

static char thread_stacks[MAX_THREADS][THREAD_STACK_SIZE] __attribute__((aligned(16)));
static char thread_ipc[MAX_THREADS][4096] __attribute__((aligned(4096)));
static char thread_tls[MAX_THREADS][4096] __attribute__((aligned(64)));
static struct test_thread threads[MAX_THREADS];
static int n_threads;
static const char *program_name = "test";

volatile seL4_Word order_log[ORDER_LOG_MAX];
volatile seL4_Word order_len;

extern const char __ehdr_start[];

/* ---- framework hooks ---- */

/* The RAM untyped the tests carve from: the smallest one of at least 4 MiB (so its first,
 * watermark-resetting retype clears little memory), else the largest. */
static seL4_CPtr pick_big_untyped(const seL4_BootInfo *bi)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start, best = n, largest = n;
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        if (u->isDevice) {
            continue;
        }
        if (largest == n || u->sizeBits > bi->untypedList[largest].sizeBits) {
            largest = i;
        }
        if (u->sizeBits >= 22 && (best == n || u->sizeBits < bi->untypedList[best].sizeBits)) {
            best = i;
        }
    }
    if (best == n) {
        best = largest;
    }
    return best == n ? 0 : bi->untyped.start + best;
}

static void read_tsc_frequency(const seL4_BootInfo *bi)
{
    const char *p = (const char *)bi + 4096, *end = p + bi->extraLen;
    while (p < end) {
        const seL4_BootInfoHeader *h = (const seL4_BootInfoHeader *)p;
        if (h->len == 0) {
            break;
        }
        if (h->id == SEL4_BOOTINFO_HEADER_X86_TSC_FREQ) {
            seL4_Word mhz = ((const seL4_X86_BootInfo_TSCFreq_t *)h)->freq_mhz;
            if (mhz != 0) {
                tsc_khz_per_ms = mhz * 1000;
            }
        }
        p += h->len;
    }
}

void helpers_init(seL4_BootInfo *bi, const char *program)
{
    program_name = program;
    untyped_slot = bi->empty.start;
    first_slot = bi->empty.start + 1;
    slot_limit = bi->empty.end;
    big_untyped = pick_big_untyped(bi);
    read_tsc_frequency(bi);
    printf("%s: boot untyped slot %lu (%u bits), free slots from %lu, TSC %lu MHz\n", program_name, big_untyped,
           big_untyped ? bi->untypedList[big_untyped - bi->untyped.start].sizeBits : 0, first_slot,
           (unsigned long)(tsc_khz_per_ms / 1000));
}

seL4_CPtr helpers_first_test_slot(void)
{
    return first_slot;
}

seL4_CPtr helpers_reserve_slots(unsigned n)
{
    seL4_CPtr first = first_slot;
    first_slot += n;
    next_slot = first_slot;
    return first;
}

seL4_CPtr helpers_untyped_slot(void)
{
    return untyped_slot;
}

seL4_CPtr helpers_big_untyped(void)
{
    return big_untyped;
}

void helpers_reset(void)
{
    next_slot = first_slot;
    n_threads = 0;
    order_len = 0;
}

void helpers_cleanup(void)
{
    for (int i = 0; i < n_threads; i++) {
        seL4_TCB_Suspend(threads[i].tcb); /* may already be gone: errors do not matter here */
    }
    if (set_root_prio(ROOT_PRIO) != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "cleanup: cannot restore the root task's priority 255");
    }
}

void helpers_check_slots_clear(void)
{
    for (seL4_CPtr s = first_slot; s < next_slot; s++) {
        if (slot_empty(s)) {
            continue;
        }
        seL4_Error err = seL4_CNode_Delete(ROOT_CNODE, s, ROOT_DEPTH);
        if (err != seL4_NoError || !slot_empty(s)) {
            test_fail_at(__FILE__, __LINE__, "cleanup: Delete of slot %lu returned %s, slot holds cap type %d", s,
                         test_error_name(err), cap_type(s));
        }
    }
}

/* ---- slots and objects ---- */

seL4_CPtr alloc_slot(void)
{
    if (next_slot >= slot_limit) {
        test_fail_at(__FILE__, __LINE__, "out of free slots");
        return 0;
    }
    return next_slot++;
}

seL4_CPtr alloc_object_from(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot();
    if (slot == 0) {
        return 0;
    }
    char what[96];
    seL4_Error err = seL4_Untyped_Retype(untyped, type, size_bits, ROOT_CNODE, 0, 0, slot, 1);
    snprintf(what, sizeof(what), "Untyped_Retype of an object of type %lu, size_bits %lu, from untyped slot %lu", type,
             size_bits, untyped);
    return test_check_error(err, seL4_NoError, NULL, 0, what, __FILE__, __LINE__) ? slot : 0;
}

seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits)
{
    return alloc_object_from(test_untyped, type, size_bits);
}

int cap_type(seL4_CPtr slot)
{
    return (int)seL4_DebugCapIdentify(slot);
}

bool slot_empty(seL4_CPtr slot)
{
    return cap_type(slot) == CAP_NULL;
}

seL4_CPtr copy_cap(seL4_CPtr src)
{
    seL4_CPtr slot = alloc_slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_CNode_Copy(ROOT_CNODE, slot, ROOT_DEPTH, ROOT_CNODE, src, ROOT_DEPTH, seL4_AllRights);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "copying the cap in slot %lu: %s", src, test_error_name(err));
        return 0;
    }
    return slot;
}

seL4_CPtr image_frame_cap(const void *vaddr)
{
    uintptr_t image_start = (uintptr_t)__ehdr_start & ~(uintptr_t)4095;
    seL4_CPtr slot = test_bi->userImageFrames.start + ((uintptr_t)vaddr - image_start) / 4096;
    if ((uintptr_t)vaddr < image_start || slot >= test_bi->userImageFrames.end || cap_type(slot) != CAP_FRAME) {
        test_fail_at(__FILE__, __LINE__, "no image frame cap for address %p (slot %lu, image frames [%lu, %lu))", vaddr,
                     slot, test_bi->userImageFrames.start, test_bi->userImageFrames.end);
        return 0;
    }
    return slot;
}

seL4_CPtr find_device_untyped(unsigned min_bits)
{
    for (seL4_Word i = 0; i < test_bi->untyped.end - test_bi->untyped.start; i++) {
        const seL4_UntypedDesc *u = &test_bi->untypedList[i];
        if (u->isDevice && u->sizeBits >= min_bits && u->sizeBits <= 30) {
            return test_bi->untyped.start + i;
        }
    }
    return 0;
}

seL4_CPtr find_device_untyped_at_least(unsigned min_bits)
{
    seL4_Word n = test_bi->untyped.end - test_bi->untyped.start, best = n;
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &test_bi->untypedList[i];
        if (u->isDevice && u->sizeBits >= min_bits && (best == n || u->sizeBits < test_bi->untypedList[best].sizeBits)) {
            best = i;
        }
    }
    return best == n ? 0 : test_bi->untyped.start + best;
}

seL4_Error raw_invoke(seL4_CPtr cap, seL4_Word label, seL4_Word extra_caps, seL4_Word length, seL4_Word mr0,
                      seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(label, 0, extra_caps, length);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(cap, tag, &mr0, &mr1, &mr2, &mr3);
    seL4_SetMR(0, mr0);
    seL4_SetMR(1, mr1);
    seL4_SetMR(2, mr2);
    seL4_SetMR(3, mr3);
    return (seL4_Error)seL4_MessageInfo_get_label(reply);
}

/* ---- time ---- */

uint64_t tsc_now(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

uint64_t tsc_per_ms(void)
{
    return tsc_khz_per_ms;
}

uint64_t deadline_ms(unsigned ms)
{
    return tsc_now() + (uint64_t)ms * tsc_khz_per_ms;
}

/* ---- priorities ---- */

seL4_Error set_root_prio(seL4_Word prio)
{
    return seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, prio);
}

/* ---- threads ---- */

/* Ends a thread whose function returned: suspends itself through t->self. Should that not
 * work, it drops to priority 0 and yields; after 5 s it halts the machine rather than hang. */
static void __attribute__((noreturn)) thread_stop(struct test_thread *t)
{
    if (t->self != 0) {
        seL4_TCB_Suspend(t->self);
        seL4_TCB_SetPriority(t->self, seL4_CapInitThreadTCB, 0);
    }
    uint64_t end = deadline_ms(5000);
    while (tsc_now() < end) {
        seL4_Yield();
    }
    printf("%s: thread %d was not stopped within 5 s; halting\n", program_name, t->index);
    seL4_DebugHalt();
    for (;;) {
    }
}

/* First code of every test thread: installs its IPC buffer pointer (TLS works: FS base was set
 * with TCB_SetTLSBase), runs the test's function, then stops. */
static void __attribute__((noreturn)) thread_trampoline(struct test_thread *t)
{
    seL4_SetIPCBuffer(t->ipc);
    t->started = 1;
    t->fn(t);
    t->done = 1;
    thread_stop(t);
}

struct test_thread *thread_create(thread_fn fn, seL4_Word prio)
{
    return thread_create_ex(fn, prio, 0);
}

struct test_thread *thread_create_ex(thread_fn fn, seL4_Word prio, seL4_CPtr fault_ep)
{
    if (n_threads >= MAX_THREADS) {
        test_fail_at(__FILE__, __LINE__, "more than %d threads in one test", MAX_THREADS);
        return NULL;
    }
    int i = n_threads;
    struct test_thread *t = &threads[i];
    memset((void *)t, 0, sizeof(*t));
    t->index = i;
    t->fn = fn;
    t->ipc = (seL4_IPCBuffer *)thread_ipc[i];
    t->stack_top = thread_stacks[i] + THREAD_STACK_SIZE;
    t->ipc_frame = image_frame_cap(t->ipc);
    t->tls = sel4runtime_tls_for_thread(thread_tls[i], sizeof(thread_tls[i]));
    if (t->ipc_frame == 0 || !CHECK(t->tls != 0, "no room for the TLS block of a thread")) {
        return NULL;
    }
    t->tcb = alloc_object(seL4_TCBObject, 0);
    if (t->tcb == 0) {
        return NULL;
    }
    t->self = t->tcb;
    n_threads++;
    seL4_UserContext regs;
    sel4utils_arch_init_local_context((void *)thread_trampoline, t, NULL, NULL, t->stack_top, &regs);
#ifdef CONFIG_KERNEL_MCS
    /* MCS: the fault handler is a cap (SetSchedParams), and the thread runs on its own SC */
    t->sc = alloc_object(seL4_SchedContextObject, 8);
    if (t->sc == 0 ||
        !CHECK_OK(seL4_SchedControl_Configure(test_bi->schedcontrol.start, t->sc, THREAD_SC_BUDGET_US,
                                              THREAD_SC_BUDGET_US, 0, 0)) ||
        !CHECK_OK(seL4_TCB_Configure(t->tcb, ROOT_CNODE, 0, seL4_CapInitThreadVSpace, 0, (seL4_Word)t->ipc,
                                     t->ipc_frame)) ||
        !CHECK_OK(seL4_TCB_SetSchedParams(t->tcb, seL4_CapInitThreadTCB, prio, prio, t->sc, fault_ep)) ||
#else
    if (!CHECK_OK(seL4_TCB_Configure(t->tcb, fault_ep, ROOT_CNODE, 0, seL4_CapInitThreadVSpace, 0, (seL4_Word)t->ipc,
                                     t->ipc_frame)) ||
        !CHECK_OK(seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio)) ||
#endif
        !CHECK_OK(seL4_TCB_WriteRegisters(t->tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs)) ||
        !CHECK_OK(seL4_TCB_SetTLSBase(t->tcb, t->tls))) {
        return NULL;
    }
    return t;
}

bool thread_start(struct test_thread *t)
{
    return CHECK_OK(seL4_TCB_Resume(t->tcb));
}

bool wait_done(struct test_thread **ts, int n, seL4_Word root_prio, unsigned ms)
{
    uint64_t end = deadline_ms(ms);
    bool all = false;
    CHECK_OK(set_root_prio(root_prio));
    while (!all) {
        all = true;
        for (int i = 0; i < n; i++) {
            all = all && ts[i]->done;
        }
        if (all || tsc_now() > end) {
            break;
        }
        seL4_Yield();
    }
    CHECK_OK(set_root_prio(ROOT_PRIO));
    return all;
}

void run_lower(seL4_Word root_prio, unsigned ms)
{
    uint64_t end = deadline_ms(ms);
    CHECK_OK(set_root_prio(root_prio));
    while (tsc_now() < end) {
        seL4_Yield();
    }
    CHECK_OK(set_root_prio(ROOT_PRIO));
}

void order_append(seL4_Word v)
{
    if (order_len < ORDER_LOG_MAX) {
        order_log[order_len] = v;
        order_len = order_len + 1;
    }
}

void count_fn(struct test_thread *t)
{
    while (tsc_now() < t->arg[0]) {
        t->counter = t->counter + 1;
        if (t->arg[1]) {
            seL4_Yield();
        }
    }
}

void log_fn(struct test_thread *t)
{
    order_append(t->arg[0]);
}

bool tcb_tag(seL4_CPtr tcb, seL4_Word tag)
{
    seL4_UserContext regs = {0};
    regs.rip = 0x401000;
    regs.rsp = 0x8000;
    regs.rflags = 0x202;
    regs.rax = tag;
    return CHECK_OK(seL4_TCB_WriteRegisters(tcb, 0, 0, 4, &regs));
}

seL4_Word tcb_read_tag(seL4_CPtr tcb)
{
    seL4_UserContext regs = {0};
    seL4_Error err = seL4_TCB_ReadRegisters(tcb, 0, 0, 4, &regs);
    if (err != seL4_NoError) {
        test_fail_at(__FILE__, __LINE__, "ReadRegisters of TCB slot %lu: %s", tcb, test_error_name(err));
        return ~0ul;
    }
    return regs.rax;
}
