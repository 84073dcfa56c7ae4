/*
 * Unit tests of the authority closure and flow graph (verify_auth.c): each rule on a small
 * system, the explanation paths, rights that do not combine across caps, and the flows.
 */
#include "../test_util.h"
#include "verify_auth.h"

typedef struct sys {
    tool_run_t r;
    va_t a;
} sys_t;

static void load(sys_t *s, const char *text)
{
    load_ok(&s->r, text);
    va_run(&s->a, &s->r.m, (va_options_t){ .all_via = true });
}

static void drop(sys_t *s)
{
    va_free(&s->a);
    pipeline_free(&s->r);
}

static uint32_t comp(sys_t *s, const char *name)
{
    for (uint32_t i = 0; i < s->r.m.comps.n; i++) {
        if (strcmp(s->r.m.comps.v[i].name, name) == 0) {
            return i;
        }
    }
    fail_msg("no component %s", name);
    return 0;
}

/* The rights comp has on obj, or -1 when it has none. */
static int rights(sys_t *s, const char *c, const char *obj)
{
    uint32_t o = model_find(&s->r.m, obj);
    assert_int_not_equal(o, CDL_NONE);
    const va_fact_t *f = va_fact(&s->a, comp(s, c), o);
    return f ? f->rights : -1;
}

static char *explain(sys_t *s, const char *c, const char *obj)
{
    const va_fact_t *f = va_fact(&s->a, comp(s, c), model_find(&s->r.m, obj));
    assert_non_null(f);
    strbuf_t b = { 0 };
    va_explain(&s->a, va_step_for(&s->a, f, 0), "", &b);
    return b.s;
}

static void test_grant_chain(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  e1: endpoint\n  e2: endpoint\n  sec: frame\ncomponents:\n"
             "  a: {elf: a, caps: {x: {object: e1, rights: [write, grant]}, s: {object: sec, rights: [read]}}}\n"
             "  b: {elf: b, caps: {x: {object: e1, rights: [read]}, y: {object: e2, rights: [write, grant]}}}\n"
             "  c: {elf: c, caps: {y: {object: e2, rights: [read]}}}\n");
    assert_int_equal(rights(&s, "c", "sec"), CDL_RIGHT_READ);
    assert_int_equal(rights(&s, "b", "sec"), CDL_RIGHT_READ);
    assert_int_equal(rights(&s, "a", "e2"), -1); /* nothing flows back to a */
    char *e = explain(&s, "c", "sec");
    assert_string_equal(e, "a holds 'sec' [read] in slot 2 of its CSpace (test.yaml:7:63)\n"
                           "b can receive 'sec' [read] over 'e1' from a (write+grant on its side, read here)\n"
                           "c can receive 'sec' [read] over 'e2' from b (write+grant on its side, read here)\n");
    free(e);
    drop(&s);
}

static void test_no_grant_no_transfer(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  e: endpoint\n  sec: frame\ncomponents:\n"
             "  a: {elf: a, caps: {x: {object: e, rights: [write]}, s: {object: sec, rights: [read]}}}\n"
             "  b: {elf: b, caps: {x: {object: e, rights: [read, grant]}}}\n");
    assert_int_equal(rights(&s, "b", "sec"), -1);
    assert_int_equal(rights(&s, "a", "sec"), CDL_RIGHT_READ);
    /* the flow a -> b exists (send), b -> a does not (a has no grant or grant_reply) */
    assert_non_null(va_flow(&s.a, comp(&s, "a"), comp(&s, "b")));
    assert_null(va_flow(&s.a, comp(&s, "b"), comp(&s, "a")));
    drop(&s);
}

static void test_reply_direction_only(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  e: endpoint\n  sec: frame\n  srv: frame\ncomponents:\n"
             "  cl: {elf: a, caps: {x: {object: e, rights: [write, grant_reply]}, s: {object: sec, rights: [read]}}}\n"
             "  sv: {elf: b, caps: {x: {object: e, rights: [read, grant]}, s: {object: srv, rights: [read, write]}}}\n");
    assert_int_equal(rights(&s, "cl", "srv"), CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    assert_int_equal(rights(&s, "sv", "sec"), -1);
    /* cl now also holds sv's read+grant cap to e: rights of two caps do not make write+grant */
    assert_int_equal(rights(&s, "cl", "e"), CDL_RIGHTS_ALL);
    assert_int_equal(rights(&s, "sv", "sec"), -1);
    assert_non_null(va_flow(&s.a, comp(&s, "sv"), comp(&s, "cl")));
    drop(&s);
}

