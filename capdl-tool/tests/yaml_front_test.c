/*
 * Unit tests of the YAML front end (yaml_front.c and its phase files) called directly through
 * yaml_load_string: what a valid description puts in the model, how errors of both phases are
 * collected (all of them, sorted by position, load marked failed), and the inputs libyaml
 * itself rejects or shapes (encoding errors with their position, empty input, aliases,
 * non-scalar keys, a length shorter than the string). Message wording is pinned by fixtures/.
 */
#include "test_util.h"

#include "yaml_front.h"
#include "c_names.h"

#include <time.h>

typedef struct loaded {
    model_t m;
    diag_t d;
    bool ok;
} loaded_t;

static void load(loaded_t *l, const char *text, size_t len)
{
    model_init(&l->m);
    l->d = (diag_t){ 0 };
    l->ok = yaml_load_string(&l->m, &l->d, "y.yaml", text, len);
}

/* Loads text, which must fail with exactly want. */
static void expect_errors(const char *text, const char *want)
{
    loaded_t l;
    load(&l, text, strlen(text));
    char *got = diag_render(&l.d);
    assert_false(l.ok);
    assert_string_equal(got, want);
    free(got);
    diag_free(&l.d);
    model_free(&l.m);
}

static void test_model_contents(void **state)
{
    (void)state;
    loaded_t l;
    load(&l, echo_like, strlen(echo_like));
    assert_true(l.ok);
    assert_int_equal(l.d.n, 0);
    assert_string_equal(l.m.system, "t");
    assert_int_equal(l.m.ram_bytes, 512ull << 20); /* default */
    uint32_t vga = model_find(&l.m, "vga"), serial = model_find(&l.m, "serial");
    assert_int_equal(l.m.objs.v[vga].type, CDL_FRAME);
    assert_int_equal(l.m.objs.v[vga].size_bits, 12);
    assert_true(l.m.objs.v[vga].has_paddr);
    assert_int_equal(l.m.objs.v[vga].paddr, 0xb8000);
    assert_int_equal(l.m.objs.v[serial].aux, 0x3f8);
    assert_int_equal(l.m.objs.v[serial].aux2, 0x3ff);
    assert_int_equal(l.m.comps.n, 2);
    const sys_comp_t *a = &l.m.comps.v[0], *b = &l.m.comps.v[1];
    assert_string_equal(a->name, "a");
    assert_int_equal(a->caps.n, 8);
    assert_int_equal(a->caps.v[0].badge, 0x123456789ull);
    assert_int_equal(a->caps.v[0].rights, CDL_RIGHT_READ | CDL_RIGHT_WRITE | CDL_RIGHT_GRANT);
    assert_int_equal(a->caps.v[0].obj, model_find(&l.m, "ep"));
    assert_int_equal(a->caps.v[1].obj, a->cnode);                 /* cspace: self */
    assert_int_equal(a->caps.v[2].kind, CAPK_EMPTY);
    assert_int_equal(a->caps.v[6].obj, model_find(&l.m, "b.worker.tcb"));
    assert_int_equal(a->threads.v[0].fault_obj, model_find(&l.m, "ep"));
    assert_int_equal(a->threads.v[0].fault_badge, 0xBEEF);
    assert_int_equal(l.m.tcbs.v[l.m.objs.v[a->threads.v[0].tcb].aux].prio, 200);
    assert_int_equal(b->threads.n, 2);
    const sys_thread_t *w = &b->threads.v[1];
    const model_tcb_t *wt = &l.m.tcbs.v[l.m.objs.v[w->tcb].aux];
    assert_string_equal(w->entry, "work");
    assert_int_equal(w->stack_size, 8192);
    assert_int_equal(wt->prio, 50);
    assert_int_equal(wt->nargs, 2);
    assert_int_equal(wt->args[1], 2);
    assert_int_equal(l.m.tcbs.v[l.m.objs.v[b->threads.v[0].tcb].aux].domain, 1);
    assert_int_equal(b->threads.v[0].stack_size, YAML_DEFAULT_STACK);
    diag_free(&l.d);
    model_free(&l.m);
}

/* Phase-one errors (unknown key, bad number) and phase-two errors (unknown names, reported
 * after all of phase one) are all collected and printed in position order. */
