/*
 * The host test architecture: what the portable core needs from a machine, for unit tests in
 * a normal process. Console output is captured into a buffer the tests read; "physical
 * memory" is a buffer they allocate; halting the machine records why and jumps back to the
 * test through host_halt_jump.
 */
#define _POSIX_C_SOURCE 200809L
#include <host_arch.h>
#include <api/user_error.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/arch_thread.h>
#include <kernel/thread.h>
#include <kernel/arch_object.h>
#include <kernel/interrupt.h>
#include <kernel/arch_irq.h>
#include <arch/fpu.h>
#include <arch/kernel/registers.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *host_phys_base;
char host_console[HOST_CONSOLE_SIZE];
size_t host_console_len;
jmp_buf *host_halt_jump;
jmp_buf *host_fastpath_jump;
int host_halt_reason = -1;

void kputchar(char c)
{
    if (host_console_len + 1 < sizeof(host_console)) {
        host_console[host_console_len++] = c;
        host_console[host_console_len] = '\0';
    }
}

void host_console_clear(void)
{
    host_console_len = 0;
    host_console[0] = '\0';
}

void halt_machine(halt_reason_t why)
{
    host_halt_reason = (int)why;
    if (host_halt_jump) {
        longjmp(*host_halt_jump, 1);
    }
    /* An unexpected halt (a broken kernel invariant): show what the kernel printed. */
    fprintf(stderr, "halt_machine(%d) with the kernel console:\n%s\n", (int)why, host_console);
    abort();
}

void *host_phys_alloc(size_t bytes)
{
    host_phys_base = aligned_alloc(1u << 21, bytes);
    if (host_phys_base) {
        memset(host_phys_base, 0, bytes);
    }
    return host_phys_base;
}

void host_phys_free(void)
{
    free(host_phys_base);
    host_phys_base = NULL;
}

void *memzero(void *s, size_t n) { return memset(s, 0, n); }
void *kmemcpy(void *d, const void *s, size_t n) { return memcpy(d, s, n); }
size_t kstrnlen(const char *s, size_t max) { return strnlen(s, max); }

bool host_irq_pending;

void Arch_switchToThread(tcb_t *t) { (void)t; }
void Arch_switchToIdleThread(void) {}
void Arch_fastpathResume(void)
{
    if (!host_fastpath_jump) {
        abort(); /* a test ran the fastpath without catching its return to user */
    }
    longjmp(*host_fastpath_jump, 1);
}
/* Stores what x86_64 passes in registers, so that the tests compare it with the slowpath's. */
void Arch_fastpathReturnSyscall(word_t badge, word_t msgInfo)
{
    ksCurThread->arch.context.regs[REG_BADGE] = badge;
    ksCurThread->arch.context.regs[REG_MSGINFO] = msgInfo;
    Arch_fastpathResume();
}
void Arch_activateIdleThread(tcb_t *t) { (void)t; }
word_t Arch_getRestartPC(tcb_t *t) { return t->arch.context.regs[REG_FAULT_IP]; }
void Arch_configureIdleThread(tcb_t *t) { t->state = ThreadState_IdleThreadState; }
void Arch_setTLSBase(tcb_t *t, word_t base) { t->arch.context.regs[REG_FS_BASE] = base; }
word_t Arch_getNextPC(tcb_t *t) { return t->arch.context.regs[REG_RIP]; }
void Arch_setNextPC(tcb_t *t, word_t pc) { t->arch.context.regs[REG_RIP] = pc; }
void Arch_initContext(tcb_t *t) { t->arch.context.regs[REG_RFLAGS] = 0x202; }
void Arch_postModifyRegisters(tcb_t *t) { t->arch.context.regs[REG_VECTOR] = 0; }

