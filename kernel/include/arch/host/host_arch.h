/* The host test architecture's hooks for tests: fake physical memory, captured console,
 * and a way to catch halt_machine. */
#ifndef HOST_ARCH_H
#define HOST_ARCH_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#define HOST_CONSOLE_SIZE 65536

extern uint8_t *host_phys_base;
extern char host_console[HOST_CONSOLE_SIZE];
extern size_t host_console_len;
extern jmp_buf *host_halt_jump;
extern int host_halt_reason;
/* Where Arch_fastpathResume (the fastpath's return to user) jumps, with value 1. */
extern jmp_buf *host_fastpath_jump;
/* What Arch_isIRQPending answers (preemption points). */
extern _Bool host_irq_pending;
#ifdef CONFIG_KERNEL_MCS
/* MCS: the host clock the kernel reads (ticks; the tests advance it) and the last deadline. */
extern uint64_t host_time;
extern uint64_t host_deadline;
#endif

void host_console_clear(void);
/* Allocates `bytes` of zeroed fake physical memory (physical address 0 at its start). */
void *host_phys_alloc(size_t bytes);
void host_phys_free(void);

#endif
