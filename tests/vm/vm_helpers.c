/*
 * What vm_test adds to the test framework (tests/kernel: helpers.h, test.h): a watchdog thread
 * that bounds blocking waits, IRQ signals on the root task's bound notification, fault
 * endpoints and fault-message checks, and instructions at known addresses that fault (reads,
 * writes, raw in/out). Declarations in vm.h.
 */
#include "helpers.h"
#include "test.h"
#include "vm.h"

#include <sel4runtime/thread.h>
#include <sel4utils/thread.h>
#include <stdio.h>

extern const char __ehdr_start[];

/* Permanent objects (never revoked): from a second RAM untyped, in slots reserved at start-up. */
seL4_CPtr wake_ntfn;
static seL4_CPtr perm_untyped, wd_tcb, wd_ntfn_badged;
static volatile uint64_t wd_deadline;      /* 0: disarmed */
static volatile seL4_Word wd_fired;
static seL4_Word pending_irq;              /* IRQ bits drained while waiting for something else */
static char wd_stack[8192] __attribute__((aligned(16)));
static char wd_ipc[4096] __attribute__((aligned(4096)));
static char wd_tls[4096] __attribute__((aligned(64)));

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
        if (u->isDevice || bi->untyped.start + i == helpers_big_untyped() || u->sizeBits < 16) {
            continue;
        }
        if (best == n || u->sizeBits < bi->untypedList[best].sizeBits) {
            best = i;
        }
    }
    return best == n ? 0 : bi->untyped.start + best;
}

void vm_helpers_init(const seL4_BootInfo *bi)
{
    wake_ntfn = helpers_reserve_slots(3);
    wd_ntfn_badged = wake_ntfn + 1;
    wd_tcb = wake_ntfn + 2;
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
               "vm_test", perm_untyped, (seL4_Word)e1, (seL4_Word)e2, (seL4_Word)e3, (seL4_Word)e4, (seL4_Word)e5,
               (seL4_Word)e6, (seL4_Word)e7, (seL4_Word)e8, (seL4_Word)e9);
    } else {
        printf("vm_test: watchdog thread at priority 1, bound notification in slot %lu\n", wake_ntfn);
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

/* Before each test (the framework's hook): nothing left from the previous one. */
bool test_suite_prepare(void)
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

#ifdef __aarch64__
/* Instructions at known addresses: the fault messages' IPs are checked against these labels
 * (AArch64: a store and a load; there are no I/O port instructions). */
__asm__(".text\n"
        ".global vm_write_word\n.type vm_write_word, %function\nvm_write_word:\n"
        ".global vm_write_insn\nvm_write_insn:\n    str x1, [x0]\n    ret\n"
        ".global vm_read_word\n.type vm_read_word, %function\nvm_read_word:\n"
        ".global vm_read_insn\nvm_read_insn:\n    ldr x0, [x0]\n    ret\n");

#else
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

#endif

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
#ifdef __aarch64__
    return true; /* 1 GiB blocks at level 1: every AArch64 CPU with a 4 KiB granule */
#else
    uint32_t a = 0x80000001, b, c = 0, d;
    __asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
    return (d >> 26) & 1;
#endif
}
