/*
 * Unit tests of the spec validator (libcapdl/src/spec.c), one check at a time: a small valid
 * spec is built by hand (every table used), one field is broken, the checksum recomputed, and
 * the exact status and record index asserted. Also the accessors and status texts.
 */
#include <capdl/spec.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

/* The spec as one struct: its fields are the tables, in order, each 8-byte aligned. */
typedef struct test_spec {
    cdl_header_t h;
    _Alignas(8) cdl_object_t o[6]; /* 12-byte records: each table starts 8-byte aligned */
    _Alignas(8) cdl_cap_t c[3];
    cdl_tcb_t t[1];
    cdl_fill_t f[2];
    cdl_irq_t q[1];
    uint64_t w[2];
    char s[8];
    cdl_domain_entry_t d[3];
} test_spec_t;

static test_spec_t g;

static void table(enum cdl_table t, size_t offset, uint32_t count)
{
    g.h.tables[t] = (cdl_table_ref_t){ (uint32_t)offset, count };
}

static void seal(void)
{
    g.h.checksum = cdl_crc32(0, (const uint8_t *)&g + 16, g.h.total_size - 16);
}

/* Objects in allocation order: paddr frame; then by memory (frame 12, TCB 11, CNode 4+5,
 * endpoint 4); then the IRQ, which takes none. */
static void build(void)
{
    memset(&g, 0, sizeof g);
    g.h = (cdl_header_t){ .magic = CDL_SPEC_MAGIC, .version = CDL_SPEC_VERSION, .header_size = sizeof(cdl_header_t),
                          .total_size = sizeof g, .ram_bytes = 512ull << 20, .arch = CDL_ARCH_X86_64,
                          .domain_start = 1 };
    table(CDL_T_OBJECTS, offsetof(test_spec_t, o), 6);
    table(CDL_T_CAPS, offsetof(test_spec_t, c), 3);
    table(CDL_T_TCBS, offsetof(test_spec_t, t), 1);
    table(CDL_T_FILLS, offsetof(test_spec_t, f), 2);
    table(CDL_T_IRQS, offsetof(test_spec_t, q), 1);
    table(CDL_T_WIDE, offsetof(test_spec_t, w), 2);
    table(CDL_T_STRINGS, offsetof(test_spec_t, s), sizeof g.s);
    table(CDL_T_DOMAIN_SCHEDULE, offsetof(test_spec_t, d), 3);
    g.o[0] = (cdl_object_t){ .type = CDL_FRAME, .size_bits = 12, .aux = 0 }; /* paddr: wide word 0 */
    g.o[1] = (cdl_object_t){ .type = CDL_FRAME, .size_bits = 12, .aux = CDL_NONE };
    g.o[2] = (cdl_object_t){ .type = CDL_TCB, .name = 1, .num_caps = 1, .aux = 0 };
    g.o[3] = (cdl_object_t){ .type = CDL_CNODE, .size_bits = 4, .num_caps = 2, .aux = 1 }; /* first cap */
    g.o[4] = (cdl_object_t){ .type = CDL_ENDPOINT, .aux = CDL_NONE };
    g.o[5] = (cdl_object_t){ .type = CDL_IRQ, .aux = 0 };
    /* the CSpace: guard 0 in 60 bits over radix 4; an endpoint badged 0x123456789 (wide word 1) */
    g.c[0] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(CDL_TCB_SLOT_CSPACE, CDL_RIGHTS_ALL), 3, CDL_CNODE_CAP_DATA(0, 60) };
    g.c[1] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(1, CDL_RIGHT_WRITE), 4, CDL_CAP_DATA_WIDE | 1 };
    g.c[2] = (cdl_cap_t){ CDL_CAP_SLOT_RIGHTS(15, CDL_RIGHT_READ), 1, 0 };
    g.t[0] = (cdl_tcb_t){ .ip = 0x401000, .nargs = 4, .flags = CDL_TCB_F_RESUME };
    g.f[0] = (cdl_fill_t){ .frame = 1, .dest_off = 16, .len = 4080, .file = 1 };
    g.f[1] = (cdl_fill_t){ .frame = 1, .len = 16, .file = 1 };
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_IOAPIC, .level = 1, .polarity = 1, .irq = 46, .pin = 14 };
    g.w[0] = 0xb8000;
    g.w[1] = 0x123456789ull;
    memcpy(g.s, "\0tcb\0\0\0", 8);
    g.d[0] = CDL_DOMAIN_ENTRY(0, 5);
    g.d[1] = CDL_DOMAIN_ENTRY(1, 5);
    g.d[2] = CDL_DOMAIN_ENTRY(0, 0); /* end marker */
    seal();
}

