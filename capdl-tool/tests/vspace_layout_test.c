/*
 * Unit tests of the VSpace layout pass (vspace_layout.c) on hand-built models: the paging
 * tables made for 4K, 2M and 1G mappings (names, types, the slot of each level), sharing of
 * tables between neighbouring mappings, independence from mapping order, and the two errors
 * (misaligned frame, overlapping mappings) with their exact text. Two mappings at one address
 * are ordered by frame id (qsort alone is not stable), so the same one is always reported.
 */
#include "test_util.h"

#include "vspace_layout.h"

static void setup(model_t *m)
{
    model_init(m);
    sys_comp_t k = { .name = xstrdup("c"), .pos = { "v.yaml", 3, 3 } };
    k.pml4 = model_add_obj(m, "c.vspace", CDL_PML4, 0, k.pos);
    VEC_PUSH(m->comps, k);
}

static uint32_t map(model_t *m, const char *name, unsigned bits, uint64_t vaddr, uint8_t rights)
{
    uint32_t f = model_add_obj(m, name, CDL_FRAME, (uint8_t)bits, (pos_t){ 0 });
    sys_mapping_t mp = { vaddr, f, rights, { 0 } };
    VEC_PUSH(m->comps.v[0].maps, mp);
    return f;
}

/* The object that slot of container holds, or CDL_NONE. */
static uint32_t in_slot(const model_t *m, uint32_t container, uint32_t slot)
{
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->caps.v[i].container == container && m->caps.v[i].slot == slot) {
            return m->caps.v[i].obj;
        }
    }
    return CDL_NONE;
}

static void test_levels(void **state)
{
    (void)state;
    model_t m;
    diag_t d = { 0 };
    setup(&m);
    /* 0x400000: PML4[0] -> PDPT[0] -> PD[2] -> PT[0]; 0x401000 shares all three tables. */
    uint32_t p0 = map(&m, "p0", 12, 0x400000, CDL_RIGHT_READ);
    uint32_t p1 = map(&m, "p1", 12, 0x401000, CDL_RIGHT_READ | CDL_RIGHT_WRITE);
    uint32_t large = map(&m, "large", 21, 0x40000000 + (3u << 21), CDL_RIGHT_READ); /* PD of the 2nd GiB */
    uint32_t huge = map(&m, "huge", 30, 5ull << 30, CDL_RIGHT_READ);
    uint32_t far = map(&m, "far", 12, 1ull << 39, CDL_RIGHT_READ);                   /* PML4[1] */
    assert_true(vspace_layout(&m, &d));
    assert_int_equal(d.n, 0);
    uint32_t pml4 = m.comps.v[0].pml4;
    uint32_t pdpt = model_find(&m, "c.pdpt_0"), pd = model_find(&m, "c.pd_0"), pt = model_find(&m, "c.pt_400000");
    uint32_t pd1 = model_find(&m, "c.pd_40000000"), pdpt1 = model_find(&m, "c.pdpt_8000000000");
    assert_int_equal(m.objs.v[pdpt].type, CDL_PDPT);
    assert_int_equal(m.objs.v[pd].type, CDL_PD);
    assert_int_equal(m.objs.v[pt].type, CDL_PT);
    assert_int_equal(in_slot(&m, pml4, 0), pdpt);
    assert_int_equal(in_slot(&m, pdpt, 0), pd);
    assert_int_equal(in_slot(&m, pd, 2), pt);
    assert_int_equal(in_slot(&m, pt, 0), p0);
    assert_int_equal(in_slot(&m, pt, 1), p1);
    assert_int_equal(in_slot(&m, pdpt, 1), pd1);
    assert_int_equal(in_slot(&m, pd1, 3), large);
    assert_int_equal(in_slot(&m, pdpt, 5), huge);
    assert_int_equal(in_slot(&m, pml4, 1), pdpt1);
    assert_int_equal(in_slot(&m, model_find(&m, "c.pt_8000000000"), 0), far);
    /* Frame caps carry the mapping rights; the objects: pml4, 5 frames, 2 PDPTs, 3 PDs, 2 PTs. */
    for (size_t i = 0; i < m.caps.n; i++) {
        if (m.caps.v[i].obj == p1) {
            assert_int_equal(m.caps.v[i].rights, CDL_RIGHT_READ | CDL_RIGHT_WRITE);
        }
    }
    assert_int_equal(m.objs.n, 1 + 5 + 2 + 3 + 2);
    assert_int_equal(m.caps.n, 5 + 2 + 3 + 2);
    model_free(&m);
}

/* The same mappings in another order give the same tables and caps. */
static void test_order_independent(void **state)
{
    (void)state;
    model_t a, b;
    diag_t d = { 0 };
    setup(&a);
    setup(&b);
    map(&a, "x", 12, 0x400000, CDL_RIGHT_READ);
    map(&a, "y", 12, 0x600000, CDL_RIGHT_READ);
    map(&b, "y", 12, 0x600000, CDL_RIGHT_READ);
    map(&b, "x", 12, 0x400000, CDL_RIGHT_READ);
    assert_true(vspace_layout(&a, &d) && vspace_layout(&b, &d));
    assert_true(model_finalize(&a, &d) && model_finalize(&b, &d));
    assert_int_equal(a.objs.n, b.objs.n);
    assert_int_equal(a.caps.n, b.caps.n);
    for (size_t i = 0; i < a.objs.n; i++) {
        assert_string_equal(a.objs.v[i].name, b.objs.v[i].name);
    }
    for (size_t i = 0; i < a.caps.n; i++) {
        assert_int_equal(a.caps.v[i].container, b.caps.v[i].container);
        assert_int_equal(a.caps.v[i].slot, b.caps.v[i].slot);
        assert_int_equal(a.caps.v[i].obj, b.caps.v[i].obj);
    }
    model_free(&a);
    model_free(&b);
}

static void test_errors(void **state)
{
    (void)state;
    model_t m;
    diag_t d = { 0 };
    setup(&m);
    map(&m, "large", 21, 0x401000, CDL_RIGHT_READ);  /* 4K aligned only */
    map(&m, "a", 12, 0x800000, CDL_RIGHT_READ);
    map(&m, "b", 21, 0x800000, CDL_RIGHT_READ); /* a 2M frame at the same address: the later one is reported */
    m.comps.v[0].maps.v[2].pos = (pos_t){ "v.yaml", 9, 7 }; /* at its own key; the others at the component */
    assert_false(vspace_layout(&m, &d));
    char *s = diag_render(&d);
    assert_string_equal(s, "v.yaml:3:3: error: component 'c': mapping of 'large' at 0x401000 is not aligned to the frame size\n"
                           "v.yaml:9:7: error: component 'c': mapping of 'b' at 0x800000 overlaps 'a' at 0x800000\n");
    free(s);
    diag_free(&d);
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test(test_order_independent),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
