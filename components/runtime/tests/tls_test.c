/*
 * Host tests of the TLS block set-up (tls.c): placement below the thread pointer, copy of
 * .tdata, zeroing of .tbss, the self pointer at tp, alignment, and refusal when it does
 * not fit; and the PT_TLS search in a program's ELF headers.
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

/* A fabricated ELF64 header followed by three program headers, as the linker lays them out. */
struct fake_elf {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
    struct {
        uint32_t type, flags;
        uint64_t offset, vaddr, paddr, filesz, memsz, align;
    } ph[3];
};

static void test_image_from_elf(void **state)
{
    (void)state;
    struct fake_elf elf;
    memset(&elf, 0, sizeof(elf));
    elf.phoff = offsetof(struct fake_elf, ph);
    elf.phentsize = sizeof(elf.ph[0]);
    elf.phnum = 3;
    elf.ph[0].type = 1; /* PT_LOAD */
    elf.ph[0].vaddr = 0x400000;
    elf.ph[1].type = 7; /* PT_TLS */
    elf.ph[1].vaddr = 0x403000;
    elf.ph[1].filesz = 24;
    elf.ph[1].memsz = 40;
    elf.ph[1].align = 8;
    elf.ph[2].type = 0x6474e551; /* PT_GNU_STACK */
    struct rt_tls_image img = rt_tls_image_from_elf(&elf);
    assert_ptr_equal(img.image, (const void *)0x403000);
    assert_int_equal(img.filesz, 24);
    assert_int_equal(img.memsz, 40);
    assert_int_equal(img.align, 8);

    elf.ph[1].type = 1; /* no PT_TLS at all: an empty image */
    img = rt_tls_image_from_elf(&elf);
    assert_null(img.image);
    assert_int_equal(img.filesz, 0);
    assert_int_equal(img.memsz, 0);
    assert_int_equal(img.align, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_large_alignment),
        cmocka_unit_test(test_unaligned_segment),
        cmocka_unit_test(test_empty_and_errors),
        cmocka_unit_test(test_image_from_elf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