static void test_errors_of_both_phases_sorted(void **state)
{
    (void)state;
    expect_errors("system: s\n"
                  "components:\n"
                  "  a:\n"
                  "    elf: a.elf\n"
                  "    caps: {x: {object: nope}}\n"
                  "    priority: 999\n"
                  "    colour: red\n",
                  "y.yaml:5:24: error: unknown object 'nope'\n"
                  "  at: components.a.caps.x.object\n"
                  "    5 |     caps: {x: {object: nope}}\n"
                  "      |                        ^\n"
                  "y.yaml:6:15: error: 999 is out of range [0, 255]\n"
                  "  at: components.a.priority\n"
                  "    6 |     priority: 999\n"
                  "      |               ^\n"
                  "y.yaml:7:5: error: unknown key 'colour'\n"
                  "  at: components.a\n"
                  "    7 |     colour: red\n"
                  "      |     ^\n");
}

static void test_empty_and_comment_only(void **state)
{
    (void)state;
    const char *want = "y.yaml:1:1: error: the file is empty: expected a system description\n"
                       "    1 | \n      | ^\n";
    expect_errors("", want);
    expect_errors("# nothing\n", "y.yaml:1:1: error: the file is empty: expected a system description\n"
                                 "    1 | # nothing\n      | ^\n");
}

/* libyaml's reader reports bad UTF-8 by byte offset: the error points at the byte. */
static void test_encoding_error_position(void **state)
{
    (void)state;
    expect_errors("system: s\nobjects: {a: \xff}\n", "y.yaml:2:14: error: YAML syntax: invalid leading UTF-8 octet\n"
                                                    "    2 | objects: {a: \xff}\n"
                                                    "      |              ^\n");
}

/* An alias makes one node appear twice: its errors are reported once per use, each with the
 * path of that use; a recursive alias does not loop. */
static void test_aliases(void **state)
{
    (void)state;
    expect_errors("system: s\ncomponents:\n  a: &c {elf: x.elf, caps: {e: {object: nope}}}\n  b: *c\n",
                  "y.yaml:3:41: error: unknown object 'nope'\n"
                  "  at: components.a.caps.e.object\n"
                  "    3 |   a: &c {elf: x.elf, caps: {e: {object: nope}}}\n"
                  "      |                                         ^\n"
                  "y.yaml:3:41: error: unknown object 'nope'\n"
                  "  at: components.b.caps.e.object\n"
                  "    3 |   a: &c {elf: x.elf, caps: {e: {object: nope}}}\n"
                  "      |                                         ^\n");
    expect_errors("system: s\nobjects: {e: &x [*x]}\ncomponents: {a: {elf: x.elf}}\n",
                  "y.yaml:2:14: error: expected an object type or a mapping with 'type', found a list\n"
                  "  at: objects.e\n"
                  "    2 | objects: {e: &x [*x]}\n"
                  "      |              ^\n");
}

/* What libyaml's document loader reported or let through, kept by the one-pass reader
 * (yaml_read.c): its words for an undefined alias and a duplicate anchor; a screening error (NUL
 * in a string) later in the file wins over them, as the screening pass ran first; a tag is no
 * type; text after the document's end marker `...` is not read, even when it is not YAML. */
static void test_loader_behaviour(void **state)
{
    (void)state;
    expect_errors("system: s\ncomponents: *c\n", "y.yaml:2:13: error: YAML syntax: found undefined alias\n"
                                                  "    2 | components: *c\n"
                                                  "      |             ^\n");
    expect_errors("system: &s s\ncomponents: &s {}\n",
                  "y.yaml:2:13: error: YAML syntax: second occurrence found duplicate anchor; first occurrence\n"
                  "    2 | components: &s {}\n"
                  "      |             ^\n");
    expect_errors("system: *s\ncomponents: \"\\0\"\n",
                  "y.yaml:2:13: error: a NUL character inside a string: names and values are text\n"
                  "    2 | components: \"\\0\"\n"
                  "      |             ^\n");
    const char *text = "system: !!str s\ncomponents: {a: {elf: x.elf}}\n...\n]: [\n";
    loaded_t l;
    load(&l, text, strlen(text));
    assert_true(l.ok);
    assert_string_equal(l.m.system, "s");
    diag_free(&l.d);
    model_free(&l.m);
}

static void test_non_scalar_key(void **state)
{
    (void)state;
    expect_errors("system: s\ncomponents:\n  ? [a]\n  : {elf: x.elf}\n",
                  "y.yaml:3:5: error: mapping keys must be scalars\n"
                  "  at: components\n"
                  "    3 |   ? [a]\n"
                  "      |     ^\n"
                  "y.yaml:3:5: error: invalid component name '': use letters, digits and '_' (at most 64), "
                  "not starting with a digit\n"
                  "  at: components.?\n"
                  "    3 |   ? [a]\n"
                  "      |     ^\n");
}

/* Duplicate keys of a mapping too large to compare pairwise (yaml_front.c, check_keys): every
 * repeat is reported, sorted by position, whatever the order they were found in. */