static cdl_result_t check(void)
{
    cdl_spec_t s;
    seal();
    return cdl_spec_validate(&g, sizeof g, &s);
}

#define EXPECT(st, idx) do { cdl_result_t r_ = check(); assert_int_equal(r_.status, st); \
                             assert_int_equal(r_.index, idx); build(); } while (0)

static void test_valid_and_accessors(void **state)
{
    (void)state;
    build();
    cdl_spec_t s;
    cdl_result_t r = cdl_spec_validate(&g, sizeof g, &s);
    assert_int_equal(r.status, CDL_OK);
    assert_int_equal(s.n_objects, 6);
    assert_int_equal(s.n_caps, 3);
    assert_string_equal(cdl_spec_string(&s, s.objects[2].name), "tcb");
    assert_string_equal(cdl_spec_string(&s, 0), "");
    assert_string_equal(cdl_spec_string(&s, 100), "");
    assert_int_equal(cdl_cap_data(&s, &s.caps[1]), 0x123456789ull);
    assert_int_equal(cdl_cap_data(&s, &s.caps[0]), 60);
    assert_int_equal(cdl_cap_guard(&s, &s.caps[0]), 0);
    assert_int_equal(cdl_cap_guard_size(&s, &s.caps[0]), 60);
    assert_int_equal(cdl_cap_slot(&s.caps[2]), 15);
    assert_int_equal(cdl_cap_rights(&s.caps[2]), CDL_RIGHT_READ);
    assert_int_equal(cdl_cap_rights(&s.caps[0]), CDL_RIGHTS_ALL);
    assert_true(cdl_obj_has_paddr(&s.objects[0]));
    assert_false(cdl_obj_has_paddr(&s.objects[1]));
    assert_int_equal(cdl_obj_paddr(&s, &s.objects[0]), 0xb8000);
    assert_int_equal(cdl_obj_paddr(&s, &s.objects[1]), 0);
    assert_int_equal(s.n_domain_schedule, 3);
    assert_int_equal(CDL_DOMAIN_ENTRY_DOMAIN(s.domain_schedule[1]), 1);
    assert_int_equal(CDL_DOMAIN_ENTRY_DURATION(s.domain_schedule[1]), 5);
}

/* Entries as seL4's capDL tool takes them, a start that names a real entry, no start or shift
 * without a schedule. */
static void test_domain_schedule(void **state)
{
    (void)state;
    build();
    g.d[2] = CDL_DOMAIN_ENTRY(1, 0); /* duration 0 is only for the end marker (0, 0) */
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, 2);
    g.d[0] = CDL_DOMAIN_ENTRY(255, (1ull << 56) - 1); /* the largest entry */
    EXPECT(CDL_OK, 0);
    g.h.domain_start = 2; /* an end marker */
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, 2);
    g.h.domain_start = 3; /* past the schedule */
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, 3);
    g.h.domain_start = CDL_NONE; /* capDL's no_start */
    EXPECT(CDL_OK, 0);
    g.h.domain_index_shift = 97;
    EXPECT(CDL_OK, 0);
    g.h.domain_index_shift = 0x10000;
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, CDL_NONE);
    g.h.tables[CDL_T_DOMAIN_SCHEDULE].count = 0;
    g.h.domain_start = CDL_NONE;
    EXPECT(CDL_OK, 0);
    g.h.tables[CDL_T_DOMAIN_SCHEDULE].count = 0; /* a start without a schedule */
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, 1);
    g.h.tables[CDL_T_DOMAIN_SCHEDULE].count = 0; /* a shift without a schedule */
    g.h.domain_start = CDL_NONE;
    g.h.domain_index_shift = 1;
    EXPECT(CDL_ERR_DOMAIN_SCHEDULE, CDL_NONE);
    assert_string_equal(cdl_status_text(CDL_ERR_DOMAIN_SCHEDULE), "invalid domain schedule");
}

