/*
 * Stopping the machine. Under QEMU with `-device isa-debug-exit,iobase=0xf4` a write ends QEMU
 * with status 2 * value + 1, which is how tests learn how a run ended (docs/testing.md);
 * elsewhere the write does nothing and the CPU halts with interrupts off.
 */
#include <kernel/machine.h>
#include <plat/machine.h>
#include <arch/machine.h>

void halt_machine(halt_reason_t why)
{
    out8(DEBUG_EXIT_PORT, (uint8_t)why);
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}
