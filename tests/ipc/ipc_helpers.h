/*
 * Helpers of ipc_test on top of tests/kernel's framework (test.h, helpers.h): endpoint and
 * notification objects and badged/reduced copies, bounded waiting for test threads, fault
 * handler endpoints, a root-task "handler" that polls for a message and keeps its MRs, and the
 * hand-written code of raw_asm.S (raw syscalls with all registers, faulting instructions).
 *
 * The root task (priority 255) never makes a blocking IPC call: everything that may block is
 * done by test threads (priority 10..250), and the root only polls (NBRecv) after letting the
 * threads run. A kernel bug therefore shows as a FAILED line, not as a hang.
 */
#pragma once

#include "helpers.h"
#include "test.h"

#include <sel4/sel4.h>
#include <stdbool.h>

/* ---- objects and caps ---- */

seL4_CPtr new_ep(void);
seL4_CPtr new_ntfn(void);

/* Mints src (root CNode) into a fresh slot with rights and badge; returns the slot or 0 (failure
 * recorded). */
seL4_CPtr mint_cap(seL4_CPtr src, seL4_CapRights_t rights, seL4_Word badge);

/* rights shorthands: R(ead) W(rite) G(rant) GR(ant reply) */
#define RIGHTS(r, w, g, gr) seL4_CapRights_new((gr), (g), (r), (w))

/* ---- letting threads run, bounded ---- */

/* Drops the root task to priority 1 and back: returns once every test thread (priority > 1) is
 * blocked, stopped or finished. */
void settle(void);

/* Lets test threads run (root at priority 1, yielding) until *flag == value or ms pass;
 * returns whether the value was reached. */
bool wait_value(volatile seL4_Word *flag, seL4_Word value, unsigned ms);

/* Lets test threads run until t->done or ms pass. */
bool wait_thread(struct test_thread *t, unsigned ms);

/* Sets the fault handler CPtr of t (TCB_SetSpace with the root CSpace and VSpace). */
bool set_fault_ep(struct test_thread *t, seL4_CPtr fault_ep);

/* ---- the root task as a polling receiver ---- */

struct msg {
    bool got;            /* something was received (badge != 0: every polled cap is badged) */
    seL4_Word badge;
    seL4_MessageInfo_t info;
    seL4_Word label, length;
    seL4_Word mr[seL4_MsgMaxLength];
};

/* settle(), then one NBRecv on ep; fills m (MRs up to the received length). */
bool poll_msg(seL4_CPtr ep, struct msg *m);

/* Replies (seL4_Reply) to the last polled caller with label and MRs mrs[0..n). */
void reply_msg(seL4_Word label, const seL4_Word *mrs, seL4_Word n);

/* ---- raw_asm.S ---- */

struct raw_regs {
    seL4_Word rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};
#define RAW_NREGS 15
extern const char *const raw_reg_names[RAW_NREGS];

void raw_syscall(const struct raw_regs *in, struct raw_regs *out);
extern const char raw_syscall_insn[], raw_syscall_after[];
extern __thread seL4_Word raw_saved_rsp, raw_rsp_after;

/* Fills r with distinct recognisable values (seed selects the set). */
void raw_fill(struct raw_regs *r, seL4_Word seed);

void exc_ud2(void);
seL4_Word exc_div(void);
void exc_gp(void);
seL4_Word vm_read(seL4_Word addr);
void vm_write(seL4_Word addr, seL4_Word value);
extern const char exc_ud2_insn[], exc_ud2_after[], exc_div_insn[], exc_div_after[], exc_gp_insn[],
    exc_gp_after[], vm_read_insn[], vm_read_after[], vm_write_insn[], vm_write_after[];
extern volatile seL4_Word exc_sp;
seL4_Word fpu_double(seL4_Word x);
extern const char fpu_double_insn[];

/* The syscall numbers (sel4-facts 1.1) */
#define SYS_CALL ((seL4_Word)-1)
#define SYS_REPLY_RECV ((seL4_Word)-2)
#define SYS_SEND ((seL4_Word)-3)
#define SYS_NBSEND ((seL4_Word)-4)
#define SYS_RECV ((seL4_Word)-5)
#define SYS_REPLY ((seL4_Word)-6)
#define SYS_YIELD ((seL4_Word)-7)
#define SYS_NBRECV ((seL4_Word)-8)
#define SYS_DEBUG_PUTCHAR ((seL4_Word)-9)

/* An unmapped, canonical user address for VM faults. */
#define UNMAPPED_ADDR 0x600000001238ul

/* A CPtr whose lookup in the root CNode fails with GuardMismatch (high bit set). */
#define BAD_CPTR (1ul << 63 | 5)

/* Bits the root CNode cap's guard covers: 64 - initThreadCNodeSizeBits. */
seL4_Word root_guard_bits(void);

/* ---- common test threads and what they record ---- */

/* What a test thread received (a message, or the reply to its Call). */
struct got {
    volatile seL4_Word n; /* how many messages so far */
    seL4_Word badge, label, length, extra, unwrapped;
    seL4_Word mr[seL4_MsgMaxLength];
    seL4_Word cap_badge[seL4_MsgMaxExtraCaps];
};
extern struct got got[MAX_THREADS];

/* thread_create + clears got[] of the new thread; NULL after a recorded failure. */
struct test_thread *new_thread(thread_fn fn, seL4_Word prio);
/* new_thread + thread_start. */
struct test_thread *start_thread(thread_fn fn, seL4_Word prio);

/* Copies the received message (info, badge, MRs, unwrapped badges) into g and counts it. */
void record(struct got *g, seL4_MessageInfo_t info, seL4_Word badge);

/* The word test senders put in MR i of a message with this label. */
seL4_Word pattern(seL4_Word label, seL4_Word i);
/* Sets MR0..len-1 to pattern(label, i). */
void set_pattern(seL4_Word label, seL4_Word len);
/* CHECKs that g holds label, length and the pattern MRs; what names the case. */
bool check_pattern(const struct got *g, seL4_Word label, seL4_Word len, const char *what);

enum send_kind { K_SEND, K_NBSEND, K_CALL };

/* Receives arg[1] messages (1 if 0) on arg[0] with seL4_Recv, recording each into
 * got[index] and appending 100 + index to the order log after each. */
void fn_recv(struct test_thread *t);
/* Sends one message on cap arg[0]: label arg[1], length arg[2] (pattern MRs), with arg[3] =
 * enum send_kind; appends 200 + index to the order log afterwards; a Call's reply goes into
 * got[index]. */
void fn_send(struct test_thread *t);
/* Serves arg[1] Calls (1 if 0) on arg[0]: Recv, then ReplyRecv, the last answered by Reply.
 * Each reply has label + 1, the same length and MR i = ~MR i. The last request (with its
 * badge) is in got[index]. */
void fn_server(struct test_thread *t);
/* Makes arg[1] one-word Calls (MR0 = the round) on arg[0], counting them in counter. */
void fn_caller(struct test_thread *t);

/* REQ(cond): REQUIRE with the condition's text as the message */
#define REQ(cond) REQUIRE((cond), "failed: %s", #cond)