static void test_header(void **state)
{
    (void)state;
    build();
    cdl_spec_t s;
    assert_int_equal(cdl_spec_validate(&g, sizeof(cdl_header_t) - 1, &s).status, CDL_ERR_TRUNCATED);
    assert_int_equal(cdl_spec_validate((const uint8_t *)&g + 4, sizeof g - 4, &s).status, CDL_ERR_MISALIGNED);
    assert_int_equal(cdl_spec_validate(&g, sizeof g - 1, &s).status, CDL_ERR_TRUNCATED); /* total_size > len */
    g.h.magic ^= 1;
    EXPECT(CDL_ERR_MAGIC, CDL_NONE);
    g.h.version = 1; /* before the domain schedule */
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.version = 4; /* 16-byte objects and caps: read as format 5 they would be garbage */
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.version = 6;
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.header_size = 80;
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.arch = 3; /* neither x86_64 (1) nor AArch64 (2) */
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.arch = CDL_ARCH_AARCH64; /* the same shape: the loader checks it is its own */
    EXPECT(CDL_OK, 0);
    g.h.flags = CDL_SPEC_F_DUMP_CAPS;
    EXPECT(CDL_OK, 0);
    g.h.flags = 4; /* unknown option */
    EXPECT(CDL_ERR_VERSION, CDL_NONE);
    g.h.total_size = sizeof(cdl_header_t) - 8;
    g.h.checksum = 0;
    cdl_result_t r = cdl_spec_validate(&g, sizeof g, &s);
    assert_int_equal(r.status, CDL_ERR_TRUNCATED);
    build();
    g.h.ram_bytes++; /* covered by the checksum, which is not recomputed here */
    assert_int_equal(cdl_spec_validate(&g, sizeof g, &s).status, CDL_ERR_CHECKSUM);
}

static void test_tables(void **state)
{
    (void)state;
    build();
    g.h.tables[CDL_T_CAPS].offset += 4; /* misaligned */
    EXPECT(CDL_ERR_TABLE, CDL_T_CAPS);
    g.h.tables[CDL_T_OBJECTS].offset = 80; /* inside the header */
    EXPECT(CDL_ERR_TABLE, CDL_T_OBJECTS);
    g.h.tables[CDL_T_DOMAIN_SCHEDULE].count = 4; /* one entry past the end */
    EXPECT(CDL_ERR_TABLE, CDL_T_DOMAIN_SCHEDULE);
    g.h.tables[CDL_T_WIDE].count = 0xffffffffu; /* count * 8 does not wrap */
    EXPECT(CDL_ERR_TABLE, CDL_T_WIDE);
    g.s[7] = 'x'; /* the string table must end in NUL */
    EXPECT(CDL_ERR_STRING, CDL_NONE);
}

