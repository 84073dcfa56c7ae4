/*
 * Unit tests of the shared allocation routine (libcapdl/src/alloc.c): the untyped order
 * (RAM largest first, ties by address, devices last), placement at a physical address (inside
 * one untyped, aligned, above its watermark), placement of other objects (alignment, moving on
 * and never back), and cdl_alloc_spec's callback and failure index.
 */
#include <capdl/alloc.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#define N 5
static const cdl_untyped_t uts[N] = {
    { 0x100000, 20, 0 },   /* 0: RAM 1 MiB */
    { 0x800000, 22, 0 },   /* 1: RAM 4 MiB */
    { 0x400000, 22, 0 },   /* 2: RAM 4 MiB, lower: before 1 */
    { 0xb8000, 12, 1 },    /* 3: device page */
    { 0xfe000000, 24, 1 }, /* 4: device 16 MiB */
};

typedef struct fixture {
    cdl_alloc_state_t st;
    uint64_t wm[N];
    uint32_t order[N];
} fixture_t;

static void init(fixture_t *f)
{
    cdl_alloc_init(&f->st, uts, N, f->wm, f->order);
}

static void test_order(void **state)
{
    (void)state;
    fixture_t f;
    init(&f);
    assert_int_equal(f.st.n_ram, 3);
    assert_int_equal(f.order[0], 2);
    assert_int_equal(f.order[1], 1);
    assert_int_equal(f.order[2], 0);
    assert_int_equal(f.order[3], 4); /* devices: larger first too */
    assert_int_equal(f.order[4], 3);
    for (int i = 0; i < N; i++) {
        assert_int_equal(f.wm[i], uts[i].paddr);
    }
}

static void test_paddr(void **state)
{
    (void)state;
    fixture_t f;
    init(&f);
    uint32_t ut = 99;
    uint64_t addr = 0;
    /* The last page of the 16 MiB device untyped: exactly at its end. */
    assert_int_equal(cdl_alloc_place(&f.st, 12, true, 0xfefff000, &ut, &addr), CDL_OK);
    assert_int_equal(ut, 4);
    assert_int_equal(addr, 0xfefff000);
    assert_int_equal(f.wm[4], 0xff000000);
    /* Below the watermark now (the loader cannot go back). */
    assert_int_equal(cdl_alloc_place(&f.st, 12, true, 0xfe000000, &ut, &addr), CDL_ERR_PADDR_TAKEN);
    /* Misaligned, larger than the untyped it starts in (spilling into the next), outside all. */
    assert_int_equal(cdl_alloc_place(&f.st, 13, true, 0xb9000, &ut, &addr), CDL_ERR_PADDR_UNREACHABLE);
    assert_int_equal(cdl_alloc_place(&f.st, 23, true, 0x800000, &ut, &addr), CDL_ERR_PADDR_UNREACHABLE);
    assert_int_equal(cdl_alloc_place(&f.st, 12, true, 0x3000000, &ut, &addr), CDL_ERR_PADDR_UNREACHABLE);
    /* At a RAM address: the watermark of that untyped moves past it. */
    assert_int_equal(cdl_alloc_place(&f.st, 12, true, 0x401000, &ut, &addr), CDL_OK);
    assert_int_equal(ut, 2);
    assert_int_equal(f.wm[2], 0x402000);
    assert_int_equal(cdl_alloc_place(&f.st, 12, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(addr, 0x402000);
}

static void test_fit_and_move_on(void **state)
{
    (void)state;
    fixture_t f;
    init(&f);
    uint32_t ut;
    uint64_t addr;
    assert_int_equal(cdl_alloc_place(&f.st, 4, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(addr, 0x400000);
    /* Rounded up to its own size. */
    assert_int_equal(cdl_alloc_place(&f.st, 16, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(addr, 0x410000);
    /* 4 MiB does not fit in what is left of ut 2: it goes to ut 1 ... */
    assert_int_equal(cdl_alloc_place(&f.st, 22, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(ut, 1);
    assert_int_equal(addr, 0x800000);
    /* ... and the routine never returns to ut 2, though it has room: the next is ut 0. */
    assert_int_equal(cdl_alloc_place(&f.st, 12, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(ut, 0);
    assert_int_equal(addr, 0x100000);
    /* Devices are never used for objects without a paddr. */
    assert_int_equal(cdl_alloc_place(&f.st, 20, false, 0, &ut, &addr), CDL_ERR_OUT_OF_MEMORY);
    assert_int_equal(cdl_alloc_place(&f.st, 4, false, 0, &ut, &addr), CDL_ERR_OUT_OF_MEMORY);
}

static void test_empty_list(void **state)
{
    (void)state;
    cdl_alloc_state_t st;
    uint32_t ut;
    uint64_t addr;
    cdl_alloc_init(&st, NULL, 0, NULL, NULL);
    assert_int_equal(cdl_alloc_place(&st, 4, false, 0, &ut, &addr), CDL_ERR_OUT_OF_MEMORY);
    assert_int_equal(cdl_alloc_place(&st, 12, true, 0xb8000, &ut, &addr), CDL_ERR_PADDR_UNREACHABLE);
}

typedef struct placed {
    uint32_t n, obj[8], ut[8];
    uint64_t addr[8];
} placed_t;

static void record(uint32_t obj, uint32_t ut, uint64_t addr, void *ctx)
{
    placed_t *p = ctx;
    p->obj[p->n] = obj;
    p->ut[p->n] = ut;
    p->addr[p->n++] = addr;
}

static void test_alloc_spec(void **state)
{
    (void)state;
    /* A validated-looking view is all cdl_alloc_spec reads: objects and the wide table. */
    static const uint64_t wide[1] = { 0xb8000 };
    cdl_object_t objs[5] = {
        { .type = CDL_FRAME, .size_bits = 12, .aux = 0 }, /* at the paddr of wide word 0 */
        { .type = CDL_UNTYPED, .size_bits = 22, .aux = CDL_NONE },
        { .type = CDL_ENDPOINT, .aux = CDL_NONE },
        { .type = CDL_IRQ_CONTROL, .aux = CDL_NONE },  /* takes no memory: skipped */
        { .type = CDL_UNTYPED, .size_bits = 23, .aux = CDL_NONE }, /* 8 MiB: no RAM untyped is that large */
    };
    cdl_spec_t s = { .objects = objs, .wide = wide, .n_objects = 5, .n_wide = 1 };
    fixture_t f;
    init(&f);
    placed_t p = { 0 };
    cdl_result_t r = cdl_alloc_spec(&s, &f.st, record, &p);
    assert_int_equal(r.status, CDL_ERR_OUT_OF_MEMORY);
    assert_int_equal(r.index, 4);
    assert_int_equal(p.n, 3);
    assert_int_equal(p.obj[0], 0);
    assert_int_equal(p.ut[0], 3);
    assert_int_equal(p.addr[0], 0xb8000);
    assert_int_equal(p.obj[1], 1);
    assert_int_equal(p.addr[1], 0x400000);
    assert_int_equal(p.obj[2], 2);
    assert_int_equal(p.addr[2], 0x800000); /* ut 2 is full: on to ut 1 */
    s.n_objects = 4;
    init(&f);
    r = cdl_alloc_spec(&s, &f.st, NULL, NULL);
    assert_int_equal(r.status, CDL_OK);
    assert_int_equal(r.index, CDL_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_paddr),
        cmocka_unit_test(test_fit_and_move_on),
        cmocka_unit_test(test_empty_list),
        cmocka_unit_test(test_alloc_spec),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
