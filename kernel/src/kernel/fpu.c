/*
 * The rare paths of FPU ownership (kernel/fpu.h has the model): switching to a thread without
 * the FPU, switching when no thread could use it, a flag change and a deletion.
 */
#include <kernel/fpu.h>
#include <kernel/thread.h>

tcb_t *fpu_usable_by;
tcb_t *fpu_owner;
bool fpu_trap_armed;

static void arm_trap(void)
{
    if (!fpu_trap_armed) {
        arch_fpu_disable();
        fpu_trap_armed = true;
    }
}

static void disarm_trap(void)
{
    if (fpu_trap_armed) {
        arch_fpu_enable();
        fpu_trap_armed = false;
    }
}

void fpu_switch_to_disabled(void)
{
    if (fpu_usable_by) {
        fpu_owner = fpu_usable_by;
        fpu_usable_by = NULL;
    }
    arm_trap();
}

void fpu_switch_from_nobody(tcb_t *t)
{
    disarm_trap(); /* before saving: the save is an FPU instruction too */
    if (fpu_owner != t) {
        if (fpu_owner) {
            arch_fpu_save(&fpu_owner->arch.fpu);
        }
        arch_fpu_restore(&t->arch.fpu);
    }
    fpu_usable_by = t;
}

void fpu_switch_to_rare(tcb_t *t)
{
    if (fpu_disabled_for(t)) {
        fpu_switch_to_disabled();
    } else {
        fpu_switch_from_nobody(t);
    }
}

void fpu_flags_changed(tcb_t *t)
{
    if (fpu_disabled_for(t)) {
        if (fpu_usable_by == t) {
            fpu_owner = t;
            fpu_usable_by = NULL;
        }
        if (t == ksCurThread) {
            arm_trap();
        }
    } else if (t == ksCurThread) {
        fpu_switch_to(t);
    }
}

void fpu_release(tcb_t *t)
{
    if (fpu_usable_by == t) {
        fpu_usable_by = NULL;
        fpu_owner = NULL;
    } else if (fpu_owner == t && !fpu_usable_by) {
        fpu_owner = NULL;
    }
}
