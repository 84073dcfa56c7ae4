/*
 * A root task that faults, to check that a user fault never crashes the kernel: built once per
 * fault kind (FAULT_KIND). With no fault handler the kernel stops the thread and says why
 * (seL4's behaviour); the system then idles, so the test stops QEMU once the line is seen.
 */
#include <sel4/sel4.h>
#include <stdio.h>

#define FAULT_UNKNOWN_SYSCALL 1
#define FAULT_PAGE 2
#define FAULT_INVALID_OPCODE 3

/* Unmapped; read through a volatile so the compiler cannot see the constant. */
static volatile seL4_Word fault_address = 0x10;

int main(void)
{
    printf("fault test: about to fault (kind %d)\n", FAULT_KIND);
#if FAULT_KIND == FAULT_UNKNOWN_SYSCALL && defined(__aarch64__)
    register seL4_Word x7 __asm__("x7") = (seL4_Word)-100;
    __asm__ volatile("svc #0" : "+r"(x7) : : "x0", "x1", "x2", "x3", "x4", "x5", "memory");
#elif FAULT_KIND == FAULT_UNKNOWN_SYSCALL
    seL4_Word rdx = (seL4_Word)-100;
    __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp" : "+d"(rdx) : : "rbx", "rcx", "r11", "memory");
#elif FAULT_KIND == FAULT_PAGE
    *(volatile seL4_Word *)fault_address = 1;
#elif FAULT_KIND == FAULT_INVALID_OPCODE && defined(__aarch64__)
    __asm__ volatile("udf #0");
#elif FAULT_KIND == FAULT_INVALID_OPCODE
    __asm__ volatile("ud2");
#endif
    printf("fault test: FAIL: still running after the fault\n");
    return 0;
}
