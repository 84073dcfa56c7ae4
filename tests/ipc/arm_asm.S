/*
 * Hand-written AArch64 code of ipc_test whose exact instruction addresses the AArch64 fault
 * tests check (arm_fault_tests.c): a load and an instruction that fault, an undefined
 * instruction, an `svc` with an unknown syscall number, each with a global NAME_insn label
 * (seL4's FaultIP) and NAME_after (the next instruction). arm_sp receives sp right before.
 */
    .text

/* seL4_Word arm_load(seL4_Word addr): one 64-bit load from addr. */
    .global arm_load
    .type arm_load, %function
arm_load:
    .global arm_load_insn
arm_load_insn:
    ldr x0, [x0]
    .global arm_load_after
arm_load_after:
    ret
    .size arm_load, . - arm_load

/* void arm_udf(void): an undefined instruction (ESR EC 0). */
    .global arm_udf
    .type arm_udf, %function
arm_udf:
    mov x9, sp
    adrp x10, arm_sp
    str x9, [x10, :lo12:arm_sp]
    .global arm_udf_insn
arm_udf_insn:
    udf #0
    .global arm_udf_after
arm_udf_after:
    ret
    .size arm_udf, . - arm_udf

/* seL4_Word arm_unknown_syscall(seL4_Word x0): `svc #0` with x7 = 99 and x0..x6 = x0 + 0..6;
 * returns x0 as the kernel (or the fault handler's reply) left it. */
    .global arm_unknown_syscall
    .type arm_unknown_syscall, %function
arm_unknown_syscall:
    add x1, x0, #1
    add x2, x0, #2
    add x3, x0, #3
    add x4, x0, #4
    add x5, x0, #5
    add x6, x0, #6
    mov x7, #99
    mov x9, sp
    adrp x10, arm_sp
    str x9, [x10, :lo12:arm_sp]
    .global arm_svc_insn
arm_svc_insn:
    svc #0
    .global arm_svc_after
arm_svc_after:
    ret
    .size arm_unknown_syscall, . - arm_unknown_syscall

/* seL4_Word arm_fp_roundtrip(seL4_Word x): puts x in d8 (callee-saved, so also across
 * seL4_Yield), yields, and returns what d8 holds then. */
    .global arm_fp_roundtrip
    .type arm_fp_roundtrip, %function
arm_fp_roundtrip:
    stp x29, x30, [sp, #-32]!
    str d8, [sp, #16]
    fmov d8, x0
    bl arm_yield
    fmov x0, d8
    ldr d8, [sp, #16]
    ldp x29, x30, [sp], #32
    ret
    .size arm_fp_roundtrip, . - arm_fp_roundtrip

    .bss
    .balign 8
    .global arm_sp
arm_sp:
    .space 8
