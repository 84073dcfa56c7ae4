/*
 * Declarations shared by the test files of vm_test, beyond the framework's test.h and
 * helpers.h (tests/kernel): vm_helpers.c and map_tables.
 */
#pragma once

#include "helpers.h"

#include <sel4/sel4.h>
#include <stdbool.h>

/* After helpers_init: reserves the slots of the permanent objects and starts the watchdog. */
void vm_helpers_init(const seL4_BootInfo *bi);

/* ---- bounded waits (the watchdog) ---- */

/* The root task's bound notification (seL4_TCB_BindNotification at start-up). The watchdog
 * thread (priority 1, runs only when everything else is blocked) signals it with WD_BADGE
 * once an armed deadline passes; IRQ handlers of the tests signal it with IRQ_BADGE (a
 * cap from irq_ntfn_cap()). Fault endpoints carry small badges, so the two never mix. */
#define WD_BADGE (1ul << 62)
#define IRQ_BADGE (1ul << 61)
extern seL4_CPtr wake_ntfn;

/* A fresh slot with a copy of wake_ntfn badged IRQ_BADGE (for IRQHandler_SetNotification). */
seL4_CPtr irq_ntfn_cap(void);

/* seL4_Recv on `ep` (an endpoint) for at most ms milliseconds. Returns true when a message
 * came (badge and info set), false on timeout (recording nothing: the caller decides). */
bool recv_bounded(seL4_CPtr ep, unsigned ms, seL4_Word *badge, seL4_MessageInfo_t *info);

/* Waits (seL4_Wait on wake_ntfn) for an IRQ signal for at most ms milliseconds. Returns true
 * if one came. */
bool wait_irq(unsigned ms);

/* Polls wake_ntfn for IRQ signals during ms milliseconds (busy, yielding in between). Returns
 * true as soon as one came (and consumes it). */
bool poll_irq(unsigned ms);

/* ---- faults ---- */

/* An endpoint retyped from test_untyped (*ep, may be NULL) and a badged full-rights copy of it
 * (returned) to give a thread as its fault handler. 0 after a recorded failure. */
seL4_CPtr make_fault_ep(seL4_Word badge, seL4_CPtr *ep);

/* Receives on ep for at most ms and checks a VMFault message: label seL4_Fault_VMFault,
 * length 4, IP, Addr, PrefetchFault 0 (sel4-facts 9.8) and FSR. Records failures (naming
 * `what`) and returns whether everything matched. */
bool expect_vm_fault(seL4_CPtr ep, unsigned ms, seL4_Word ip, seL4_Word addr, seL4_Word fsr, const char *what);

/* x86 page-fault error code bits (the FSR of a VMFault). */
#define FSR_PRESENT 1ul
#define FSR_WRITE 2ul
#define FSR_USER 4ul

/* Instructions at known addresses (helpers.c): vm_write_word(p, v) stores v at p with the
 * instruction at vm_write_insn; vm_read_word(p) loads from p at vm_read_insn; vm_raw_inb()
 * executes `inb $0x80, %al` at vm_raw_inb_insn, vm_raw_outb() `outb %al, $0x80` at
 * vm_raw_outb_insn. */
void vm_write_word(volatile seL4_Word *p, seL4_Word v);
seL4_Word vm_read_word(volatile seL4_Word *p);
seL4_Word vm_raw_inb(void);
void vm_raw_outb(void);
extern const char vm_write_insn[], vm_read_insn[], vm_raw_inb_insn[], vm_raw_outb_insn[];

/* Thread functions: fault_read_fn reads *(arg[0]) into t->value, fault_write_fn writes arg[1]
 * to *(arg[0]) (both with the instructions above); each sets t->counter to 1 just before. */
void fault_read_fn(struct test_thread *t);
void fault_write_fn(struct test_thread *t);

/* True if the CPU has 1 GiB pages (CPUID 0x80000001 EDX bit 26). */
bool cpu_has_1g_pages(void);


/* Retypes and maps, in vspace at vaddr, a PDPT, a page directory and a page table, each only
 * if its out pointer is non-NULL (in that order); records failures and returns false. */
bool map_tables(seL4_CPtr vspace, seL4_Word vaddr, seL4_CPtr *pdpt_out, seL4_CPtr *pd_out, seL4_CPtr *pt_out);
