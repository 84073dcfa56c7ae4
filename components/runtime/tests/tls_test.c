/*
 * Host tests of the TLS block set-up (tls.c): placement below the thread pointer, copy of
 * .tdata, zeroing of .tbss, the self pointer at tp, alignment, and refusal when it does
 * not fit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "runtime_internal.h"

static _Alignas(64) unsigned char area[512];

static void test_layout(void **state)
{
    (void)state;
    static const char image[5] = {1, 2, 3, 4, 5};
    struct rt_tls_image img = {image, sizeof(image), 40, 8};
    memset(area, 0xAA, sizeof(area));
    uintptr_t tp = rt_tls_init(area, sizeof(area), &img);
    assert_int_not_equal(tp, 0);
    assert_int_equal(tp % 16, 0);                      /* at least 16-byte aligned */
    assert_int_equal(*(uintptr_t *)tp, tp);            /* %fs:0 holds tp */
    const unsigned char *block = (const unsigned char *)(tp - 40); /* round_up(40, 8) */
    assert_memory_equal(block, image, sizeof(image));  /* .tdata copied first */
    assert_int_equal(block[-1], 0xAA);                 /* nothing written below the block */
    for (int i = 5; i < 40; i++) {
        assert_int_equal(block[i], 0);                 /* .tbss and padding zeroed */
    }
}

static void test_large_alignment(void **state)
{
    (void)state;
    struct rt_tls_image img = {NULL, 0, 0x83, 64};
    uintptr_t tp = rt_tls_init(area, sizeof(area), &img);
    assert_int_equal(tp % 64, 0);
    assert_true(tp - 0xc0 >= (uintptr_t)area);         /* block = round_up(0x83, 64) */
}

static void test_unaligned_segment(void **state)
{
    (void)state;
    static const char image[1] = {7};
    struct rt_tls_image img = {image, 1, 6, 1}; /* ld: first variable at tp - 6 */
    memset(area, 0xAA, sizeof(area));
    uintptr_t tp = rt_tls_init(area, sizeof(area), &img);
    assert_int_equal(tp % 16, 0);
    assert_int_equal(*(const unsigned char *)(tp - 6), 7);
    assert_int_equal(*(const unsigned char *)(tp - 1), 0);
}

static void test_empty_and_errors(void **state)
{
    (void)state;
    struct rt_tls_image empty = {NULL, 0, 0, 0};
    uintptr_t tp = rt_tls_init(area, sizeof(area), &empty);
    assert_int_not_equal(tp, 0);
    assert_int_equal(*(uintptr_t *)tp, tp);
    struct rt_tls_image too_big = {NULL, 0, 600, 16};
    assert_int_equal(rt_tls_init(area, sizeof(area), &too_big), 0);
    struct rt_tls_image bad_align = {NULL, 0, 8, 24};
    assert_int_equal(rt_tls_init(area, sizeof(area), &bad_align), 0);
    struct rt_tls_image bad_sizes = {area, 16, 8, 16};
    assert_int_equal(rt_tls_init(area, sizeof(area), &bad_sizes), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_large_alignment),
        cmocka_unit_test(test_unaligned_segment),
        cmocka_unit_test(test_empty_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