static void test_objects(void **state)
{
    (void)state;
    build();
    g.o[4].type = CDL_OBJ_TYPE_COUNT;
    EXPECT(CDL_ERR_OBJECT, 4);
    g.o[1].size_bits = 13; /* frames: 12, 21, 30 */
    EXPECT(CDL_ERR_OBJECT, 1);
    g.o[3].size_bits = 29; /* CNode radix 1..28 */
    EXPECT(CDL_ERR_OBJECT, 3);
    g.o[4].size_bits = 1; /* fixed-size objects: 0 */
    EXPECT(CDL_ERR_OBJECT, 4);
    g.o[4].aux = 0; /* no use for aux on an endpoint: CDL_NONE, nothing else */
    EXPECT(CDL_ERR_OBJECT, 4);
    g.o[0].aux = 2; /* paddr: wide index out of range */
    EXPECT(CDL_ERR_OBJECT, 0);
    g.o[1].aux = 1; /* a paddr for the second frame (wide word 1), above the first's: in order */
    EXPECT(CDL_OK, 0);
    g.o[1].type = CDL_UNTYPED; /* an untyped's paddr too: 2^12 bytes at 0x123456789 */
    g.o[1].size_bits = 12;
    g.f[0].frame = g.f[1].frame = 0;
    EXPECT(CDL_OK, 0);
    g.o[2].aux = 1; /* TCB record out of range */
    EXPECT(CDL_ERR_OBJECT, 2);
    g.o[5].aux = 1; /* IRQ record out of range */
    EXPECT(CDL_ERR_OBJECT, 5);
    g.o[2].name = 8; /* past the string table */
    EXPECT(CDL_ERR_STRING, 2);
    g.o[2].name = 4; /* the NUL of "tcb": an empty string, allowed */
    EXPECT(CDL_OK, 0);
    g.o[4] = (cdl_object_t){ .type = CDL_IO_PORTS, .aux = CDL_IO_PORTS_AUX(0x3f8, 0x3ff) };
    EXPECT(CDL_ERR_CAP, 1); /* the endpoint cap's badge on an io_ports cap */
    g.o[4] = (cdl_object_t){ .type = CDL_IO_PORTS, .aux = CDL_IO_PORTS_AUX(0x3f8, 0x3ff) };
    g.c[1].data = 0;
    EXPECT(CDL_OK, 0);
    g.c[1].data = 0;
    g.o[4] = (cdl_object_t){ .type = CDL_IO_PORTS, .aux = CDL_IO_PORTS_AUX(0x3f8, 0x3f7) }; /* last < first */
    EXPECT(CDL_ERR_OBJECT, 4);
}

static void test_cap_ranges(void **state)
{
    (void)state;
    build();
    g.o[3].aux = 0; /* a CNode's aux is its first cap: the running sum of num_caps (1) */
    EXPECT(CDL_ERR_OBJECT, 3);
    g.o[3].aux = 2;
    EXPECT(CDL_ERR_OBJECT, 3);
    g.o[3].num_caps = 3; /* more caps than there are */
    EXPECT(CDL_ERR_OBJECT, 3);
    g.o[3].num_caps = 0xffff; /* the largest count: far past the cap table */
    EXPECT(CDL_ERR_OBJECT, 3);
    g.o[3].num_caps = 1; /* a cap nobody holds */
    EXPECT(CDL_ERR_CAP, 2);
    g.c[2].slot_rights = CDL_CAP_SLOT_RIGHTS(16, CDL_RIGHT_READ); /* CNode radix 4: slots 0..15 */
    EXPECT(CDL_ERR_CAP, 2);
    g.c[0].slot_rights = CDL_CAP_SLOT_RIGHTS(10, CDL_RIGHTS_ALL); /* TCB slots 0..9 */
    EXPECT(CDL_ERR_CAP, 0);
    g.c[2].slot_rights = CDL_CAP_SLOT_RIGHTS(1, CDL_RIGHT_READ); /* duplicate slot (not increasing) */
    EXPECT(CDL_ERR_CAP, 2);
    g.c[1].obj = 6; /* target out of range */
    EXPECT(CDL_ERR_CAP, 1);
    /* An endpoint holds no caps at all: its count is over its slots (none). */
    g.o[3].num_caps = 1;
    g.o[4].num_caps = 1;
    EXPECT(CDL_ERR_OBJECT, 4);
    /* An IRQ holds one cap, in slot 0: two are refused at the object, whatever the caps say. */
    g.o[3].num_caps = 1;
    g.o[5].num_caps = 1;
    EXPECT(CDL_ERR_CAP, 2); /* slot 15 of an IRQ */
    g.o[3].num_caps = 0;
    g.o[5].num_caps = 2;
    EXPECT(CDL_ERR_OBJECT, 5);
}

/* Slot and rights share a word: the rights stay in their 4 bits, the slot above them, and slot
 * order is the slots' order, not the words'. */
