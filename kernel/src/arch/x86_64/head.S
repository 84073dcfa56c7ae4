/*
 * Multiboot 1 entry and the switch to long mode: the only code that runs at the kernel's
 * physical address. It checks for long mode, maps the first GiB of physical memory three times
 * (identity, physical window, kernel image; 2 MiB pages), enables paging in long mode, zeroes
 * .bss and calls boot_sys(magic, multiboot info) on the kernel stack in the upper half.
 * Everything else about the machine is set up in C (arch/x86_64/kernel/boot_sys.c).
 */
#include <arch/memlayout.h>

#define MULTIBOOT_MAGIC 0x1badb002
#define MULTIBOOT_FLAGS 0x3 /* page-aligned modules, memory information */
#define PTE_PRESENT_RW 0x3
#define PDE_LARGE 0x83
#define CR4_PAE (1 << 5)
#define CR0_PG_WP_PE 0x80010001

    .section .multiboot, "a"
    .align 4
    .long MULTIBOOT_MAGIC
    .long MULTIBOOT_FLAGS
    .long -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    mov $boot_stack_top, %esp
    mov %eax, %edi                      /* multiboot magic */
    mov %ebx, %esi                      /* multiboot info (physical) */

    /* Long mode available? CPUID 0x80000001, EDX bit 29. */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jnc no_long_mode

    /* Zero the boot page tables (and stack): do not rely on the loader for .bss. */
    mov %edi, %ebp
    mov $boot_pml4, %edi
    mov $((boot_stack_top - boot_pml4) / 4), %ecx
    xor %eax, %eax
    rep stosl
    mov %ebp, %edi

    /* One page directory of 2 MiB pages for physical 0..1 GiB. */
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $21, %eax
    or $PDE_LARGE, %eax
    mov %eax, boot_pd(,%ecx,8)
    inc %ecx
    cmp $512, %ecx
    jne 1b

    /* PML4[0] -> identity PDPT; PML4[511] -> high PDPT with the window (0) and image (510). */
    movl $(boot_pdpt_low + PTE_PRESENT_RW), boot_pml4
    movl $(boot_pdpt_high + PTE_PRESENT_RW), boot_pml4 + 511 * 8
    movl $(boot_pd + PTE_PRESENT_RW), boot_pdpt_low
    movl $(boot_pd + PTE_PRESENT_RW), boot_pdpt_high
    movl $(boot_pd + PTE_PRESENT_RW), boot_pdpt_high + 510 * 8

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx               /* EFER.LME */
    rdmsr
    or $(1 << 8), %eax
    wrmsr
    mov $CR0_PG_WP_PE, %eax
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_entry

no_long_mode:
    mov $no_long_mode_msg, %esi
    mov $0x3f8, %dx
2:  lodsb
    test %al, %al
    jz 3f
    out %al, %dx
    jmp 2b
3:  mov $0xf4, %dx                      /* isa-debug-exit: panic */
    mov $1, %al
    out %al, %dx
4:  hlt
    jmp 4b

    .code64
long_mode_entry:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    movabs $high_entry, %rax
    jmp *%rax

    .section .boot.data, "aw"
    .align 16
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff                /* 64-bit kernel code */
    .quad 0x00cf92000000ffff                /* kernel data */
boot_gdt_ptr:
    .word boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt
no_long_mode_msg:
    .asciz "kernel: this CPU has no long mode (x86_64); cannot boot\n"

    .section .boot.bss, "aw", @nobits
    .align 4096
boot_pml4:      .space 4096
boot_pdpt_low:  .space 4096
boot_pdpt_high: .space 4096
boot_pd:        .space 4096
    .space 4096
boot_stack_top:

    .text
high_entry:
    movabs $kernel_stack_top, %rsp
    /* Zero .bss (the boot loader zeroes only what the ELF says, and we do not rely on it). */
    mov %rdi, %r12
    mov %rsi, %r13
    movabs $__bss_start, %rdi
    movabs $__bss_end, %rcx
    sub %rdi, %rcx
    shr $3, %rcx
    xor %eax, %eax
    rep stosq
    mov %r12, %rdi
    mov %r13, %rsi
    call boot_sys
1:  hlt
    jmp 1b
