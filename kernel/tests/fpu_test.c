/* Unit tests of FPU ownership (kernel/src/kernel/fpu.c, kernel/fpu.h) on the host test
 * architecture's fake FPU: eager switching between FPU threads, the trap for threads with
 * seL4_TCBFlag_fpuDisabled (FPU0003/FPU0004), TCB_SetFlags and deletion of the owner. Each
 * thread's saved FPU area is filled with its own byte so the tests can see whose state the
 * "registers" hold and that no thread's state is lost or overwritten. */
#include "core_fixture.h"
#include <kernel/fpu.h>
#include <kernel/thread.h>
#include <object/tcb.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>

static fixture_t *f;
static tcb_t *root_thread, *a, *b;

/* A fresh FPU: nobody owns it, the trap is off, the counters are zero. */
static void reset_fpu(void)
{
    fpu_usable_by = fpu_owner = NULL;
    fpu_trap_armed = host_fpu_trap_bit = false;
    memset(&host_fpu_registers, 0, sizeof(host_fpu_registers));
    host_fpu_saves = host_fpu_restores = 0;
}

static void fill(tcb_t *t, uint8_t byte)
{
    memset(t->arch.fpu.bytes, byte, sizeof(t->arch.fpu.bytes));
}

/* Whether every byte of the area is `byte`. */
static bool holds(const fpu_state_t *s, uint8_t byte)
{
    for (size_t i = 0; i < sizeof(s->bytes); i++) {
        if (s->bytes[i] != byte) {
            return false;
        }
    }
    return true;
}

static int setup(void **state)
{
    (void)state;
    f = fixture_boot();
    reset_fpu();
    root_thread = f->thread;
    a = fixture_make_thread(f, 100, 0x91000);
    b = fixture_make_thread(f, 101, 0x92000);
    fill(root_thread, 0x11);
    fill(a, 0xaa);
    fill(b, 0xbb);
    return 0;
}

/* Deletes thread a's only cap (root slot 100). fixture_make_thread wrote a's CSpace and buffer
 * caps in place, outside the CDT, where deletion would take them for the last caps to the root
 * CNode and frame: they go first. */
static void delete_a(void)
{
    a->ctes[tcbCTable].cap = cap_null_cap_new();
    a->ctes[tcbBuffer].cap = cap_null_cap_new();
    word_t mrs[] = { 100, 64 };
    assert_int_equal(fixture_invoke(f, seL4_CapInitThreadCNode, CNodeDelete, mrs, 2, NULL, 0), seL4_NoError);
}

/* TCB_SetFlags(clear, set) on a TCB cap from the root thread; returns the error. */
static word_t set_flags(cptr_t tcb, word_t clear, word_t set)
{
    word_t mrs[] = { clear, set };
    return fixture_invoke(f, tcb, TCBSetFlags, mrs, 2, NULL, 0);
}

static void switching_between_fpu_threads_saves_and_restores(void **state)
{
    (void)state;
    fpu_switch_to(a);
    assert_true(holds(&host_fpu_registers, 0xaa));
    host_fpu_registers.bytes[0] = 0xa1; /* a uses the FPU */
    fpu_switch_to(b);
    assert_true(holds(&host_fpu_registers, 0xbb));
    assert_int_equal(a->arch.fpu.bytes[0], 0xa1); /* saved on the way out */
    fpu_switch_to(a);
    assert_int_equal(host_fpu_registers.bytes[0], 0xa1);
    assert_true(holds(&b->arch.fpu, 0xbb));
    assert_false(host_fpu_trap_bit);
}

static void switching_to_the_owner_costs_nothing(void **state)
{
    (void)state;
    fpu_switch_to(a);
    unsigned saves = host_fpu_saves, restores = host_fpu_restores;
    fpu_switch_to(a);
    assert_int_equal(host_fpu_saves, saves);
    assert_int_equal(host_fpu_restores, restores);
}

static void a_disabled_thread_traps_and_leaves_the_owner_state_loaded(void **state)
{
    (void)state;
    fpu_switch_to(a);
    b->flags = seL4_TCBFlag_fpuDisabled;
    unsigned saves = host_fpu_saves, restores = host_fpu_restores;
    fpu_switch_to(b);
    assert_true(host_fpu_trap_bit);
    assert_true(holds(&host_fpu_registers, 0xaa)); /* a's state untouched */
    fpu_switch_to(a);                              /* back to the owner: only the trap goes */
    assert_false(host_fpu_trap_bit);
    assert_int_equal(host_fpu_saves, saves);
    assert_int_equal(host_fpu_restores, restores);
}

static void from_a_disabled_thread_to_another_fpu_thread(void **state)
{
    (void)state;
    fpu_switch_to(a);
    host_fpu_registers.bytes[7] = 0xa7;
    b->flags = seL4_TCBFlag_fpuDisabled;
    fpu_switch_to(b);
    fpu_switch_to(root_thread);
    assert_false(host_fpu_trap_bit);
    assert_true(holds(&host_fpu_registers, 0x11));
    assert_int_equal(a->arch.fpu.bytes[7], 0xa7); /* the owner's state was saved first */
    assert_true(holds(&b->arch.fpu, 0xbb));       /* the disabled thread's area is never written */
}

