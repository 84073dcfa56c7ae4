/*
 * Helpers of vm_test (see helpers.h). Copied from tests/kernel/helpers.c (slots, objects, raw
 * invocations, TSC time, the root task's priority, threads in the root task's address space),
 * plus a fault endpoint per thread, the watchdog for bounded blocking waits, and faulting
 * instructions at known addresses.
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

/* Permanent objects (never revoked): from a second RAM untyped, in slots reserved at start-up. */
seL4_CPtr wake_ntfn;
static seL4_CPtr perm_untyped, wd_tcb, wd_ntfn_badged;
static volatile uint64_t wd_deadline;      /* 0: disarmed */
static volatile seL4_Word wd_fired;
static seL4_Word pending_irq;              /* IRQ bits drained while waiting for something else */
static char wd_stack[8192] __attribute__((aligned(16)));
static char wd_ipc[4096] __attribute__((aligned(4096)));
static char wd_tls[4096] __attribute__((aligned(64)));

volatile seL4_Word order_log[ORDER_LOG_MAX];
volatile seL4_Word order_len;

extern const char __ehdr_start[];

static void start_watchdog(const seL4_BootInfo *bi);

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
    wake_ntfn = bi->empty.start + 1;
    wd_ntfn_badged = bi->empty.start + 2;
    wd_tcb = bi->empty.start + 3;
    first_slot = bi->empty.start + 4;
    slot_limit = bi->empty.end;
    big_untyped = pick_big_untyped(bi);
    read_tsc_frequency(bi);
    printf("%s: boot untyped slot %lu (%u bits), test slots from %lu, TSC %lu MHz\n", program_name, big_untyped,
           big_untyped ? bi->untypedList[big_untyped - bi->untyped.start].sizeBits : 0, first_slot,
           (unsigned long)(tsc_khz_per_ms / 1000));
    start_watchdog(bi);
}

seL4_CPtr helpers_first_test_slot(void)
{
    return first_slot;
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
    if (!CHECK_OK(seL4_TCB_Configure(t->tcb, fault_ep, ROOT_CNODE, 0, seL4_CapInitThreadVSpace, 0, (seL4_Word)t->ipc,
                                     t->ipc_frame)) ||
        !CHECK_OK(seL4_TCB_SetPriority(t->tcb, seL4_CapInitThreadTCB, prio)) ||
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

/* ---- the watchdog: bounded blocking waits ---- */

/* Runs at priority 1 in the root task's address space: whenever nothing else is runnable it
 * checks the armed deadline and, once it passed, signals the root task's bound notification. */
static void __attribute__((noreturn)) watchdog_main(void *ipc, void *unused1, void *unused2)
{
    (void)unused1;
    (void)unused2;
    seL4_SetIPCBuffer(ipc);
    for (;;) {
        uint64_t d = wd_deadline;
        if (d != 0 && tsc_now() >= d) {
            wd_deadline = 0;
            wd_fired = wd_fired + 1;
            seL4_Signal(wd_ntfn_badged);
        }
        seL4_Yield();
    }
}

/* The RAM untyped for the permanent objects: the smallest non-device one of at least 64 KiB
 * other than the tests' big untyped. */
static seL4_CPtr pick_perm_untyped(const seL4_BootInfo *bi)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start, best = n;
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *u = &bi->untypedList[i];
        if (u->isDevice || bi->untyped.start + i == big_untyped || u->sizeBits < 16) {
            continue;
        }
        if (best == n || u->sizeBits < bi->untypedList[best].sizeBits) {
            best = i;
        }
    }
    return best == n ? 0 : bi->untyped.start + best;
}