static void test_duplicates_in_large_mapping(void **state)
{
    (void)state;
    strbuf_t b = { 0 };
    sb_printf(&b, "system: s\nobjects:\n");
    const char *names[] = { "e7", "e0", "e1", "e2", "e3", "e4", "e3", "e5", "e6", "e8", "e9", "e7",
                            "e10", "e11", "e12", "e13", "e14", "e15", "e16", "e7" };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        sb_printf(&b, "  %s: endpoint\n", names[i]);
    }
    sb_printf(&b, "components: {a: {elf: x.elf}}\n");
    expect_errors(b.s, "y.yaml:9:3: error: duplicate key 'e3'\n"
                       "  at: objects\n"
                       "    9 |   e3: endpoint\n"
                       "      |   ^\n"
                       "y.yaml:14:3: error: duplicate key 'e7'\n"
                       "  at: objects\n"
                       "   14 |   e7: endpoint\n"
                       "      |   ^\n"
                       "y.yaml:22:3: error: duplicate key 'e7'\n"
                       "  at: objects\n"
                       "   22 |   e7: endpoint\n"
                       "      |   ^\n");
    sb_free(&b);
}

/* Only len bytes are parsed: the text need not end there. */
static void test_length_respected(void **state)
{
    (void)state;
    const char *text = "system: s\ncomponents: {a: {elf: x.elf}}\nGARBAGE: [";
    loaded_t l;
    load(&l, text, strlen(text) - strlen("GARBAGE: ["));
    assert_true(l.ok);
    assert_int_equal(l.m.comps.n, 1);
    diag_free(&l.d);
    model_free(&l.m);
}

/* n components, each an address space; run through the front end and the passes (no ELF). */
static char *many_components(unsigned n)
{
    strbuf_t b = { 0 };
    sb_printf(&b, "system: many\ncomponents:\n");
    for (unsigned i = 0; i < n; i++) {
        sb_printf(&b, "  c%u: {elf: c.elf}\n", i);
    }
    return b.s;
}

static void test_asid_limit(void **state)
{
    (void)state;
    char *text = many_components(4094);
    tool_run_t r;
    pipeline_init(&r);
    assert_true(pipeline_front(&r, "y.yaml", text, strlen(text), false));
    pipeline_free(&r);
    free(text);
    text = many_components(4095);
    pipeline_init(&r);
    assert_false(pipeline_front(&r, "y.yaml", text, strlen(text), false));
    char *got = diag_render(&r.d);
    assert_string_equal(got, "y.yaml:4097:3: error: address space 'c4094.vspace' is one too many: the kernel has ASIDs "
                             "for 4094 address spaces (8 pools of 512, less ASID 0, the loader's own and 0 asid_pool "
                             "objects' pools)\n"
                             " 4097 |   c4094: {elf: c.elf}\n"
                             "      |   ^\n");
    free(got);
    pipeline_free(&r);
    free(text);
}

/* AArch64's kernel has 128 ASID pools, not x86_64's 8: more than 4,094 address spaces fit, and
 * every asid_pool object of the system still takes one of the 128. */
static void test_asid_limit_aarch64(void **state)
{
    (void)state;
    char *text = many_components(4095);
    tool_run_t r;
    pipeline_init(&r);
    r.arch = "aarch64";
    assert_true(pipeline_front(&r, "y.yaml", text, strlen(text), false));
    pipeline_free(&r);
    free(text);

    strbuf_t b = { 0 };
    sb_printf(&b, "system: many\nobjects:\n");
    for (unsigned i = 0; i < 127; i++) {
        sb_printf(&b, "  p%u: asid_pool\n", i);
    }
    sb_printf(&b, "components:\n");
    for (unsigned i = 0; i < 511; i++) {
        sb_printf(&b, "  c%u: {elf: c.elf}\n", i);
    }
    pipeline_init(&r);
    r.arch = "aarch64";
    assert_false(pipeline_front(&r, "y.yaml", b.s, b.len, false));
    char *got = diag_render(&r.d);
    assert_string_equal(got, "y.yaml:641:3: error: address space 'c510.vspace' is one too many: the kernel has ASIDs "
                             "for 510 address spaces (128 pools of 512, less ASID 0, the loader's own and 127 asid_pool "
                             "objects' pools)\n"
                             "  641 |   c510: {elf: c.elf}\n"
                             "      |   ^\n");
    free(got);
    pipeline_free(&r);
    free(b.s);
}

/* A million levels of nesting are refused at level 33 quickly: the one pass over libyaml's
 * events (yaml_read.c) stops there, before its scanner's time grows quadratic in the depth. */
