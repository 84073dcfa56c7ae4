/* Unit tests of kernel/src/kernel/elf.c: every way a root task module is refused, and loading. */
#include "core_fixture.h"
#include <kernel/elf.h>

#define USER_TOP 0x00007ffffffff000ull

typedef struct {
    elf64_header_t h;
    elf64_phdr_t ph[2];
    uint8_t data[0x200];
} test_elf_t;

static test_elf_t elf;

static void make_valid(void)
{
    memset(&elf, 0, sizeof(elf));
    memcpy(elf.h.e_ident, "\177ELF\2\1\1", 7);
    elf.h.e_type = ELF_ET_EXEC;
    elf.h.e_machine = ELF_EM_X86_64;
    elf.h.e_entry = 0x400010;
    elf.h.e_phoff = offsetof(test_elf_t, ph);
    elf.h.e_phentsize = sizeof(elf64_phdr_t);
    elf.h.e_phnum = 2;
    elf.ph[0] = (elf64_phdr_t){ .p_type = ELF_PT_LOAD, .p_offset = offsetof(test_elf_t, data),
                                .p_vaddr = 0x400000, .p_filesz = 0x100, .p_memsz = 0x100 };
    elf.ph[1] = (elf64_phdr_t){ .p_type = ELF_PT_LOAD, .p_offset = offsetof(test_elf_t, data) + 0x100,
                                .p_vaddr = 0x401008, .p_filesz = 0x10, .p_memsz = 0x2000 };
    for (unsigned i = 0; i < sizeof(elf.data); i++) {
        elf.data[i] = (uint8_t)(i + 1);
    }
}

static elf_status_t check(word_t size)
{
    elf_image_t img;
    return elf_check(&elf, size, USER_TOP, &img);
}

static void accepts_a_valid_executable(void **state)
{
    (void)state;
    make_valid();
    elf_image_t img;
    assert_int_equal(elf_check(&elf, sizeof(elf), USER_TOP, &img), ELF_OK);
    assert_int_equal(img.start, 0x400000);
    assert_int_equal(img.end, 0x404000); /* 0x401008 + 0x2000 rounded up */
    assert_int_equal(img.entry, 0x400010);
}

static void loads_segments_at_their_offsets(void **state)
{
    (void)state;
    make_valid();
    elf_image_t img;
    assert_int_equal(elf_check(&elf, sizeof(elf), USER_TOP, &img), ELF_OK);
    static uint8_t dest[0x4000];
    memset(dest, 0, sizeof(dest));
    elf_load(&elf, &img, dest);
    assert_memory_equal(dest, elf.data, 0x100);
    assert_memory_equal(dest + 0x1008, elf.data + 0x100, 0x10);
    assert_int_equal(dest[0x1018], 0); /* .bss stays zero */
    assert_int_equal(dest[0x100], 0);
}

static void refuses_broken_headers(void **state)
{
    (void)state;
    make_valid();
    assert_int_equal(check(10), ELF_TOO_SMALL);
    elf.h.e_ident[1] = 'X';
    assert_int_equal(check(sizeof(elf)), ELF_BAD_MAGIC);
    make_valid();
    elf.h.e_ident[4] = 1;
    assert_int_equal(check(sizeof(elf)), ELF_NOT_64BIT);
    make_valid();
    elf.h.e_ident[5] = 2;
    assert_int_equal(check(sizeof(elf)), ELF_NOT_LITTLE_ENDIAN);
    make_valid();
    elf.h.e_type = 3;
    assert_int_equal(check(sizeof(elf)), ELF_NOT_EXECUTABLE);
    make_valid();
    elf.h.e_phoff = sizeof(elf) - 8;
    assert_int_equal(check(sizeof(elf)), ELF_BAD_PHDRS);
}

static void names_the_wrong_machine(void **state)
{
    (void)state;
    make_valid();
    elf.h.e_machine = 183; /* AArch64 */
    elf_image_t img;
    assert_int_equal(elf_check(&elf, sizeof(elf), USER_TOP, &img), ELF_WRONG_MACHINE);
    assert_int_equal(img.machine, 183);
    assert_string_equal(elf_status_message(ELF_WRONG_MACHINE), "ELF file for another machine, not x86_64");
}

static void refuses_bad_segments(void **state)
{
    (void)state;
    make_valid();
    elf.ph[0].p_type = 4;
    elf.ph[1].p_type = 4;
    assert_int_equal(check(sizeof(elf)), ELF_NO_SEGMENTS);
    make_valid();
    elf.ph[1].p_filesz = 0x1000;
    assert_int_equal(check(sizeof(elf)), ELF_SEGMENT_OUTSIDE_FILE);
    make_valid();
    elf.ph[0].p_memsz = 0x80;
    assert_int_equal(check(sizeof(elf)), ELF_SEGMENT_FILESZ_TOO_BIG);
    make_valid();
    elf.ph[1].p_vaddr = 0xffffffff80100000ull;
    elf_image_t img;
    assert_int_equal(elf_check(&elf, sizeof(elf), USER_TOP, &img), ELF_SEGMENT_NOT_IN_USER_SPACE);
    assert_int_equal(img.bad_segment, 1);
    make_valid();
    elf.ph[1].p_vaddr = USER_TOP - 0x1000; /* ends past the top */
    assert_int_equal(check(sizeof(elf)), ELF_SEGMENT_NOT_IN_USER_SPACE);
    make_valid();
    elf.ph[1].p_vaddr = 0x4000f0;
    assert_int_equal(check(sizeof(elf)), ELF_SEGMENTS_OVERLAP);
    make_valid();
    elf.h.e_entry = 0x500000;
    assert_int_equal(check(sizeof(elf)), ELF_ENTRY_OUTSIDE_SEGMENTS);
}

/* The AArch64 boot's measure of the file QEMU's loader put in memory. */
static void measures_the_file(void **state)
{
    (void)state;
    make_valid();
    /* the second segment's file bytes end furthest */
    assert_int_equal(elf_file_size(&elf), offsetof(test_elf_t, data) + 0x110);
    elf.h.e_shoff = sizeof(elf);
    elf.h.e_shnum = 2;
    elf.h.e_shentsize = 64;
    assert_int_equal(elf_file_size(&elf), sizeof(elf) + 128); /* section headers after the data */
    elf.ph[0].p_filesz = 65ull << 20; /* over the 64 MiB bound */
    assert_int_equal(elf_file_size(&elf), 0);
    make_valid();
    elf.h.e_ident[1] = 'X';
    assert_int_equal(elf_file_size(&elf), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_a_valid_executable),
        cmocka_unit_test(loads_segments_at_their_offsets),
        cmocka_unit_test(refuses_broken_headers),
        cmocka_unit_test(names_the_wrong_machine),
        cmocka_unit_test(refuses_bad_segments),
        cmocka_unit_test(measures_the_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
