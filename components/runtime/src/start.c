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

#include "runtime_internal.h"

/* Minimal ELF64 definitions for reading our own program headers. */
struct rt_elf64_ehdr {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct rt_elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define RT_PT_TLS 7
#define RT_TLS_AREA_SIZE 8192

extern const struct rt_elf64_ehdr __ehdr_start;
extern int main(int argc, char **argv);
void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2);

/* The main thread's static TLS block. */
static char tls_area[RT_TLS_AREA_SIZE] __attribute__((aligned(64)));

/* _start: pick a stack, align it as at a call, enter C with rdi/rsi/rdx untouched. */
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

/* Finds PT_TLS in our own program headers; an absent segment gives an empty image. */
static struct rt_tls_image find_tls_image(void)
{
    struct rt_tls_image img = {0, 0, 0, 1};
    const struct rt_elf64_ehdr *eh = &__ehdr_start;
    const char *base = (const char *)eh;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const struct rt_elf64_phdr *ph = (const void *)(base + eh->e_phoff + (uint64_t)i * eh->e_phentsize);
        if (ph->p_type == RT_PT_TLS) {
            img.image = (const void *)ph->p_vaddr;
            img.filesz = ph->p_filesz;
            img.memsz = ph->p_memsz;
            img.align = ph->p_align;
        }
    }
    return img;
}

/* Sets up the main thread's TLS and loads FS base. */
static void init_tls(void)
{
    struct rt_tls_image img = find_tls_image();
    uintptr_t tp = rt_tls_init(tls_area, sizeof(tls_area), &img);
    if (tp == 0) {
        early_fail("sel4runtime: TLS segment too large or malformed\n");
    }
    seL4_SetTLSBase(tp);
}

void __sel4runtime_start_c(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2)
{
    static char *argv[] = {"roottask", 0};
    seL4_BootInfo *bi = (seL4_BootInfo *)arg0;
    (void)arg1;
    (void)arg2;
    init_tls();
    if (bi == 0) {
        early_fail("sel4runtime: no BootInfo in rdi\n");
    }
    seL4_SetIPCBuffer(bi->ipcBuffer);
    seL4_InitBootInfo(bi);
    exit(main(1, argv));
}