static void test_server_without_grant_no_reply_caps(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  e: endpoint\n  srv: frame\ncomponents:\n"
             "  cl: {elf: a, caps: {x: {object: e, rights: [write, grant_reply]}}}\n"
             "  sv: {elf: b, caps: {x: {object: e, rights: [read]}, s: {object: srv, rights: [read]}}}\n");
    assert_int_equal(rights(&s, "cl", "srv"), -1);
    drop(&s);
}

static void test_cnode_tcb_vspace(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  n: notification\n  f: frame\n  g: frame\ncomponents:\n"
             "  a: {elf: a, caps: {n: {object: n, rights: [read]}, f: {object: f, rights: [read]}}, "
             "shared: {g: {object: g, rights: [read, write]}}}\n"
             "  b: {elf: b, caps: {t: {tcb: a}}}\n"
             "  c: {elf: c, caps: {cs: {cspace: a}}}\n"
             "  d: {elf: d, caps: {vs: {vspace: a}}}\n");
    /* TCB: CSpace, VSpace, IPC buffer, and through them everything */
    assert_int_equal(rights(&s, "b", "n"), CDL_RIGHT_READ);
    assert_int_equal(rights(&s, "b", "a.ipc"), CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    assert_int_equal(rights(&s, "b", "g"), CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    /* CNode: the caps inside, not the VSpace */
    assert_int_equal(rights(&s, "c", "f"), CDL_RIGHT_READ);
    assert_int_equal(rights(&s, "c", "g"), -1);
    /* VSpace: the mapped frames (shared and the thread region), not the CSpace */
    assert_int_equal(rights(&s, "d", "g"), CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    assert_int_equal(rights(&s, "d", "a.ipc"), CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    assert_int_equal(rights(&s, "d", "n"), -1);
    /* a's own mapping is access, not a held cap */
    const va_fact_t *f = va_fact(&s.a, comp(&s, "a"), model_find(&s.r.m, "g"));
    assert_non_null(f);
    assert_false(f->held);
    char *e = explain(&s, "b", "n");
    assert_string_equal(e, "b holds 'a.tcb' in slot 1 of its CSpace (test.yaml:8:22)\n"
                           "b gets 'a.cnode' from slot 0 of 'a.tcb' (test.yaml:7:3)\n"
                           "b gets 'n' [read] from slot 1 of 'a.cnode' (test.yaml:7:22)\n");
    free(e);
    drop(&s);
}

static void test_irq_control_and_flows(void **state)
{
    (void)state;
    sys_t s;
    load(&s, "system: t\nobjects:\n  n: notification\n  q: {type: irq, irq: 3, notification: n}\ncomponents:\n"
             "  a: {elf: a, caps: {c: {control: irq_control}}}\n"
             "  b: {elf: b, caps: {n: {object: n, rights: [read]}}}\n");
    assert_int_equal(rights(&s, "a", "q"), CDL_RIGHTS_ALL);
    const va_flow_t *fl = va_flow(&s.a, comp(&s, "a"), comp(&s, "b"));
    assert_non_null(fl);
    assert_int_equal(fl->via.n, 1);
    assert_int_equal(fl->via.v[0], model_find(&s.r.m, "q"));
    drop(&s);
}

/* Without all_via a flow keeps its first VA_VIA_SHOWN objects, the same as the full list's, and
 * counts them all. */
static void test_flow_objects_kept(void **state)
{
    (void)state;
    strbuf_t y = { 0 };
    sb_printf(&y, "system: t\nobjects:\n");
    for (int i = 0; i < 6; i++) {
        sb_printf(&y, "  n%d: notification\n", i);
    }
    sb_printf(&y, "components:\n  a: {elf: a, caps: {");
    for (int i = 0; i < 6; i++) {
        sb_printf(&y, "%sw%d: {object: n%d, rights: [write]}", i ? ", " : "", i, i);
    }
    sb_printf(&y, "}}\n  b: {elf: b, caps: {");
    for (int i = 0; i < 6; i++) {
        sb_printf(&y, "%sr%d: {object: n%d, rights: [read]}", i ? ", " : "", i, i);
    }
    sb_printf(&y, "}}\n");
    sys_t all, few;
    load(&all, y.s);
    load_ok(&few.r, y.s);
    va_run(&few.a, &few.r.m, (va_options_t){ 0 });
    const va_flow_t *fa = va_flow(&all.a, comp(&all, "a"), comp(&all, "b"));
    const va_flow_t *ff = va_flow(&few.a, comp(&few, "a"), comp(&few, "b"));
    assert_non_null(fa);
    assert_non_null(ff);
    assert_int_equal(fa->objects, 6);
    assert_int_equal(fa->via.n, 6);
    assert_int_equal(ff->objects, 6);
    assert_int_equal(ff->via.n, VA_VIA_SHOWN);
    for (size_t i = 0; i < VA_VIA_SHOWN; i++) {
        assert_int_equal(ff->via.v[i], fa->via.v[i]);
    }
    assert_null(va_flow(&few.a, comp(&few, "b"), comp(&few, "a")));
    drop(&all);
    drop(&few);
    sb_free(&y);
}

/* The flows worked in slices on threads are those of one pass: same pairs, same objects. A
 * system like bench/tool/verify.sh's: servers, their clients in a group that can give each
 * other everything, shared buffers and notifications. */
static void test_flows_same_in_slices(void **state)
{
    (void)state;
    const int n = 30, servers = 3;
    strbuf_t y = { 0 };
    sb_printf(&y, "system: t\nobjects:\n");
    for (int i = 0; i < n; i++) {
        sb_printf(&y, "  nt%d: notification\n  buf%d: frame\n  e%d: endpoint\n", i, i, i);
    }
    for (int s = 0; s < servers; s++) {
        sb_printf(&y, "  srv%d: endpoint\n", s);
    }
    sb_printf(&y, "components:\n");
    for (int i = 0; i < n; i++) {
        sb_printf(&y, "  c%d:\n    elf: c\n    caps:\n      ntfn: {object: nt%d, rights: [read]}\n"
                      "      buf: {object: buf%d, rights: [read, write]}\n      e: {object: e%d, rights: [read, write]}\n",
                  i, i, i, i);
        if (i < servers) {
            sb_printf(&y, "      listen: {object: srv%d, rights: [read, write, grant]}\n", i);
        } else {
            sb_printf(&y, "      server: {object: srv%d, rights: [write, grant_reply]}\n"
                          "      neighbour: {object: nt%d, rights: [write]}\n"
                          "      server_buf: {object: buf%d, rights: [read]}\n      cnode: {cspace: self}\n",
                      i % servers, i + 1 < n ? i + 1 : servers, i % servers);
        }
    }
    sys_t one, many;
    load_ok(&one.r, y.s);
    va_run(&one.a, &one.r.m, (va_options_t){ .all_via = true, .threads = 1 });
    for (unsigned threads = 2; threads <= 5; threads++) {
        load_ok(&many.r, y.s);
        va_run(&many.a, &many.r.m, (va_options_t){ .all_via = true, .threads = threads });
        assert_true(one.a.flows.n > 100);
        assert_int_equal(many.a.flows.n, one.a.flows.n);
        for (size_t i = 0; i < one.a.flows.n; i++) {
            const va_flow_t *x = &one.a.flows.v[i], *z = &many.a.flows.v[i];
            assert_int_equal(z->from, x->from);
            assert_int_equal(z->to, x->to);
            assert_int_equal(z->objects, x->objects);
            assert_int_equal(z->via.n, x->via.n);
            assert_memory_equal(z->via.v, x->via.v, x->via.n * sizeof(uint32_t));
            assert_ptr_equal(va_flow(&many.a, z->from, z->to), z);
        }
        drop(&many);
    }
    drop(&one);
    sb_free(&y);
}

static void test_cycle_terminates(void **state)
{
    (void)state;
    sys_t s;
    /* everyone grants to everyone, CSpaces included: one fixed point */
    load(&s, "system: t\nobjects:\n  e: endpoint\ncomponents:\n"
             "  a: {elf: a, caps: {e: {object: e, rights: [read, write, grant, grant_reply]}, cs: {cspace: self}}}\n"
             "  b: {elf: b, caps: {e: {object: e, rights: [read, write, grant, grant_reply]}, cs: {cspace: self}}}\n");
    assert_int_equal(rights(&s, "a", "b.cnode"), CDL_RIGHTS_ALL);
    assert_int_equal(rights(&s, "b", "a.cnode"), CDL_RIGHTS_ALL);
    drop(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grant_chain),
        cmocka_unit_test(test_no_grant_no_transfer),
        cmocka_unit_test(test_reply_direction_only),
        cmocka_unit_test(test_server_without_grant_no_reply_caps),
        cmocka_unit_test(test_cnode_tcb_vspace),
        cmocka_unit_test(test_irq_control_and_flows),
        cmocka_unit_test(test_flow_objects_kept),
        cmocka_unit_test(test_flows_same_in_slices),
        cmocka_unit_test(test_cycle_terminates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
