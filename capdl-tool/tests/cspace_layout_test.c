/*
 * Unit tests of the CSpace layout pass (cspace_layout.c) on models loaded from YAML without
 * running the pass: slot numbering (named caps from 1 in YAML order, then fault endpoints),
 * the radix at the power-of-two boundaries and with cnode_bits, the guard, every cap it emits
 * (CNode slots, TCB cspace/vspace/IPC buffer slots) and the too-small error.
 */
#include "test_util.h"

#include "cspace_layout.h"
#include "yaml_front.h"

static void load_raw(model_t *m, diag_t *d, const char *text)
{
    model_init(m);
    *d = (diag_t){ 0 };
    assert_true(yaml_load_string(m, d, "c.yaml", text, strlen(text)));
}

/* The cap in (container, slot), or NULL. */
static const model_cap_t *cap_at(const model_t *m, uint32_t container, uint32_t slot)
{
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->caps.v[i].container == container && m->caps.v[i].slot == slot) {
            return &m->caps.v[i];
        }
    }
    return NULL;
}

/* Radix for n named caps and no fault handler (and the exit notification's cap after them,
 * where a cnode_bits leaves room). */
static unsigned radix_for(unsigned n, const char *extra)
{
    strbuf_t b = { 0 };
    sb_printf(&b, "system: s\nobjects: {ep: endpoint}\ncomponents:\n  a:\n    elf: a.elf\n%s%s", extra,
              n ? "    caps:\n" : "");
    for (unsigned i = 0; i < n; i++) {
        sb_printf(&b, "      c%u: empty\n", i);
    }
    model_t m;
    diag_t d;
    load_raw(&m, &d, b.s);
    assert_true(cspace_layout(&m, &d));
    unsigned r = m.objs.v[m.comps.v[0].cnode].size_bits;
    model_free(&m);
    diag_free(&d);
    sb_free(&b);
    return r;
}

static void test_radix_boundaries(void **state)
{
    (void)state;
    assert_int_equal(radix_for(0, ""), 1);  /* slot 0 and the exit cap */
    assert_int_equal(radix_for(1, ""), 2);  /* slots 0, 1, exit 2 */
    assert_int_equal(radix_for(2, ""), 2);  /* slots 0..2, exit 3 */
    assert_int_equal(radix_for(3, ""), 3);
    assert_int_equal(radix_for(6, ""), 3);
    assert_int_equal(radix_for(7, ""), 4);  /* exit in slot 8 */
    assert_int_equal(radix_for(3, "    cnode_bits: 2\n"), 2); /* exactly enough: no exit cap */
    assert_int_equal(radix_for(2, "    cnode_bits: 2\n"), 2); /* the exit cap in the last slot */
    assert_int_equal(radix_for(1, "    cnode_bits: 12\n"), 12);
}

static void test_slots_and_caps(void **state)
{
    (void)state;
    model_t m;
    diag_t d;
    load_raw(&m, &d, echo_like);
    assert_true(cspace_layout(&m, &d));
    const sys_comp_t *a = &m.comps.v[0], *b = &m.comps.v[1];
    for (uint32_t i = 0; i < a->caps.n; i++) {
        assert_int_equal(a->caps.v[i].slot, i + 1);
    }
    assert_int_equal(a->threads.v[0].fault_slot, 9);
    assert_int_equal(b->threads.v[0].fault_slot, 0); /* no fault handler: no slot */
    assert_int_equal(m.objs.v[a->cnode].size_bits, 4);
    assert_int_equal(m.objs.v[b->cnode].size_bits, 2);
    /* Each component's exit notification, after the other caps: read only, its own object. */
    assert_int_equal(a->self_slot, 0);
    assert_int_equal(a->exit_slot, 10);
    assert_int_equal(b->exit_slot, 3);
    const model_cap_t *ex = cap_at(&m, a->cnode, 10);
    assert_non_null(ex);
    assert_int_equal(ex->obj, model_find(&m, "a.exit"));
    assert_int_equal(ex->obj, a->exit_obj);
    assert_int_equal(m.objs.v[ex->obj].type, CDL_NOTIFICATION);
    assert_int_equal(ex->rights, CDL_RIGHT_READ);
    /* The badged endpoint cap, the CNode cap with its guard, no cap for 'spare: empty'. */
    const model_cap_t *ep = cap_at(&m, a->cnode, 1), *cn = cap_at(&m, a->cnode, 2);
    assert_non_null(ep);
    assert_int_equal(ep->obj, model_find(&m, "ep"));
    assert_int_equal(ep->data, 0x123456789ull);
    assert_int_equal(ep->guard_size, 0);
    assert_non_null(cn);
    assert_int_equal(cn->obj, a->cnode);
    assert_int_equal(cn->guard_size, 64 - 4);
    assert_null(cap_at(&m, a->cnode, 3));
    assert_null(cap_at(&m, a->cnode, 0));
    /* The fault endpoint: write + grant, badged. */
    const model_cap_t *f = cap_at(&m, a->cnode, 9);
    assert_non_null(f);
    assert_int_equal(f->rights, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT);
    assert_int_equal(f->data, 0xBEEF);
    assert_int_equal(m.tcbs.v[m.objs.v[a->threads.v[0].tcb].aux].fault_ep, 9);
    /* Every thread's TCB: CSpace (with the guard), VSpace, IPC buffer. */
    for (size_t i = 0; i < b->threads.n; i++) {
        uint32_t tcb = b->threads.v[i].tcb;
        const model_cap_t *cs = cap_at(&m, tcb, CDL_TCB_SLOT_CSPACE), *vs = cap_at(&m, tcb, CDL_TCB_SLOT_VSPACE),
                          *ipc = cap_at(&m, tcb, CDL_TCB_SLOT_IPC_BUFFER);
        assert_true(cs && vs && ipc);
        assert_int_equal(cs->obj, b->cnode);
        assert_int_equal(cs->guard_size, 62);
        assert_int_equal(vs->obj, b->pml4);
        assert_int_equal(ipc->obj, b->threads.v[i].ipc_frame);
        assert_int_equal(ipc->rights, CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    }
    model_free(&m);
    diag_free(&d);
}

/* Too small: the error names the need; no caps are emitted for any component. */
static void test_too_small(void **state)
{
    (void)state;
    model_t m;
    diag_t d;
    load_raw(&m, &d, "system: s\nobjects: {ep: endpoint}\ncomponents:\n"
                     "  a:\n    elf: a.elf\n    cnode_bits: 1\n    fault_handler: {object: ep}\n"
                     "    caps: {x: empty}\n");
    size_t caps_before = m.caps.n;
    assert_false(cspace_layout(&m, &d));
    assert_int_equal(m.caps.n, caps_before);
    char *s = diag_render(&d);
    assert_string_equal(s, "c.yaml:6:17: error: component 'a' needs 3 slots (slot 0 stays empty) but cnode_bits: 1 gives 2\n"
                           "    6 |     cnode_bits: 1\n"
                           "      |                 ^\n");
    free(s);
    model_free(&m);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_radix_boundaries),
        cmocka_unit_test(test_slots_and_caps),
        cmocka_unit_test(test_too_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
