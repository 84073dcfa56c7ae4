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

/* void arm_raw_svc(const seL4_Word in[31], seL4_Word out[31])
 * Loads x0..x30 from in[] (x7: the syscall number), executes `svc #0`, and stores x0..x30
 * into out[]. sp and the callee-saved registers of the caller are kept on the stack; the
 * pointers travel in the frame, so every register carries a test value across the svc. */
    .text
    .global arm_raw_svc
    .type arm_raw_svc, %function
arm_raw_svc:
    stp x29, x30, [sp, #-112]!
    stp x19, x20, [sp, #16]
    stp x21, x22, [sp, #32]
    stp x23, x24, [sp, #48]
    stp x25, x26, [sp, #64]
    stp x27, x28, [sp, #80]
    str x1, [sp, #96]                   /* out */
    mov x30, x0
    ldp x0, x1, [x30, #8 * 0]
    ldp x2, x3, [x30, #8 * 2]
    ldp x4, x5, [x30, #8 * 4]
    ldp x6, x7, [x30, #8 * 6]
    ldp x8, x9, [x30, #8 * 8]
    ldp x10, x11, [x30, #8 * 10]
    ldp x12, x13, [x30, #8 * 12]
    ldp x14, x15, [x30, #8 * 14]
    ldp x16, x17, [x30, #8 * 16]
    ldp x18, x19, [x30, #8 * 18]
    ldp x20, x21, [x30, #8 * 20]
    ldp x22, x23, [x30, #8 * 22]
    ldp x24, x25, [x30, #8 * 24]
    ldp x26, x27, [x30, #8 * 26]
    ldp x28, x29, [x30, #8 * 28]
    ldr x30, [x30, #8 * 30]
    svc #0
    str x30, [sp, #104]                 /* x30 after the svc */
    ldr x30, [sp, #96]                  /* out */
    stp x0, x1, [x30, #8 * 0]
    stp x2, x3, [x30, #8 * 2]
    stp x4, x5, [x30, #8 * 4]
    stp x6, x7, [x30, #8 * 6]
    stp x8, x9, [x30, #8 * 8]
    stp x10, x11, [x30, #8 * 10]
    stp x12, x13, [x30, #8 * 12]
    stp x14, x15, [x30, #8 * 14]
    stp x16, x17, [x30, #8 * 16]
    stp x18, x19, [x30, #8 * 18]
    stp x20, x21, [x30, #8 * 20]
    stp x22, x23, [x30, #8 * 22]
    stp x24, x25, [x30, #8 * 24]
    stp x26, x27, [x30, #8 * 26]
    stp x28, x29, [x30, #8 * 28]
    ldr x0, [sp, #104]
    str x0, [x30, #8 * 30]
    ldp x19, x20, [sp, #16]
    ldp x21, x22, [sp, #32]
    ldp x23, x24, [sp, #48]
    ldp x25, x26, [sp, #64]
    ldp x27, x28, [sp, #80]
    ldp x29, x30, [sp], #112
    ret
    .size arm_raw_svc, . - arm_raw_svc

/* seL4_Word arm_fp_double(seL4_Word x): 2 * x computed in the FP/SIMD unit; arm_fp_insn is
 * its first FP instruction (where a thread without the FPU faults). */
    .global arm_fp_double
    .type arm_fp_double, %function
arm_fp_double:
    mov x9, sp
    adrp x10, arm_sp
    str x9, [x10, :lo12:arm_sp]
    .global arm_fp_insn
arm_fp_insn:
    fmov d0, x0
    add d0, d0, d0
    fmov x0, d0
    ret
    .size arm_fp_double, . - arm_fp_double
