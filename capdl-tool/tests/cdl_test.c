/*
 * Unit tests of the textual capDL back and front ends: write -> read -> write is the identity
 * on the text; the model read back has the same objects, caps, TCBs, fills and IRQs; and a
 * syntax error names its position. Also the determinism of the spec bytes.
 */
#include "test_util.h"

#include "cdl_read.h"
#include "cdl_write.h"

static void test_round_trip(void **state)
{
    (void)state;
    tool_run_t r, back;
    load_ok(&r, echo_like);
    model_fill_t f = { 0, 16, 100, model_strdup(&r.m, "a"), 0x1000 };
    for (uint32_t i = 0; i < r.m.objs.n; i++) {
        if (r.m.objs.v[i].type == CDL_FRAME && !r.m.objs.v[i].has_paddr) {
            f.frame = i;
            break;
        }
    }
    VEC_PUSH(r.m.fills, f);
    strbuf_t a = { 0 }, b = { 0 };
    cdl_write(&r.m, &a);
    pipeline_init(&back);
    bool ok = cdl_read(&back.m, &back.d, "x.cdl", a.s, a.len);
    if (!ok) {
        diag_print(&back.d, stderr);
    }
    assert_true(ok);
    cdl_write(&back.m, &b);
    assert_string_equal(a.s, b.s);
    assert_int_equal(back.m.objs.n, r.m.objs.n);
    assert_int_equal(back.m.caps.n, r.m.caps.n);
    assert_int_equal(back.m.fills.n, 1);
    assert_int_equal(back.m.irqs.n, 1);
    for (size_t i = 0; i < r.m.caps.n; i++) {
        assert_int_equal(back.m.caps.v[i].slot, r.m.caps.v[i].slot);
        assert_int_equal(back.m.caps.v[i].data, r.m.caps.v[i].data);
        assert_int_equal(back.m.caps.v[i].rights, r.m.caps.v[i].rights);
        assert_string_equal(back.m.objs.v[back.m.caps.v[i].obj].name, r.m.objs.v[r.m.caps.v[i].obj].name);
    }
    sb_free(&a);
    sb_free(&b);
    pipeline_free(&r);
    pipeline_free(&back);
}

static void test_syntax_error_position(void **state)
{
    (void)state;
    tool_run_t r;
    pipeline_init(&r);
    const char *text = "arch x86_64\nobjects {\n  a = ep\n  b = epp\n}\n";
    assert_false(cdl_read(&r.m, &r.d, "x.cdl", text, strlen(text)));
    char *msg = diag_render(&r.d);
    assert_non_null(strstr(msg, "x.cdl:4:7: error: unknown object type 'epp'"));
    free(msg);
    pipeline_free(&r);
}

/* Parses text, which must fail with exactly want (the reader longjmps out of the error). */
static void expect_cdl_error(const char *text, const char *want)
{
    tool_run_t r;
    pipeline_init(&r);
    assert_false(cdl_read(&r.m, &r.d, "x.cdl", text, strlen(text)));
    char *msg = diag_render(&r.d);
    assert_string_equal(msg, want);
    free(msg);
    pipeline_free(&r);
}

/* Fuzzer finding (fuzz_cdl): an error right after a name that was copied to the heap leaked the
 * copy; run under ASan to see a leak. seL4's capDL spells the booleans True and False. */
static void test_error_after_resume_no_leak(void **state)
{
    (void)state;
    expect_cdl_error("arch x86_64\nobjects {\n  t = tcb (resume: true\"\n}\n",
                     "x.cdl:3:20: error: expected True or False (found 'true')\n"
                     "    3 |   t = tcb (resume: true\"\n"
                     "      |                    ^\n");
}

/* Fuzzer finding (fuzz_cdl): an error after a fill's file name leaked the name. */
static void test_error_in_fill_no_leak(void **state)
{
    (void)state;
    expect_cdl_error("arch x86_64\nobjects {\n  f = frame (4k, fill: [{0 16 CDL_FrameFill_FileData \"a\" x}])\n}\n",
                     "x.cdl:3:58: error: expected the fill's source offset (found 'x')\n"
                     "    3 |   f = frame (4k, fill: [{0 16 CDL_FrameFill_FileData \"a\" x}])\n"
                     "      |                                                          ^\n");
}

/* Fuzzer finding (fuzz_yaml's .cdl round trip): an untyped cap named like one of the tool's own
 * objects ('tcb' -> 'a.tcb') gave two objects one name, and the .cdl did not read back. */
static void test_untyped_cap_names_unique(void **state)
{
    (void)state;
    tool_run_t r, back;
    load_ok(&r, "system: s\ncomponents:\n  a:\n    elf: a.elf\n"
                "    caps: {tcb: {untyped: 12}, cnode: {untyped: 12}, ipc: {untyped: 12}}\n");
    assert_int_equal(r.m.objs.v[model_find(&r.m, "a.tcb")].type, CDL_TCB);
    assert_int_equal(r.m.objs.v[model_find(&r.m, "a.tcb.ut")].type, CDL_UNTYPED);
    assert_int_equal(r.m.objs.v[model_find(&r.m, "a.cnode.ut")].type, CDL_UNTYPED);
    strbuf_t a = { 0 };
    cdl_write(&r.m, &a);
    pipeline_init(&back);
    assert_true(cdl_read(&back.m, &back.d, "x.cdl", a.s, a.len));
    assert_int_equal(back.m.objs.n, r.m.objs.n);
    sb_free(&a);
    pipeline_free(&r);
    pipeline_free(&back);
}

static void test_deterministic_spec(void **state)
{
    (void)state;
    tool_run_t r1, r2;
    load_ok(&r1, echo_like);
    load_ok(&r2, echo_like);
    assert_true(pipeline_back(&r1, 0, 32u << 20));
    assert_true(pipeline_back(&r2, 0, 32u << 20));
    assert_int_equal(r1.spec_len, r2.spec_len);
    assert_memory_equal(r1.spec, r2.spec, r1.spec_len);
    pipeline_free(&r1);
    pipeline_free(&r2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_syntax_error_position),
        cmocka_unit_test(test_deterministic_spec),
        cmocka_unit_test(test_error_after_resume_no_leak),
        cmocka_unit_test(test_untyped_cap_names_unique),
        cmocka_unit_test(test_error_in_fill_no_leak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