static void test_cap_slot_rights(void **state)
{
    (void)state;
    build();
    g.c[2].slot_rights = CDL_CAP_SLOT_RIGHTS(15, CDL_RIGHTS_ALL); /* all rights do not move the slot */
    EXPECT(CDL_OK, 0);
    g.c[1].slot_rights = CDL_CAP_SLOT_RIGHTS(15, CDL_RIGHT_WRITE); /* slot 15 twice: words 0xf1 < 0xf2 */
    g.c[2].slot_rights = CDL_CAP_SLOT_RIGHTS(15, CDL_RIGHT_READ);
    EXPECT(CDL_ERR_CAP, 2);
    g.c[2].slot_rights = 0xfffffff0u | CDL_RIGHT_READ; /* the largest slot the word holds, 2^28 - 1 */
    EXPECT(CDL_ERR_CAP, 2);
    g.c[2].slot_rights = 16u << CDL_CAP_SLOT_SHIFT; /* slot 16 with no rights: one past radix 4 */
    EXPECT(CDL_ERR_CAP, 2);
    assert_int_equal(CDL_CAP_MAX_SLOT, (1u << 28) - 1);
}

/* The data word: a wide index in range; a CNode cap's guard within its guard size and the guard
 * size within what the CNode's radix leaves of a word; no data on caps to other objects. */
static void test_cap_data(void **state)
{
    (void)state;
    build();
    g.c[1].data = CDL_CAP_DATA_WIDE | 2; /* wide index out of range */
    EXPECT(CDL_ERR_CAP, 1);
    g.c[1].data = 0x7fffffffu; /* the largest inline badge */
    EXPECT(CDL_OK, 0);
    g.c[0].data = (uint32_t)CDL_CNODE_CAP_DATA(0xf, 4); /* guard 0xf in 4 bits */
    EXPECT(CDL_OK, 0);
    g.c[0].data = (uint32_t)CDL_CNODE_CAP_DATA(0x10, 4); /* guard 0x10 does not fit 4 bits */
    EXPECT(CDL_ERR_CAP, 0);
    g.c[0].data = (uint32_t)CDL_CNODE_CAP_DATA(0, 61); /* 61 + radix 4 > 64 */
    EXPECT(CDL_ERR_CAP, 0);
    g.c[0].data = CDL_CAP_DATA_WIDE | 1; /* the guard from the wide table: 0x123456789 >> 6 in 9 bits */
    EXPECT(CDL_ERR_CAP, 0);
    g.w[1] = CDL_CNODE_CAP_DATA(0x2aaaaaaaaull, 60); /* a wide guard that fits its 60 bits */
    g.c[0].data = CDL_CAP_DATA_WIDE | 1;
    g.c[1].data = 5;
    EXPECT(CDL_OK, 0);
    g.c[2].data = 1; /* a frame cap takes no data */
    EXPECT(CDL_ERR_CAP, 2);
    g.c[2].data = CDL_CAP_DATA_WIDE | 0; /* not through the wide table either */
    EXPECT(CDL_ERR_CAP, 2);
}

/* A record cut by the end of the spec is a table out of bounds (12-byte records). */
static void test_truncated_records(void **state)
{
    (void)state;
    build();
    g.h.tables[CDL_T_CAPS].count = 3 + (uint32_t)((offsetof(test_spec_t, t) - offsetof(test_spec_t, c)) / 12) + 100;
    EXPECT(CDL_ERR_TABLE, CDL_T_CAPS);
    g.h.total_size = offsetof(test_spec_t, c) + 2 * sizeof(cdl_cap_t) + 4; /* the third cap cut after 4 bytes */
    EXPECT(CDL_ERR_TABLE, CDL_T_CAPS);
    g.h.total_size = offsetof(test_spec_t, o) + 5 * sizeof(cdl_object_t) + 8; /* the sixth object cut */
    EXPECT(CDL_ERR_TABLE, CDL_T_OBJECTS);
    g.h.tables[CDL_T_OBJECTS].count = 0x15555556u; /* count * 12 wraps 32 bits to 8 */
    EXPECT(CDL_ERR_TABLE, CDL_T_OBJECTS);
    assert_int_equal(cdl_record_size[CDL_T_OBJECTS], 12);
    assert_int_equal(cdl_record_size[CDL_T_CAPS], 12);
}

