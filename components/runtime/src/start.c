/*
 * Program start-up (crt0): _start and the C code that prepares a thread for main(). Who starts
 * the first thread and with which registers is <sel4runtime/start.h>: the kernel starts a root
 * task with the BootInfo in rdi and rsp = 0, and _start then switches to the 64 KiB stack of
 * the linker script; the capDL loader starts a component with its stack, its arguments, its
 * IPC buffer and the component magic. The C part sets up static TLS (variant II) from the
 * PT_TLS header, points FS base at it with seL4_SetTLSBase, installs the IPC buffer (and, in a
 * root task, the BootInfo pointer), runs main and exit.
 */
#include <sel4/sel4.h>
#include <stdlib.h>

#include <sel4runtime/start.h>
#include <stdbool.h>

#include "runtime_internal.h"

#define RT_TLS_AREA_SIZE 8192

extern int main(int argc, char **argv);
void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2, seL4_Word arg3, seL4_Word ipc_buffer,
                           seL4_Word magic);

/* The main thread's static TLS block. */
static char tls_area[RT_TLS_AREA_SIZE] __attribute__((aligned(64)));

/* _start: pick a stack, align it as at a call, enter C with rdi, rsi, rdx, rcx, r8, r9 untouched
 * (their meaning: <sel4runtime/start.h>). */
#ifdef __aarch64__
/* The same on AArch64: sp = 0 from the kernel means the linker script's stack; x0..x5 pass
 * through to C untouched. */
__asm__(".section .text.start, \"ax\", %progbits\n"
        ".global _start\n"
        ".type _start, %function\n"
        "_start:\n"
        "    mov x9, sp\n"
        "    cbnz x9, 1f\n"
        "    adrp x9, __stack_top\n"
        "    add x9, x9, :lo12:__stack_top\n"
        "1:  and x9, x9, #-16\n"
        "    mov sp, x9\n"
        "    mov x29, #0\n"
        "    mov x30, #0\n"
        "    bl __sel4runtime_start_c\n"
        "    brk #0\n"
        ".size _start, . - _start\n"
        ".previous\n");
#else
__asm__(".section .text.start, \"ax\", @progbits\n"
        ".global _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "    testq %rsp, %rsp\n"
        "    jnz 1f\n"
        "    leaq __stack_top(%rip), %rsp\n"
        "1:  andq $-16, %rsp\n"
        "    xorl %ebp, %ebp\n"
        "    call __sel4runtime_start_c\n"
        "    ud2\n"
        ".size _start, . - _start\n"
        ".previous\n");
#endif

/* Prints a message without TLS or IPC buffer (usable before either exists), then halts. */
static void early_fail(const char *msg)
{
    for (const char *s = msg; *s != '\0'; s++) {
        seL4_DebugPutChar(*s);
    }
    rt_halt();
}

/* Sets up the main thread's TLS and loads FS base. */
static void init_tls(void)
{
    struct rt_tls_image img = rt_program_tls_image();
    uintptr_t tp = rt_tls_init_native(tls_area, sizeof(tls_area), &img);
    if (tp == 0) {
        early_fail("sel4runtime: TLS segment too large or malformed\n");
    }
#ifdef __aarch64__
    __asm__ volatile("msr tpidr_el0, %0" ::"r"(tp)); /* EL0 writes its TLS register (no syscall) */
#else
    seL4_SetTLSBase(tp);
#endif
}

void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2, seL4_Word arg3, seL4_Word ipc_buffer,
                           seL4_Word magic)
{
    static char *argv[] = {"roottask", 0};
    (void)arg1;
    (void)arg2;
    (void)arg3;
    init_tls();
    if (magic == SEL4RUNTIME_COMPONENT_MAGIC) {
        /* A component of a capDL system: no BootInfo, the loader says where the IPC buffer is. */
        argv[0] = "component";
        seL4_SetIPCBuffer((seL4_IPCBuffer *)ipc_buffer);
        exit(main(1, argv));
    }
    seL4_BootInfo *bi = (seL4_BootInfo *)arg0;
    if (bi == 0) {
        early_fail("sel4runtime: no BootInfo in the first argument register\n");
    }
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    exit(main(1, argv));
}