static void test_deep_nesting_linear(void **state)
{
    (void)state;
    size_t depth = 1000000, head = strlen("system: s\ncomponents: ");
    char *text = xmalloc(head + 2 * depth + 2);
    memcpy(text, "system: s\ncomponents: ", head);
    memset(text + head, '[', depth);
    memset(text + head + depth, ']', depth);
    strcpy(text + head + 2 * depth, "\n");
    clock_t start = clock();
    loaded_t l;
    load(&l, text, strlen(text));
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    assert_false(l.ok);
    assert_int_equal(l.d.n, 1);
    assert_string_equal(l.d.e[0].msg, "nesting deeper than 32 levels: a system description needs far fewer");
    assert_int_equal(l.d.e[0].pos.col, 12 + 32); /* the top mapping is the first level */
    assert_true(seconds < 2.0); /* 100k levels took 37 s before */
    diag_free(&l.d);
    model_free(&l.m);
    free(text);
}

/* The reserved C names (c_names.c): the lists stay sorted for the binary search, and a name of
 * each list, its neighbours and a prefix are told apart. */
static void test_c_names(void **state)
{
    (void)state;
    assert_true(c_names_sorted());
    assert_string_equal(c_name_clash("NULL"), "a C keyword or reserved identifier");
    assert_string_equal(c_name_clash("while"), "a C keyword or reserved identifier");
    assert_string_equal(c_name_clash("FILE"), "a standard C type");
    assert_string_equal(c_name_clash("vsnprintf"), "a function or object of the component runtime");
    assert_string_equal(c_name_clash("abort"), "a function or object of the component runtime");
    assert_string_equal(c_name_clash("capdl_x"), "reserved for libsel4, the runtime and the tool's generated names");
    assert_null(c_name_clash("whilst"));
    assert_null(c_name_clash("a"));
    assert_null(c_name_clash("zzz"));
    assert_null(c_name_clash("endpoint"));
}

/* MCS: extra_refills choose the SC's size (the smallest 2^n, n >= 7, with (2^n - 128) / 16 >= them,
 * at the edges of 2^7, 2^8, 2^9 and the largest, 2^16), sporadic and sc_badge reach the SC object
 * (yaml_sched.c). */
static void test_sc_params(void **state)
{
    (void)state;
    static const char text[] = "system: s\nkernel: {mcs: true}\ncomponents:\n"
                               "  r0: {elf: x.elf, budget: 100, period: 10000}\n"
                               "  r8: {elf: x.elf, budget: 100, period: 10000, extra_refills: 8, sporadic: true}\n"
                               "  r9: {elf: x.elf, budget: 100, period: 10000, extra_refills: 9, sc_badge: 0x5c}\n"
                               "  r24: {elf: x.elf, budget: 100, period: 10000, extra_refills: 24, sporadic: false}\n"
                               "  r25: {elf: x.elf, budget: 100, period: 10000, extra_refills: 25}\n"
                               "  rmax: {elf: x.elf, budget: 100, period: 10000, extra_refills: 4088}\n";
    static const struct { const char *sc; uint8_t bits; uint32_t extra; bool sporadic; uint64_t badge; } want[] = {
        { "r0.sc", 7, 0, false, 0 },     { "r8.sc", 8, 8, true, 0 },      { "r9.sc", 9, 9, false, 0x5c },
        { "r24.sc", 9, 24, false, 0 },   { "r25.sc", 10, 25, false, 0 },  { "rmax.sc", 16, 4088, false, 0 },
    };
    loaded_t l;
    load(&l, text, strlen(text));
    assert_true(l.ok);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        uint32_t id = model_find(&l.m, want[i].sc);
        assert_int_not_equal(id, CDL_NONE);
        const model_obj_t *o = &l.m.objs.v[id];
        assert_int_equal(o->type, CDL_SC);
        assert_int_equal(o->size_bits, want[i].bits);
        assert_int_equal(o->sc_extra_refills, want[i].extra);
        assert_int_equal(o->sc_sporadic, want[i].sporadic);
        assert_int_equal(o->paddr, want[i].badge);
        assert_false(o->has_paddr);
    }
    diag_free(&l.d);
    model_free(&l.m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c_names),
        cmocka_unit_test(test_model_contents),
        cmocka_unit_test(test_errors_of_both_phases_sorted),
        cmocka_unit_test(test_empty_and_comment_only),
        cmocka_unit_test(test_encoding_error_position),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_loader_behaviour),
        cmocka_unit_test(test_non_scalar_key),
        cmocka_unit_test(test_duplicates_in_large_mapping),
        cmocka_unit_test(test_length_respected),
        cmocka_unit_test(test_asid_limit),
        cmocka_unit_test(test_asid_limit_aarch64),
        cmocka_unit_test(test_deep_nesting_linear),
        cmocka_unit_test(test_sc_params),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
