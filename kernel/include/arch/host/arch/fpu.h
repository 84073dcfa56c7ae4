/*
 * The host test architecture's FPU: a fake register file and trap bit in host_arch.c that
 * record what the portable FPU switching (kernel/fpu.h) did, so its tests can check which state
 * the "registers" hold and whether a user FPU instruction would trap.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <object/structures.h>

extern fpu_state_t host_fpu_registers;
extern bool host_fpu_trap_bit;
/* Saves and restores done since the test reset them. */
extern unsigned host_fpu_saves, host_fpu_restores;

void arch_fpu_save(fpu_state_t *f);
void arch_fpu_restore(const fpu_state_t *f);
void arch_fpu_disable(void);
void arch_fpu_enable(void);

#endif
