/*
 * The FP/SIMD unit of AArch64 as the portable FPU switching (kernel/fpu.h) uses it: saving and
 * loading a thread's registers (fpu.S) and CPACR_EL1.FPEN, which with 01 makes the next EL0
 * FP/SIMD instruction trap (ESR EC 0x07, a UserException: facts 9.4) while EL1 still may use
 * the unit, and with 11 lets EL0 use it.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <arch/machine.h>
#include <object/structures.h>
#include <util.h>

#define CPACR_FPEN_EL0_TRAPS (1ull << 20)
#define CPACR_FPEN_NONE_TRAP (3ull << 20)

void arm_fpu_save(fpu_state_t *f);
void arm_fpu_restore(const fpu_state_t *f);

static inline void arch_fpu_save(fpu_state_t *f) { arm_fpu_save(f); }
static inline void arch_fpu_restore(const fpu_state_t *f) { arm_fpu_restore(f); }

static inline void arch_fpu_disable(void)
{
    MSR("cpacr_el1", CPACR_FPEN_EL0_TRAPS);
    isb();
}

static inline void arch_fpu_enable(void)
{
    MSR("cpacr_el1", CPACR_FPEN_NONE_TRAP);
    isb();
}

/* A clean FP state for new threads: all zero (FPCR 0: round to nearest, no traps). */
extern fpu_state_t fpu_initial_state;

#endif
