/*
 * Which thread the FPU belongs to (seL4 16.0.0: eager switching unless TCB_SetFlags gave the
 * thread seL4_TCBFlag_fpuDisabled; docs/benchmarks.md has the numbers behind "eager").
 *
 * The FPU registers hold the state of one thread, its owner. A thread that may use the FPU gets
 * its state loaded when it is switched to (the owner's saved first). A thread with the FPU
 * disabled gets the FPU trap armed instead (x86_64: CR0.TS, #NM on its first FPU instruction,
 * which becomes a UserException fault); the owner's state stays in the registers untouched, so
 * switching back to the owner costs nothing.
 *
 * Two variables, so that the common switch between two FPU threads tests one pointer:
 *   fpu_usable_by: the thread that can use the FPU now without a trap, or NULL. When not NULL it
 *                  is also the owner, and the trap is disarmed.
 *   fpu_owner:     the owner while fpu_usable_by is NULL (stale otherwise), or NULL for none.
 * The machine primitives come from <arch/fpu.h>.
 */
#ifndef KERNEL_FPU_H
#define KERNEL_FPU_H

#include <arch/fpu.h>
#include <object/structures.h>
#include <sel4/constants.h>
#include <util.h>

extern tcb_t *fpu_usable_by;
extern tcb_t *fpu_owner;
/* Whether the FPU trap is armed (mirrors the hardware bit, so it is written only on change). */
extern bool fpu_trap_armed;

/* The rare cases of fpu_switch_to, out of line (src/kernel/fpu.c); fpu_switch_to_rare picks
 * the one for t. */
void fpu_switch_to_disabled(void);
void fpu_switch_from_nobody(tcb_t *t);
void fpu_switch_to_rare(tcb_t *t);

static inline bool fpu_disabled_for(const tcb_t *t)
{
    return t->flags & seL4_TCBFlag_fpuDisabled;
}

/* The usual cases of giving the FPU to t, which is about to run in user mode: t has it already,
 * or another thread can use it (its state saved, t's loaded). False for the rare ones, t
 * without the FPU or nobody able to use it, which fpu_switch_to_rare then does. Apart so that
 * the IPC fastpath can leave the rare ones to an out-of-line path that returns to user mode
 * itself (then no value of the fastpath lives across a call). */
static FORCE_INLINE bool fpu_switch_to_common(tcb_t *t)
{
    tcb_t *live = fpu_usable_by;
    if (live == t) {
        return true;
    }
    if (unlikely(fpu_disabled_for(t))) {
        /* from a thread without the FPU to another one nothing changes (what
         * fpu_switch_to_disabled would find) */
        return !live && fpu_trap_armed;
    }
    if (unlikely(!live)) {
        return false;
    }
    arch_fpu_save(&live->arch.fpu);
    arch_fpu_restore(&t->arch.fpu);
    fpu_usable_by = t;
    return true;
}

/* Gives the FPU to t, which is about to run in user mode: called on every thread switch. */
static FORCE_INLINE void fpu_switch_to(tcb_t *t)
{
    if (!fpu_switch_to_common(t)) {
        fpu_switch_to_rare(t);
    }
}

/* After TCB_SetFlags changed t's flags: the current thread gains or loses the FPU at once. */
void fpu_flags_changed(tcb_t *t);

/* t is being deleted: the FPU forgets it (its state is not saved anywhere). */
void fpu_release(tcb_t *t);

#endif
