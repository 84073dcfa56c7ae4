/*
 * Unit tests of the blob validator (libcapdl/src/blob.c) on a hand-built blob: header, a spec
 * placeholder, a two-entry file table, names and data; then one lying field at a time (the
 * values of issue 14: a total size of 2^40, tables and names beyond the loaded bytes).
 */
#include <capdl/blob.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

/* The blob as one struct, laid out as the tool writes it. */
static struct {
    cdl_blob_header_t h;
    uint64_t spec[4];
    cdl_blob_file_t files[2];
    char names[8];
    uint8_t data[16];
} b;

#define OFF(field) ((uint64_t)offsetof(__typeof__(b), field))

static void build(void)
{
    memset(&b, 0, sizeof b);
    b.h = (cdl_blob_header_t){ CDL_BLOB_MAGIC, CDL_BLOB_VERSION, sizeof b, OFF(spec), sizeof b.spec, OFF(files), 2, 0 };
    memcpy(b.names, "a\0bb\0", 5);
    b.files[0] = (cdl_blob_file_t){ OFF(names), OFF(data), 8 };
    b.files[1] = (cdl_blob_file_t){ OFF(names) + 2, OFF(data) + 8, 8 };
}

#define EXPECT(want, index) do { \
        cdl_blob_result_t r_ = cdl_blob_validate(&b, sizeof b); \
        assert_int_equal(r_.status, want); \
        assert_int_equal(r_.file, index); \
        build(); \
    } while (0)

static void test_valid(void **state)
{
    (void)state;
    build();
    EXPECT(CDL_BLOB_OK, 0);
    b.h.n_files = 0; /* no files: an empty table is fine */
    EXPECT(CDL_BLOB_OK, 0);
}

static void test_header(void **state)
{
    (void)state;
    build();
    assert_int_equal(cdl_blob_validate(&b, sizeof b.h - 1).status, CDL_BLOB_NONE);
    assert_int_equal(cdl_blob_validate(&b, sizeof b - 1).status, CDL_BLOB_SIZE); /* more than was loaded */
    b.h.magic = 0; /* the loader's placeholder */
    EXPECT(CDL_BLOB_NONE, 0);
    b.h.version = 2;
    EXPECT(CDL_BLOB_BAD_VERSION, 0);
    b.h.total_size = 1ull << 40;
    EXPECT(CDL_BLOB_SIZE, 0);
    b.h.total_size = sizeof b.h - 8;
    EXPECT(CDL_BLOB_SIZE, 0);
}

static void test_spec_and_table(void **state)
{
    (void)state;
    build();
    b.h.spec_offset = sizeof b + 8;
    EXPECT(CDL_BLOB_SPEC, 0);
    b.h.spec_size = UINT64_MAX - 8; /* offset + size wraps */
    EXPECT(CDL_BLOB_SPEC, 0);
    b.h.spec_offset += 4;
    EXPECT(CDL_BLOB_SPEC, 0);
    b.h.files_offset = 1ull << 40;
    EXPECT(CDL_BLOB_TABLE, 0);
    b.h.files_offset += 4;
    EXPECT(CDL_BLOB_TABLE, 0);
    b.h.n_files = 0xffffffffu;
    EXPECT(CDL_BLOB_TABLE, 0);
}

static void test_files(void **state)
{
    (void)state;
    build();
    b.files[1].name_offset = 1ull << 40;
    EXPECT(CDL_BLOB_FILE, 1);
    b.files[0].data_offset = sizeof b - 4;
    EXPECT(CDL_BLOB_FILE, 0);
    b.files[1].data_size = UINT64_MAX;
    EXPECT(CDL_BLOB_FILE, 1);
    b.files[1].name_offset = sizeof b - 1; /* the last byte, not a NUL */
    b.data[15] = 'x';
    EXPECT(CDL_BLOB_FILE, 1);
}

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(cdl_blob_status_text(CDL_BLOB_SIZE),
                        "its total size is larger than the loaded image or smaller than its header");
    assert_string_equal(cdl_blob_status_text(CDL_BLOB_STATUS_COUNT), "unknown status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_spec_and_table),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
