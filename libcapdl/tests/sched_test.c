/*
 * Unit tests of the MCS part of the spec validator (libcapdl/src/sched.c): a small valid MCS
 * spec (a passive TCB with its SC, timeout endpoint and notification, a reply object, a
 * SchedControl cap) is built by hand, one field broken, and the exact status and object index
 * asserted.
 */
#include <capdl/spec.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

typedef struct test_spec {
    cdl_header_t h;
    _Alignas(8) cdl_object_t o[7]; /* 12-byte records: each table starts 8-byte aligned */
    _Alignas(8) cdl_cap_t c[5];
    cdl_tcb_t t[1];
    uint64_t w[CDL_SC_WORDS];
    char s[8];
} test_spec_t;

static test_spec_t g;

static void table(enum cdl_table t, size_t offset, uint32_t count)
{
    g.h.tables[t] = (cdl_table_ref_t){ (uint32_t)offset, count };
}

/* Allocation order: TCB 2^11, CNode 2^9, SC 2^8, notification 2^6, reply 2^5, endpoint 2^4,
 * then the SchedControl, which takes no memory. */
static void build(void)
{
    memset(&g, 0, sizeof g);
    g.h = (cdl_header_t){ .magic = CDL_SPEC_MAGIC, .version = CDL_SPEC_VERSION, .header_size = sizeof(cdl_header_t),
                          .total_size = sizeof g, .ram_bytes = 512ull << 20, .arch = CDL_ARCH_X86_64,
                          .flags = CDL_SPEC_F_MCS, .domain_start = CDL_NONE };
    table(CDL_T_OBJECTS, offsetof(test_spec_t, o), 7);
    table(CDL_T_CAPS, offsetof(test_spec_t, c), 5);
    table(CDL_T_TCBS, offsetof(test_spec_t, t), 1);
    table(CDL_T_FILLS, offsetof(test_spec_t, t), 0);
    table(CDL_T_IRQS, offsetof(test_spec_t, t), 0);
    table(CDL_T_WIDE, offsetof(test_spec_t, w), CDL_SC_WORDS);
    table(CDL_T_STRINGS, offsetof(test_spec_t, s), sizeof g.s);
    table(CDL_T_DOMAIN_SCHEDULE, offsetof(test_spec_t, s), 0);
    g.o[0] = (cdl_object_t){ .type = CDL_TCB, .num_caps = 4, .aux = 0 };
    g.o[1] = (cdl_object_t){ .type = CDL_CNODE, .size_bits = 4, .num_caps = 1, .aux = 4 };
    g.o[2] = (cdl_object_t){ .type = CDL_SC, .size_bits = 8, .aux = 0 };
    g.o[3] = (cdl_object_t){ .type = CDL_NOTIFICATION, .size_bits = CDL_MCS_NOTIFICATION_BITS, .aux = CDL_NONE };
    g.o[4] = (cdl_object_t){ .type = CDL_RTREPLY, .aux = CDL_NONE };
    g.o[5] = (cdl_object_t){ .type = CDL_ENDPOINT, .aux = CDL_NONE };
    g.o[6] = (cdl_object_t){ .type = CDL_SCHED_CONTROL, .aux = 0 };
    g.c[0] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(CDL_TCB_SLOT_CSPACE, CDL_RIGHTS_ALL), 1, CDL_CNODE_CAP_DATA(0, 60) };
    g.c[1] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(CDL_TCB_SLOT_SC, 0), 2, 0 };
    g.c[2] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(CDL_TCB_SLOT_TIMEOUT_EP, CDL_RIGHT_WRITE | CDL_RIGHT_GRANT_REPLY), 5, 0 };
    g.c[3] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(CDL_TCB_SLOT_BOUND_NTFN, CDL_RIGHT_READ), 3, 0 };
    g.c[4] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(1, 0), 6, 0 };
    g.t[0] = (cdl_tcb_t){ .ip = 0x401000, .flags = CDL_TCB_F_RESUME | CDL_TCB_F_PASSIVE };
    g.w[CDL_SC_BUDGET] = 1000;
    g.w[CDL_SC_PERIOD] = 2000;
    g.w[CDL_SC_EXTRA_REFILLS] = 8; /* 2^8 bytes: (256 - 128) / 16 = 8 extra refills at most */
    g.w[CDL_SC_BADGE] = 0xbeef;
}

static cdl_result_t check(void)
{
    cdl_spec_t s;
    g.h.checksum = cdl_crc32(0, (const uint8_t *)&g + 16, g.h.total_size - 16);
    return cdl_spec_validate(&g, sizeof g, &s);
}

#define EXPECT(st, idx) do { cdl_result_t r_ = check(); assert_int_equal(r_.status, st); \
                             assert_int_equal(r_.index, idx); build(); } while (0)

