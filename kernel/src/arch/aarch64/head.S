/*
 * Entry from QEMU (AArch64, EL1, MMU and caches off, at the kernel's physical address): the
 * only code that runs before the MMU is on. It sets the memory attributes and translation
 * control seL4's elfloader would (facts 1.1), maps the GiB of RAM holding the kernel twice
 * (identity in TTBR0 for the next few instructions, the physical window in TTBR1), enables the
 * MMU and caches, jumps to the kernel's virtual address and calls init_kernel on the kernel
 * stack. Everything else (the rest of RAM, device pages, the GIC) is set up in C.
 */
#include <arch/memlayout.h>

#define MAIR_VALUE 0x0000aaff440c0400   /* index 0 Device-nGnRnE, 4 Normal write-back */
/* T0SZ = T1SZ = 16, walks write-back cacheable inner-shareable, TG0 4K, TG1 4K, AS 16-bit */
#define TCR_VALUE 0x10b5103510
#define TCR_IPS_SHIFT 32
/* 1 GiB block: valid, AttrIndx 4, inner shareable, accessed, not executable at EL0 */
#define BLOCK_NORMAL ((1 << 54) | (1 << 10) | (3 << 8) | (4 << 2) | 1)
#define TABLE 3
/* SCTLR_EL1: M, C, I, UCT, UCI, nTWI, nTWE on; A and SA0 off (facts 1.1) */
#define SCTLR_SET ((1 << 0) | (1 << 2) | (1 << 12) | (1 << 15) | (1 << 26) | (1 << 16) | (1 << 18))
#define SCTLR_CLEAR ((1 << 1) | (1 << 4))

    .section .boot.text, "ax"
    .global _start
_start:
    msr daifset, #0xf
    /* Page tables: the level-0 and level-1 tables of both halves, PC-relative (MMU off). */
    adrp x0, kernel_l0
    adrp x1, kernel_l1
    orr x2, x1, #TABLE
    str x2, [x0, #511 * 8]              /* kernel_l0[511] -> kernel_l1 (the window) */
    adrp x3, boot_id_l0
    adrp x4, boot_id_l1
    orr x2, x4, #TABLE
    str x2, [x3]                        /* boot_id_l0[0] -> boot_id_l1 (identity) */
    adr x5, _start
    lsr x6, x5, #30                     /* the GiB holding the kernel */
    lsl x7, x6, #30
    ldr x8, =BLOCK_NORMAL
    orr x7, x7, x8
    str x7, [x1, x6, lsl #3]
    str x7, [x4, x6, lsl #3]
    dsb sy

    ldr x0, =MAIR_VALUE
    msr mair_el1, x0
    mrs x1, id_aa64mmfr0_el1
    and x1, x1, #7                      /* PARange -> IPS */
    ldr x0, =TCR_VALUE
    orr x0, x0, x1, lsl #TCR_IPS_SHIFT
    msr tcr_el1, x0
    adrp x0, kernel_l0
    msr ttbr1_el1, x0
    adrp x0, boot_id_l0
    msr ttbr0_el1, x0
    isb
    tlbi vmalle1
    ic iallu
    dsb sy
    isb
    mrs x0, sctlr_el1
    ldr x1, =SCTLR_SET
    orr x0, x0, x1
    ldr x1, =SCTLR_CLEAR
    bic x0, x0, x1
    msr sctlr_el1, x0
    isb
    ldr x0, =boot_high
    br x0

    .text
boot_high:
    ldr x0, =kernel_stack_top
    mov sp, x0
    msr tpidr_el1, x0                   /* traps.S finds the kernel stack here */
    ldr x0, =arm_vector_table
    msr vbar_el1, x0
    isb
    bl init_kernel
1:  wfi
    b 1b

    /* Zero-filled in the file (not .bss): they are written before .bss is cleared. */
    .data
    .balign 4096
    .global kernel_l0, kernel_l1
kernel_l0:
    .space 4096
kernel_l1:
    .space 4096
boot_id_l0:
    .space 4096
boot_id_l1:
    .space 4096
