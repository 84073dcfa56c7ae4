/*
 * Stopping QEMU virt with a status (sel4-aarch64-facts.md 7): semihosting SYS_EXIT with
 * ADP_Stopped_ApplicationExit and the code 2 * reason + 1, so that QEMU exits with the same
 * status as x86's isa-debug-exit (1 = halt, 3 = panic) and one harness reads both. QEMU must
 * run with -semihosting; without it the `hlt` is an undefined instruction, so PSCI SYSTEM_OFF
 * (status 0, read as a reset) follows as the fallback, then a WFI loop.
 */
#include <kernel/machine.h>
#include <arch/machine.h>

#define SEMIHOSTING_SYS_EXIT 0x18
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define PSCI_SYSTEM_OFF 0x84000008

static void semihosting_exit(word_t code)
{
    volatile word_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };
    register word_t x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
    register word_t x1 __asm__("x1") = (word_t)block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
}

static void psci_system_off(void)
{
    register word_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
    __asm__ volatile("hvc #0" : "+r"(x0)::"memory");
}

void halt_machine(halt_reason_t why)
{
    /* Set before the first try: if semihosting is off, its `hlt` traps at EL1, the kernel
     * panics and comes back here, and then goes straight to PSCI instead of looping. */
    static bool tried_semihosting;
    interrupts_off();
    if (!tried_semihosting) {
        tried_semihosting = true;
        semihosting_exit(2 * (word_t)why + 1);
    }
    psci_system_off();
    for (;;) {
        wfi();
    }
}