static void test_records_and_fills(void **state)
{
    (void)state;
    build();
    g.t[0].nargs = 5;
    EXPECT(CDL_ERR_TCB, 0);
    g.t[0].flags = 4;
    EXPECT(CDL_ERR_TCB, 0);
    g.q[0].kind = 4; /* past CDL_IRQ_ARM */
    EXPECT(CDL_ERR_IRQ, 0);
    /* a GIC interrupt: trigger 0 or 1, core 0, no polarity */
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_ARM, .level = 1, .irq = 33 };
    EXPECT(CDL_OK, 0);
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_ARM, .irq = 33, .target = 1 };
    EXPECT(CDL_ERR_IRQ, 0);
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_ARM, .level = 2, .irq = 33 };
    EXPECT(CDL_ERR_IRQ, 0);
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_ARM, .polarity = 1, .irq = 33 };
    EXPECT(CDL_ERR_IRQ, 0);
    g.q[0].polarity = 2;
    EXPECT(CDL_ERR_IRQ, 0);
    /* an MSI: PCI address and handle, no trigger or polarity */
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_MSI, .irq = 46, .pci_address = CDL_PCI_ADDRESS(255, 31, 7), .handle = 9 };
    EXPECT(CDL_OK, 0);
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_MSI, .irq = 46, .pci_address = 0x10000 };
    EXPECT(CDL_ERR_IRQ, 0);
    g.q[0] = (cdl_irq_t){ .kind = CDL_IRQ_MSI, .level = 1, .irq = 46 };
    EXPECT(CDL_ERR_IRQ, 0);
    g.f[0].len = 4081; /* 16 + 4081 > 4096 */
    EXPECT(CDL_ERR_FILL, 0);
    g.f[0].dest_off = 0xffffffffu; /* no 32-bit wrap */
    EXPECT(CDL_ERR_FILL, 0);
    g.f[0].frame = 2; /* not a frame */
    EXPECT(CDL_ERR_FILL, 0);
    g.f[0].frame = 6; /* past the objects */
    EXPECT(CDL_ERR_FILL, 0);
    g.f[1].frame = 0; /* fills are sorted by frame: the loader walks them in order */
    EXPECT(CDL_ERR_FILL, 1);
    g.f[0].frame = 0; /* two frames' fills, in order */
    EXPECT(CDL_OK, 0);
    g.f[0].file = 8; /* past the string table */
    EXPECT(CDL_ERR_FILL, 0);
}

static void test_order(void **state)
{
    (void)state;
    build();
    /* Memory objects largest first: the endpoint (16 bytes) before the CNode (512). */
    cdl_object_t cn = g.o[3];
    g.o[3] = g.o[4];
    g.o[4] = cn;
    g.c[1].obj = 3;
    EXPECT(CDL_ERR_ORDER, 4);
    /* An object without memory before one with. */
    cdl_object_t irq = g.o[5];
    g.o[5] = g.o[4];
    g.o[4] = irq;
    g.c[1].obj = 5;
    EXPECT(CDL_ERR_ORDER, 5);
    /* Two paddr frames out of address order. */
    g.o[1] = (cdl_object_t){ .type = CDL_FRAME, .size_bits = 12, .aux = 1 };
    g.w[1] = 0xb7000;
    EXPECT(CDL_ERR_ORDER, 1);
}

static void test_texts(void **state)
{
    (void)state;
    assert_string_equal(cdl_status_text(CDL_OK), "ok");
    assert_string_equal(cdl_status_text(CDL_ERR_CHECKSUM), "checksum mismatch");
    assert_string_equal(cdl_status_text(CDL_ERR_MISALIGNED), "spec not 8-byte aligned in memory");
    assert_string_equal(cdl_status_text(CDL_STATUS_COUNT), "unknown status");
    assert_string_equal(cdl_obj_type_name(CDL_ENDPOINT), "ep");
    assert_string_equal(cdl_obj_type_name(CDL_OBJ_TYPE_COUNT), "?");
    assert_int_equal(cdl_obj_mem_bits(CDL_CNODE, 4), 9);
    assert_int_equal(cdl_obj_mem_bits(CDL_IRQ, 0), 0);
    assert_int_equal(cdl_crc32(0, "123456789", 9), 0xCBF43926u); /* the CRC-32 check value */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_and_accessors),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_domain_schedule),
        cmocka_unit_test(test_objects),
        cmocka_unit_test(test_cap_ranges),
        cmocka_unit_test(test_cap_slot_rights),
        cmocka_unit_test(test_cap_data),
        cmocka_unit_test(test_truncated_records),
        cmocka_unit_test(test_records_and_fills),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