static void start_watchdog(const seL4_BootInfo *bi)
{
    perm_untyped = pick_perm_untyped(bi);
    seL4_Error e1 = seL4_Untyped_Retype(perm_untyped, seL4_NotificationObject, 0, ROOT_CNODE, 0, 0, wake_ntfn, 1);
    seL4_Error e2 = seL4_CNode_Mint(ROOT_CNODE, wd_ntfn_badged, ROOT_DEPTH, ROOT_CNODE, wake_ntfn, ROOT_DEPTH,
                                    seL4_AllRights, WD_BADGE);
    seL4_Error e3 = seL4_TCB_BindNotification(seL4_CapInitThreadTCB, wake_ntfn);
    seL4_Error e4 = seL4_Untyped_Retype(perm_untyped, seL4_TCBObject, 0, ROOT_CNODE, 0, 0, wd_tcb, 1);
    seL4_UserContext regs;
    sel4utils_arch_init_local_context((void *)watchdog_main, wd_ipc, NULL, NULL, wd_stack + sizeof(wd_stack), &regs);
    uintptr_t tls = sel4runtime_tls_for_thread(wd_tls, sizeof(wd_tls));
    seL4_Error e5 = seL4_TCB_Configure(wd_tcb, 0, ROOT_CNODE, 0, seL4_CapInitThreadVSpace, 0, (seL4_Word)wd_ipc,
                                       test_bi->userImageFrames.start +
                                           ((uintptr_t)wd_ipc - ((uintptr_t)__ehdr_start & ~(uintptr_t)4095)) / 4096);
    seL4_Error e6 = seL4_TCB_SetPriority(wd_tcb, seL4_CapInitThreadTCB, 1);
    seL4_Error e7 = seL4_TCB_WriteRegisters(wd_tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
    seL4_Error e8 = seL4_TCB_SetTLSBase(wd_tcb, tls);
    seL4_Error e9 = seL4_TCB_Resume(wd_tcb);
    if (perm_untyped == 0 || e1 || e2 || e3 || e4 || e5 || e6 || e7 || e8 || e9 || tls == 0) {
        printf("%s: cannot start the watchdog (untyped %lu, errors %lu %lu %lu %lu %lu %lu %lu %lu %lu): blocking waits are "
               "unbounded\n",
               program_name, perm_untyped, (seL4_Word)e1, (seL4_Word)e2, (seL4_Word)e3, (seL4_Word)e4, (seL4_Word)e5,
               (seL4_Word)e6, (seL4_Word)e7, (seL4_Word)e8, (seL4_Word)e9);
    } else {
        printf("%s: watchdog thread at priority 1, bound notification in slot %lu\n", program_name, wake_ntfn);
    }
}

/* Disarms the watchdog and takes any signal left in wake_ntfn (IRQ bits are kept). */
static void disarm(void)
{
    wd_deadline = 0;
    seL4_Word w = 0;
    seL4_Poll(wake_ntfn, &w);
    pending_irq |= w & ~WD_BADGE;
}

bool helpers_prepare(void)
{
    disarm();
    pending_irq = 0;
    return true;
}

seL4_CPtr irq_ntfn_cap(void)
{
    seL4_CPtr slot = alloc_slot();
    if (slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_CNode_Mint(ROOT_CNODE, slot, ROOT_DEPTH, ROOT_CNODE, wake_ntfn, ROOT_DEPTH, seL4_AllRights,
                                     IRQ_BADGE);
    return test_check_error(err, seL4_NoError, NULL, 0, "minting the IRQ notification cap", __FILE__, __LINE__) ? slot
                                                                                                             : 0;
}

bool recv_bounded(seL4_CPtr ep, unsigned ms, seL4_Word *badge, seL4_MessageInfo_t *info)
{
    uint64_t end = deadline_ms(ms);
    for (;;) {
        seL4_Word b = 0;
        wd_deadline = end;
        seL4_MessageInfo_t i = seL4_Recv(ep, &b);
        wd_deadline = 0;
        if ((b & (WD_BADGE | IRQ_BADGE)) == 0) {
            /* a message on the endpoint (fault badges are small) */
            *badge = b;
            *info = i;
            return true;
        }
        /* woken by the bound notification */
        pending_irq |= b & ~WD_BADGE;
        if ((b & WD_BADGE) || tsc_now() >= end) {
            disarm();
            return false;
        }
    }
}

bool wait_irq(unsigned ms)
{
    if (pending_irq & IRQ_BADGE) {
        pending_irq = 0;
        return true;
    }
    seL4_Word w = 0;
    wd_deadline = deadline_ms(ms);
    seL4_Wait(wake_ntfn, &w);
    wd_deadline = 0;
    bool got = (w & IRQ_BADGE) != 0;
    if (!got) {
        disarm();
        got = (pending_irq & IRQ_BADGE) != 0;
    }
    pending_irq = 0;
    return got;
}

bool poll_irq(unsigned ms)
{
    uint64_t end = deadline_ms(ms);
    for (;;) {
        seL4_Word w = 0;
        seL4_Poll(wake_ntfn, &w);
        if ((w | pending_irq) & IRQ_BADGE) {
            pending_irq = 0;
            return true;
        }
        if (tsc_now() >= end) {
            return false;
        }
        seL4_Yield();
    }
}

/* ---- faults ---- */

seL4_CPtr make_fault_ep(seL4_Word badge, seL4_CPtr *ep_out)
{
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr slot = alloc_slot();
    if (ep == 0 || slot == 0) {
        return 0;
    }
    seL4_Error err = seL4_CNode_Mint(ROOT_CNODE, slot, ROOT_DEPTH, ROOT_CNODE, ep, ROOT_DEPTH, seL4_AllRights, badge);
    if (!test_check_error(err, seL4_NoError, NULL, 0, "minting the fault endpoint", __FILE__, __LINE__)) {
        return 0;
    }
    if (ep_out) {
        *ep_out = ep;
    }
    return slot;
}

bool expect_vm_fault(seL4_CPtr ep, unsigned ms, seL4_Word ip, seL4_Word addr, seL4_Word fsr, const char *what)
{
    seL4_Word badge = 0;
    seL4_MessageInfo_t info;
    if (!recv_bounded(ep, ms, &badge, &info)) {
        return test_fail_at(__FILE__, __LINE__, "%s: no fault message within %u ms", what, ms);
    }
    seL4_Word label = seL4_MessageInfo_get_label(info), len = seL4_MessageInfo_get_length(info);
    seL4_Word mr[4] = {seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3)};
    if (label != seL4_Fault_VMFault || len != seL4_VMFault_Length || mr[seL4_VMFault_IP] != ip ||
        mr[seL4_VMFault_Addr] != addr || mr[seL4_VMFault_PrefetchFault] != 0 || mr[seL4_VMFault_FSR] != fsr) {
        return test_fail_at(__FILE__, __LINE__,
                            "%s: expected VMFault (label 5, length 4) IP 0x%lx Addr 0x%lx PrefetchFault 0 FSR %lu, "
                            "got label %lu length %lu IP 0x%lx Addr 0x%lx PrefetchFault %lu FSR %lu",
                            what, ip, addr, fsr, label, len, mr[0], mr[1], mr[2], mr[3]);
    }
    return true;
}

/* Instructions at known addresses: the fault messages' IPs are checked against these labels. */
__asm__(".text\n"
        ".global vm_write_word\n.type vm_write_word, @function\nvm_write_word:\n"
        ".global vm_write_insn\nvm_write_insn:\n    movq %rsi, (%rdi)\n    ret\n"
        ".global vm_read_word\n.type vm_read_word, @function\nvm_read_word:\n"
        ".global vm_read_insn\nvm_read_insn:\n    movq (%rdi), %rax\n    ret\n"
        ".global vm_raw_inb\n.type vm_raw_inb, @function\nvm_raw_inb:\n    xorl %eax, %eax\n"
        ".global vm_raw_inb_insn\nvm_raw_inb_insn:\n    inb $0x80, %al\n    ret\n"
        ".global vm_raw_outb\n.type vm_raw_outb, @function\nvm_raw_outb:\n    xorl %eax, %eax\n"
        ".global vm_raw_outb_insn\nvm_raw_outb_insn:\n    outb %al, $0x80\n    ret\n");

void fault_read_fn(struct test_thread *t)
{
    t->counter = 1;
    t->value = vm_read_word((volatile seL4_Word *)t->arg[0]);
    t->counter = 2;
}

void fault_write_fn(struct test_thread *t)
{
    t->counter = 1;
    vm_write_word((volatile seL4_Word *)t->arg[0], t->arg[1]);
    t->counter = 2;
}

bool cpu_has_1g_pages(void)
{
    uint32_t a = 0x80000001, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (d >> 26) & 1;
}
