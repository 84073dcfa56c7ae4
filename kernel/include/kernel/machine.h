/*
 * Machine services the portable core needs from the platform: stopping the machine and
 * applying a thread's TLS base. Implemented in arch/ (x86_64: isa-debug-exit, FS base MSR) and
 * by the host test architecture.
 */
#ifndef KERNEL_MACHINE_H
#define KERNEL_MACHINE_H

#include <object/structures.h>
#include <util.h>

/* Why the machine stops: the value written to QEMU's isa-debug-exit port (QEMU then exits
 * with status 2 * value + 1). */
typedef enum halt_reason {
    HALT_REQUESTED = 0, /* seL4_DebugHalt */
    HALT_PANIC = 1,     /* the kernel refused to boot or hit a kernel bug */
} halt_reason_t;

void halt_machine(halt_reason_t why) NORETURN;

/* Sets the thread's TLS (FS) base, and the CPU's if the thread is running. */
void Arch_setTLSBase(tcb_t *t, word_t base);

#endif
