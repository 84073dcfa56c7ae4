/*
 * Program start-up (crt0): _start and the C code that prepares a thread for main().
 * The kernel starts the root task with rdi = BootInfo address and rsp = 0 (sel4-facts.md
 * 1.5); _start then switches to the 64 KiB stack of the linker script. A non-zero rsp is
 * kept: the capDL loader will start components with a stack and arguments in rdi, rsi, rdx.
 * The C part sets up static TLS (variant II) from the PT_TLS header, points FS base at it
 * with seL4_SetTLSBase, installs the IPC buffer and BootInfo pointers, runs main and exit.
 *
 * Component start (issue 7) plugs in at __sel4runtime_start_c: today every program is a
 * root task and arg0 is the BootInfo; a component entry will pass its own arguments and
 * take the IPC buffer address from them instead of from BootInfo.
 */
#include <sel4/sel4.h>
#include <stdlib.h>

#include <capdl/blob.h>
#include <stdbool.h>

#include "runtime_internal.h"

#define RT_TLS_AREA_SIZE 8192

extern int main(int argc, char **argv);
void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2, seL4_Word arg3, seL4_Word ipc_buffer,
                           seL4_Word magic);

/* The main thread's static TLS block. */
static char tls_area[RT_TLS_AREA_SIZE] __attribute__((aligned(64)));

/* _start: pick a stack, align it as at a call, enter C with rdi, rsi, rdx, rcx, r8, r9 untouched
 * (a root task: rdi = BootInfo; a component thread started by the capDL loader: rdi..rcx its
 * arguments, r8 its IPC buffer, r9 CDL_COMPONENT_MAGIC, see capdl/blob.h). */
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
    uintptr_t tp = rt_tls_init(tls_area, sizeof(tls_area), &img);
    if (tp == 0) {
        early_fail("sel4runtime: TLS segment too large or malformed\n");
    }
    seL4_SetTLSBase(tp);
}

void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2, seL4_Word arg3, seL4_Word ipc_buffer,
                           seL4_Word magic)
{
    static char *argv[] = {"roottask", 0};
    (void)arg1;
    (void)arg2;
    (void)arg3;
    init_tls();
    if (magic == CDL_COMPONENT_MAGIC) {
        /* A component of a capDL system: no BootInfo, the loader says where the IPC buffer is. */
        argv[0] = "component";
        seL4_SetIPCBuffer((seL4_IPCBuffer *)ipc_buffer);
        exit(main(1, argv));
    }
    seL4_BootInfo *bi = (seL4_BootInfo *)arg0;
    if (bi == 0) {
        early_fail("sel4runtime: no BootInfo in rdi\n");
    }
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    exit(main(1, argv));
}
