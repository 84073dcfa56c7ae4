/*
 * The host test architecture: what the portable core needs from a machine, for unit tests in
 * a normal process. Console output is captured into a buffer the tests read; "physical
 * memory" is a buffer they allocate; halting the machine records why and jumps back to the
 * test through host_halt_jump.
 */
#define _POSIX_C_SOURCE 200809L
#include <host_arch.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <kernel/arch_thread.h>
#include <stdlib.h>
#include <string.h>

uint8_t *host_phys_base;
char host_console[HOST_CONSOLE_SIZE];
size_t host_console_len;
jmp_buf *host_halt_jump;
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
int kstrncmp(const char *a, const char *b, size_t n) { return strncmp(a, b, n); }
size_t kstrnlen(const char *s, size_t max) { return strnlen(s, max); }

void Arch_switchToThread(tcb_t *t) { (void)t; }
void Arch_switchToIdleThread(void) {}
void Arch_activateIdleThread(tcb_t *t) { (void)t; }
word_t Arch_getRestartPC(tcb_t *t) { return t->arch.context.regs[REG_FAULT_IP]; }
void Arch_configureIdleThread(tcb_t *t) { t->state = ThreadState_IdleThreadState; }
void Arch_setTLSBase(tcb_t *t, word_t base) { t->arch.context.regs[REG_FS_BASE] = base; }