static void set_flags_on_the_current_thread_takes_effect_at_once(void **state)
{
    (void)state;
    fpu_switch_to(root_thread);
    host_fpu_registers.bytes[3] = 0x13;
    assert_int_equal(set_flags(seL4_CapInitThreadTCB, 0, seL4_TCBFlag_fpuDisabled), seL4_NoError);
    assert_int_equal(fixture_reply_mr(f, 0), seL4_TCBFlag_fpuDisabled);
    assert_true(host_fpu_trap_bit);
    assert_int_equal(set_flags(seL4_CapInitThreadTCB, seL4_TCBFlag_fpuDisabled, 0), seL4_NoError);
    assert_int_equal(fixture_reply_mr(f, 0), 0);
    assert_false(host_fpu_trap_bit);
    assert_int_equal(host_fpu_registers.bytes[3], 0x13); /* its state survived the round */
}

static void re_enabling_a_thread_that_lost_the_fpu_restores_its_state(void **state)
{
    (void)state;
    fpu_switch_to(root_thread);
    assert_int_equal(set_flags(seL4_CapInitThreadTCB, 0, seL4_TCBFlag_fpuDisabled), seL4_NoError);
    fpu_switch_to(a); /* another thread takes the FPU meanwhile */
    fpu_switch_to(root_thread);
    assert_true(host_fpu_trap_bit);
    assert_int_equal(set_flags(seL4_CapInitThreadTCB, seL4_TCBFlag_fpuDisabled, 0), seL4_NoError);
    assert_false(host_fpu_trap_bit);
    assert_true(holds(&host_fpu_registers, 0x11));
}

static void set_flags_on_another_thread_acts_at_its_next_switch(void **state)
{
    (void)state;
    fpu_switch_to(root_thread);
    assert_int_equal(set_flags(100, 0, seL4_TCBFlag_fpuDisabled), seL4_NoError);
    assert_false(host_fpu_trap_bit); /* the caller keeps its FPU */
    fpu_switch_to(a);
    assert_true(host_fpu_trap_bit);
    assert_int_equal(set_flags(100, seL4_TCBFlag_fpuDisabled, 0), seL4_NoError);
    fpu_switch_to(a);
    assert_false(host_fpu_trap_bit);
    assert_true(holds(&host_fpu_registers, 0xaa));
}

static void set_flags_checks_its_arguments(void **state)
{
    (void)state;
    word_t one[] = { 0 };
    assert_int_equal(fixture_invoke(f, 100, TCBSetFlags, one, 1, NULL, 0), seL4_TruncatedMessage);
    assert_int_equal(set_flags(100, 0, ~(word_t)0), seL4_NoError); /* unknown bits are dropped */
    assert_int_equal(fixture_reply_mr(f, 0), seL4_TCBFlag_MASK);
    assert_int_equal(a->flags, seL4_TCBFlag_MASK);
}

static void deleting_the_owner_forgets_it(void **state)
{
    (void)state;
    fpu_switch_to(a);
    fixture_become(root_thread);
    delete_a();
    assert_null(fpu_usable_by);
    fill(a, 0x5a); /* the dead TCB's memory: must not be written by the next switch */
    unsigned saves = host_fpu_saves;
    fpu_switch_to(b);
    assert_int_equal(host_fpu_saves, saves);
    assert_true(holds(&a->arch.fpu, 0x5a));
    assert_true(holds(&host_fpu_registers, 0xbb));
}

static void deleting_an_owner_parked_behind_a_disabled_thread(void **state)
{
    (void)state;
    fpu_switch_to(a);
    root_thread->flags = seL4_TCBFlag_fpuDisabled;
    fpu_switch_to(root_thread); /* a stays the owner, the trap is armed */
    delete_a();
    assert_null(fpu_owner);
    fill(a, 0x5a);
    fpu_switch_to(b);
    assert_true(holds(&a->arch.fpu, 0x5a));
    assert_false(host_fpu_trap_bit);
    assert_true(holds(&host_fpu_registers, 0xbb));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(switching_between_fpu_threads_saves_and_restores, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(switching_to_the_owner_costs_nothing, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(a_disabled_thread_traps_and_leaves_the_owner_state_loaded, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(from_a_disabled_thread_to_another_fpu_thread, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_flags_on_the_current_thread_takes_effect_at_once, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(re_enabling_a_thread_that_lost_the_fpu_restores_its_state, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_flags_on_another_thread_acts_at_its_next_switch, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(set_flags_checks_its_arguments, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(deleting_the_owner_forgets_it, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(deleting_an_owner_parked_behind_a_disabled_thread, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
