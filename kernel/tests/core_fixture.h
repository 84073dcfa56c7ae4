/*
 * Shared set-up for the kernel core's host tests: cmocka, the host architecture hooks, and a
 * small "booted" machine (fake physical memory with a root CNode and a running root thread
 * whose CSpace is that CNode, as the real boot builds it).
 */
#ifndef CORE_FIXTURE_H
#define CORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <host_arch.h>
#include <object/structures.h>
#include <kernel/memory.h>

#define FIXTURE_PHYS_BYTES (4u << 20)
#define FIXTURE_CNODE_PADDR 0x100000u /* root CNode: 2^12 slots */
#define FIXTURE_TCB_PADDR 0x80000u
#define FIXTURE_IPCBUF_PADDR 0x90000u
#define FIXTURE_IPCBUF_VADDR 0x10000000u
#define FIXTURE_SC_PADDR 0x98000u     /* MCS: the root thread's SC (2^8) */
#define FIXTURE_SCHED_CONTROL_SLOT 16u /* MCS: the SchedControl cap */

typedef struct fixture {
    cte_t *root;   /* the root CNode's slots */
    tcb_t *thread; /* the current thread */
} fixture_t;

/* Boots the fake machine: returns the fixture (also made ksCurThread). */
fixture_t *fixture_boot(void);
void fixture_shutdown(void);
/* fixture_shutdown as a cmocka teardown. */
int fixture_teardown(void **state);

#define FIXTURE_UNTYPED_SLOT 20u     /* a 1 MiB RAM untyped at FIXTURE_UNTYPED_PADDR */
#define FIXTURE_UNTYPED_PADDR 0x200000u
#define FIXTURE_UNTYPED_BITS 20u

/* Calls (seL4_Call) invocation `label` on cptr from the current thread with message registers
 * mrs[0..n) and extra caps caps[0..ncaps); returns the reply label (the seL4_Error). */
word_t fixture_invoke(fixture_t *f, cptr_t cptr, word_t label, const word_t *mrs, word_t n,
                      const cptr_t *caps, word_t ncaps);
/* Message register i of the last reply. */
word_t fixture_reply_mr(fixture_t *f, word_t i);
/* The root CNode slot i. */
static inline cte_t *fixture_slot(fixture_t *f, word_t i) { return &f->root[i]; }

/* A TCB retyped into root slot `slot` (the root thread must be current): the root thread's
 * CSpace, an IPC buffer frame of its own at buffer_paddr (user address 0x20000000), priority
 * 100, Running but not queued. */
tcb_t *fixture_make_thread(fixture_t *f, word_t slot, paddr_t buffer_paddr);
/* Makes t the running thread; the current one, if runnable, goes back to the ready queue. */
void fixture_become(tcb_t *t);

/* Issues syscall `number` from the current thread with the given registers. */
void fixture_syscall(fixture_t *f, long number, uint64_t cap, uint64_t msginfo);

#endif