static void test_valid(void **state)
{
    (void)state;
    build();
    cdl_spec_t s;
    g.h.checksum = cdl_crc32(0, (const uint8_t *)&g + 16, g.h.total_size - 16);
    assert_int_equal(cdl_spec_validate(&g, sizeof g, &s).status, CDL_OK);
    assert_int_equal(cdl_sc_param(&s, &s.objects[2], CDL_SC_PERIOD), 2000);
    assert_int_equal(cdl_sc_param(&s, &s.objects[2], CDL_SC_BADGE), 0xbeef);
    assert_int_equal(cdl_obj_mem_bits(CDL_SC, 8), 8);
    assert_int_equal(cdl_obj_mem_bits(CDL_RTREPLY, 0), 5);
    assert_int_equal(cdl_obj_mem_bits(CDL_NOTIFICATION, 6), 6);
    assert_int_equal(cdl_obj_mem_bits(CDL_SCHED_CONTROL, 0), 0);
    assert_string_equal(cdl_obj_type_name(CDL_SC), "sc");
    assert_string_equal(cdl_obj_type_name(CDL_RTREPLY), "rtreply");
    assert_string_equal(cdl_obj_type_name(CDL_SCHED_CONTROL), "sched_control");
    assert_string_equal(cdl_status_text(CDL_ERR_SCHED),
                        "invalid MCS record (scheduling context, reply, sched_control, TCB slot 6-8)");
}

/* SchedControl_ConfigureFlags' checks, made on the spec. */
static void test_sc_params(void **state)
{
    (void)state;
    build();
    g.w[CDL_SC_BUDGET] = 2001; /* budget > period */
    EXPECT(CDL_ERR_SCHED, 2);
    g.w[CDL_SC_BUDGET] = 19; /* below the kernel's minimum budget */
    EXPECT(CDL_ERR_SCHED, 2);
    g.w[CDL_SC_BUDGET] = 20;
    g.w[CDL_SC_PERIOD] = 20; /* the smallest round robin */
    EXPECT(CDL_OK, 0);
    g.w[CDL_SC_EXTRA_REFILLS] = 9; /* more than 2^8 bytes hold */
    EXPECT(CDL_ERR_SCHED, 2);
    g.o[2].aux = 1; /* the five words run past the wide table */
    EXPECT(CDL_ERR_SCHED, 2);
    g.o[2].size_bits = 6; /* below seL4_MinSchedContextBits */
    EXPECT(CDL_ERR_OBJECT, 2);
    g.o[6].aux = 256; /* a core beyond the layout's limit */
    EXPECT(CDL_ERR_SCHED, 6);
    g.w[CDL_SC_FLAGS] = CDL_SC_F_SPORADIC; /* ConfigureFlags' seL4_SchedContext_Sporadic */
    EXPECT(CDL_OK, 0);
    g.w[CDL_SC_FLAGS] = 2; /* an SC flag nobody knows */
    EXPECT(CDL_ERR_SCHED, 2);
}

/* MCS objects, slots and flags belong to MCS specs only; MCS specs have MCS notifications. */
static void test_mcs_only(void **state)
{
    (void)state;
    build();
    g.h.flags = 0;
    EXPECT(CDL_ERR_SCHED, 0); /* the TCB's slot 6 comes first */
    g.h.flags = CDL_SPEC_F_MCS | 4; /* an unknown flag */
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.o[3].size_bits = 0; /* a non-MCS notification in an MCS spec */
    EXPECT(CDL_ERR_SCHED, 3);
}

/* Slot 6 holds an SC, 7 an endpoint, 8 a notification; passive threads have 6 and 8; only
 * passive threads have 8. */
static void test_tcb_slots(void **state)
{
    (void)state;
    build();
    g.c[1].obj = 5; /* an endpoint as the SC */
    EXPECT(CDL_ERR_SCHED, 0);
    g.c[2].obj = 3; /* a notification as the timeout endpoint */
    EXPECT(CDL_ERR_SCHED, 0);
    g.c[3].obj = 5; /* an endpoint as the notification */
    EXPECT(CDL_ERR_SCHED, 0);
    g.c[3].slot_rights = CDL_CAP_SLOT_RIGHTS(9, CDL_RIGHT_READ); /* a passive thread without its notification
                                                                     (slot 9 is not MCS's) */
    EXPECT(CDL_ERR_SCHED, 0);
    g.t[0].flags = CDL_TCB_F_RESUME; /* slot 8 without the passive flag */
    EXPECT(CDL_ERR_SCHED, 0);
    g.t[0].flags = CDL_TCB_F_RESUME | 4; /* an unknown TCB flag */
    EXPECT(CDL_ERR_TCB, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_sc_params),
        cmocka_unit_test(test_mcs_only),
        cmocka_unit_test(test_tcb_slots),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