/* The same seL4_UserContext order as x86_64, without sanitising. */
static const context_reg_t user_context_regs[20] = {
    REG_FAULT_IP, REG_RSP, REG_RFLAGS, REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_FS_BASE, REG_GS_BASE,
};
word_t Arch_getUserContextReg(tcb_t *t, word_t i) { return t->arch.context.regs[user_context_regs[i]]; }
void Arch_setRegisterSanitised(tcb_t *t, context_reg_t r, word_t v) { arch_set_register_sanitised(t, r, v); }
void Arch_setUserContextReg(tcb_t *t, word_t i, word_t v) { Arch_setRegisterSanitised(t, user_context_regs[i], v); }

/* The host architecture has no architecture caps or object types. */
deriveCap_ret_t Arch_deriveCap(cte_t *slot, cap_t cap) { (void)slot; return (deriveCap_ret_t){ EXCEPTION_NONE, cap }; }
cap_t Arch_maskCapRights(word_t rights, cap_t cap) { (void)rights; return cap; }
bool Arch_sameRegionAs(cap_t a, cap_t b) { return a.words[0] == b.words[0]; }
bool Arch_sameObjectAs(cap_t a, cap_t b) { return a.words[0] == b.words[0]; }
bool Arch_isCapRevocable(cap_t derived, cap_t src) { (void)derived; (void)src; return false; }
finaliseCap_ret_t Arch_finaliseCap(cap_t cap, bool final) { (void)cap; (void)final; return (finaliseCap_ret_t){ cap_null_cap_new() }; }
word_t Arch_capObjectBits(cap_t cap) { (void)cap; return 0; }
word_t Arch_getObjectSize(word_t type) { (void)type; return 0; }
bool Arch_isFrameType(word_t type) { (void)type; return false; }
cap_t Arch_createObject(word_t type, paddr_t p, word_t userSize, bool device)
{
    (void)type, (void)p, (void)userSize, (void)device;
    return cap_null_cap_new();
}
exception_t Arch_decodeInvocation(word_t label, word_t length, cptr_t cptr, cte_t *slot, cap_t cap,
                                  const extra_caps_t *extra, bool isCall, word_t *buffer)
{
    (void)label, (void)length, (void)cptr, (void)slot, (void)cap, (void)extra, (void)isCall, (void)buffer;
    return user_error(seL4_IllegalOperation, "the host architecture has no architecture caps");
}
bool Arch_isIRQPending(void) { return host_irq_pending; }
void Arch_ackInterrupt(word_t irq) { (void)irq; host_irq_pending = false; }

/* Interrupt lines: the host architecture records the last mask change for tests. */
word_t host_last_masked_irq = (word_t)-1;
bool host_last_mask;
void Arch_maskIRQ(word_t irq, bool mask)
{
    host_last_masked_irq = irq;
    host_last_mask = mask;
}
exception_t Arch_checkIRQ(word_t irq)
{
    if (irq < 16) {
        return EXCEPTION_NONE;
    }
    return user_error_range(0, 15, "not an ISA IRQ (0..15)");
}
void Arch_routeLegacyIRQ(word_t irq) { (void)irq; }
exception_t Arch_decodeIRQControlInvocation(word_t label, word_t length, cte_t *controlSlot,
                                            const extra_caps_t *extra, word_t *buffer)
{
    (void)label, (void)length, (void)controlSlot, (void)extra, (void)buffer;
    return user_error(seL4_IllegalOperation, "the host architecture has no IRQ control labels");
}

/* The fake FPU (arch/fpu.h). Saving with the trap armed would fault on hardware: abort. */
fpu_state_t host_fpu_registers;
bool host_fpu_trap_bit;
unsigned host_fpu_saves, host_fpu_restores;
void arch_fpu_save(fpu_state_t *f)
{
    if (host_fpu_trap_bit) {
        abort();
    }
    *f = host_fpu_registers;
    host_fpu_saves++;
}
void arch_fpu_restore(const fpu_state_t *f)
{
    if (host_fpu_trap_bit) {
        abort();
    }
    host_fpu_registers = *f;
    host_fpu_restores++;
}
void arch_fpu_disable(void) { host_fpu_trap_bit = true; }
void arch_fpu_enable(void) { host_fpu_trap_bit = false; }
