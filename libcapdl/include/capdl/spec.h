/*
 * The binary capDL spec: the one definition of the format the host tool writes and the loader
 * reads in place (docs/spec-format.md). Freestanding: fixed-width types only, no libc, no heap.
 *
 * Layout: a header, then flat tables (objects, caps, TCBs, fills, IRQs, wide values, strings,
 * the domain schedule),
 * each 8-byte aligned and referenced by (offset, count) from the header. All integers are
 * little endian; the records below are the exact byte layout (static asserts pin their sizes),
 * so a little-endian reader may use them in place. Objects are referenced by 32-bit index.
 * Object order is the allocation order (cdl_alloc.h): objects with a physical address first, by
 * address; then objects that need memory, largest first; then objects that need none.
 */
#ifndef CAPDL_SPEC_H
#define CAPDL_SPEC_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define CDL_SPEC_MAGIC 0x4C444343u /* "CCDL" read as a little-endian word */
#define CDL_SPEC_VERSION 5u /* 2: the domain schedule (table and start/shift fields); 3: MCS objects;
                                4: 16-byte objects (no first_cap, no aux2, fills found by order);
                                5: 12-byte objects and caps (16-bit num_caps, slot and rights in
                                one word, a CNode cap's guard size in its data word) */
#define CDL_ARCH_X86_64 1u
#define CDL_ARCH_AARCH64 2u        /* the same 4-level, 9-bit-per-level VSpace (docs/aarch64.md) */
/* The architecture of the code being compiled: what a loader built for it accepts. */
#ifdef __aarch64__
#define CDL_ARCH_NATIVE CDL_ARCH_AARCH64
#else
#define CDL_ARCH_NATIVE CDL_ARCH_X86_64
#endif
#define CDL_NONE 0xffffffffu       /* "no index" in aux fields */

/* Object types. Values are part of the format. */
typedef enum cdl_obj_type {
    CDL_UNTYPED = 0,
    CDL_TCB = 1,
    CDL_ENDPOINT = 2,
    CDL_NOTIFICATION = 3,
    CDL_CNODE = 4,
    CDL_FRAME = 5,        /* size_bits 12 (4K), 21 (2M) or 30 (1G) */
    CDL_PT = 6,           /* CNodes and paging tables: aux is the first cap (cdl_object_t) */
    CDL_PD = 7,
    CDL_PDPT = 8,
    CDL_PML4 = 9,
    CDL_ASID_POOL = 10,
    CDL_IRQ = 11,         /* aux: IRQ record; slot 0: the notification cap */
    CDL_IO_PORTS = 12,    /* aux: first port | last port << 16 */
    CDL_IRQ_CONTROL = 13, /* singletons: caps are copies of the loader's own */
    CDL_ASID_CONTROL = 14,
    CDL_IOPORT_CONTROL = 15,
    CDL_DOMAIN = 16,
    /* MCS only (CDL_SPEC_F_MCS; docs/mcs.md "The builder"): */
    CDL_SC = 17,          /* size_bits >= 7; aux: wide index of 5 words: budget, period (µs),
                             extra refills, badge, flags (CDL_SC_F_*) */
    CDL_RTREPLY = 18,     /* a reply object */
    CDL_SCHED_CONTROL = 19, /* aux: the core; caps are copies of the loader's SchedControl cap */
    CDL_OBJ_TYPE_COUNT = 20
} cdl_obj_type_t;

/* Cap rights: seL4_CapRights bit order. On frame caps GRANT means executable (capDL's X). */
#define CDL_RIGHT_WRITE 1u
#define CDL_RIGHT_READ 2u
#define CDL_RIGHT_GRANT 4u
#define CDL_RIGHT_GRANT_REPLY 8u
#define CDL_RIGHTS_ALL 15u

/* TCB container slots (capDL's fixed numbering). */
#define CDL_TCB_SLOT_CSPACE 0u
#define CDL_TCB_SLOT_VSPACE 1u
#define CDL_TCB_SLOT_IPC_BUFFER 4u
#define CDL_TCB_SLOT_SC 6u           /* MCS: the thread's scheduling context (capDL sc_slot) */
#define CDL_TCB_SLOT_TIMEOUT_EP 7u   /* MCS: the timeout endpoint (capDL temp_fault_ep_slot) */
#define CDL_TCB_SLOT_BOUND_NTFN 8u   /* MCS passive threads: the notification their SC waits on */

enum cdl_table {
    CDL_T_OBJECTS, CDL_T_CAPS, CDL_T_TCBS, CDL_T_FILLS, CDL_T_IRQS, CDL_T_WIDE, CDL_T_STRINGS,
    CDL_T_DOMAIN_SCHEDULE,
    CDL_T_COUNT
};

typedef struct cdl_table_ref {
    uint32_t offset; /* from the start of the spec, 8-byte aligned */
    uint32_t count;  /* records (bytes for the string table) */
} cdl_table_ref_t;

typedef struct cdl_header {
    uint32_t magic;
    uint16_t version;
    uint16_t header_size; /* sizeof(cdl_header_t) */
    uint32_t total_size;  /* bytes of the whole spec */
    uint32_t checksum;    /* CRC-32 (IEEE) of bytes [16, total_size) */
    uint64_t ram_bytes;   /* machine memory the tool's allocation check assumed */
    uint32_t arch;        /* CDL_ARCH_X86_64 or CDL_ARCH_AARCH64 */
    uint32_t flags;       /* CDL_SPEC_F_*: build options the loader obeys */
    uint32_t domain_start;       /* schedule entry the loader starts with at the end, or CDL_NONE */
    uint32_t domain_index_shift; /* kernel table index of the schedule's first entry */
    cdl_table_ref_t tables[CDL_T_COUNT];
} cdl_header_t;

/* After loading, before starting the threads, print the live capability state (`capdl-tool
 * build --dump-caps`; docs/verification.md). Specs written before the flag existed have 0. */
#define CDL_SPEC_F_DUMP_CAPS 1u
/* The system is for seL4's MCS configuration (scheduling contexts): only a loader built for MCS
 * loads it, and an MCS loader loads nothing else (the ABIs differ). Notifications then record
 * their MCS size (size_bits CDL_MCS_NOTIFICATION_BITS). */
#define CDL_SPEC_F_MCS 2u
#define CDL_SPEC_F_ALL (CDL_SPEC_F_DUMP_CAPS | CDL_SPEC_F_MCS)
#define CDL_MCS_NOTIFICATION_BITS 6u
#define CDL_MIN_SC_BITS 7u           /* seL4_MinSchedContextBits on 64-bit */
#define CDL_MAX_SC_BITS 16u          /* a limit of ours: 4,090 refills are plenty */
#define CDL_SC_CORE_BYTES 128u       /* seL4_CoreSchedContextBytes: header + 2 refills */
#define CDL_SC_REFILL_BYTES 16u
#define CDL_REPLY_BITS 5u            /* seL4_ReplyBits */
#define CDL_SC_MIN_BUDGET_US 20u     /* the kernel's minimum budget and period (2 x 10 µs WCET) */
/* The five wide words of an SC object, from its aux. */
#define CDL_SC_BUDGET 0u
#define CDL_SC_PERIOD 1u
#define CDL_SC_EXTRA_REFILLS 2u
#define CDL_SC_BADGE 3u
#define CDL_SC_FLAGS 4u
#define CDL_SC_WORDS 5u
/* The SC's flags word: configured with seL4_SchedContext_Sporadic. (Format 4 had it as an object
 * flag; format 5's object record has no flags, and SCs are few: 8 bytes each is cheap.) */
#define CDL_SC_F_SPORADIC 1u
/* The dump's first and last lines, as the loader prints them and `capdl-tool run` finds them. */
#define CDL_DUMP_FIRST_LINE "capdl-dump 1"
#define CDL_DUMP_LAST_LINE "# end of capdl-dump"

/* The most caps one container can hold: num_caps is 16 bits (format 5). The tool refuses a
 * system with more in one container, naming it; no CNode the YAML front end lays out comes
 * close. */
#define CDL_MAX_CAPS_PER_OBJECT 0xffffu

/*
 * 12 bytes (format 5; 16 in format 4, 24 before). An object's caps are [first, first + num_caps)
 * where first is the running sum of num_caps over the objects before it: caps are stored
 * container by container in object order, so a reader walking the objects in order keeps the
 * sum itself. Only CNodes and paging tables are looked up out of order (a thread's CSpace for
 * its fault endpoint, the VSpace walk), and those types have no other use for aux: there aux is
 * the first cap, which the validator requires to equal the running sum.
 *
 * No flags: a frame or untyped has a physical address exactly when its aux is not CDL_NONE (no
 * other use of aux on those types), and an SC's sporadic flag is in its wide words. type and
 * size_bits are plain bytes, so no reader masks them.
 */
typedef struct cdl_object {
    uint8_t type;      /* cdl_obj_type_t */
    uint8_t size_bits; /* untyped: bits; frame: page bits; cnode: radix; sc: bits; else 0 (an MCS
                          notification: 6) */
    uint16_t num_caps; /* caps sorted by slot; at most CDL_MAX_CAPS_PER_OBJECT */
    uint32_t name;     /* string table offset; 0 = unnamed */
    uint32_t aux;      /* TCB: tcb index; IRQ: irq index; SC: wide index; sched_control: core;
                          io_ports: first | last << 16; frame, untyped: wide index of the paddr or
                          CDL_NONE; CNode, PT, PD, PDPT, PML4: first cap; else CDL_NONE. A frame's
                          fills are the fills naming it (sorted by frame), not referenced here. */
} cdl_object_t;

/* Whether aux is the object's first cap (the types read out of object order). */
static inline bool cdl_aux_is_first_cap(uint32_t type)
{
    return type == CDL_CNODE || type == CDL_PT || type == CDL_PD || type == CDL_PDPT || type == CDL_PML4;
}

/* Whether the object has a physical address (its aux is then a wide index). */
static inline bool cdl_obj_has_paddr(const cdl_object_t *o)
{
    return (o->type == CDL_FRAME || o->type == CDL_UNTYPED) && o->aux != CDL_NONE;
}
#define CDL_IO_PORTS_FIRST(o) ((o)->aux & 0xffffu)
#define CDL_IO_PORTS_LAST(o) ((o)->aux >> 16)
#define CDL_IO_PORTS_AUX(first, last) ((uint32_t)(first) | (uint32_t)(last) << 16)

/*
 * 12 bytes (format 5; 16 before). slot_rights: the slot above the low 4 bits, the rights
 * (CDL_RIGHT_*) in them; a slot is below 2^28 (CNode radix 28 at most), so the word holds both.
 * data: an endpoint's or notification's badge; a cap to a CNode: seL4's CNode cap data word,
 * guard << 6 | guard size (seL4_CNode_CapData: the guard is 58 bits), what Mint and
 * TCB_Configure take; else 0. A value of 2^31 or more does not fit: data is then
 * CDL_CAP_DATA_WIDE | an index into the wide table, which holds the value.
 */
typedef struct cdl_cap {
    uint32_t slot_rights; /* slot << CDL_CAP_SLOT_SHIFT | rights */
    uint32_t obj;         /* target object */
    uint32_t data;        /* badge, CNode cap data, or CDL_CAP_DATA_WIDE | wide index */
} cdl_cap_t;

#define CDL_CAP_SLOT_SHIFT 4u
#define CDL_CAP_RIGHTS_MASK 15u
#define CDL_CAP_MAX_SLOT ((1u << (32 - CDL_CAP_SLOT_SHIFT)) - 1)
#define CDL_CAP_DATA_WIDE 0x80000000u
#define CDL_CAP_SLOT_RIGHTS(slot, rights) ((uint32_t)(slot) << CDL_CAP_SLOT_SHIFT | (uint32_t)(rights))
/* seL4_CNode_CapData on 64-bit: the guard size in the low 6 bits, the guard in the 58 above. */
#define CDL_GUARD_SIZE_BITS 6u
#define CDL_GUARD_MAX_BITS 58u
#define CDL_CNODE_CAP_DATA(guard, guard_size) ((uint64_t)(guard) << CDL_GUARD_SIZE_BITS | (uint64_t)(guard_size))

static inline uint32_t cdl_cap_slot(const cdl_cap_t *c)
{
    return c->slot_rights >> CDL_CAP_SLOT_SHIFT;
}

static inline uint32_t cdl_cap_rights(const cdl_cap_t *c)
{
    return c->slot_rights & CDL_CAP_RIGHTS_MASK;
}

#define CDL_TCB_F_RESUME 1u
/* MCS: the thread runs on its SC (slot 6) until it first waits, then gives the SC back to the
 * notification in slot 8 and runs only on SCs donated to it (docs/mcs.md, passive servers). */
#define CDL_TCB_F_PASSIVE 2u

typedef struct cdl_tcb {
    uint64_t ip, sp, ipc_buffer;
    uint64_t fault_ep;   /* CPtr in the thread's own CSpace, 0 = none */
    uint64_t args[4];    /* rdi, rsi, rdx, rcx */
    uint8_t prio, mcp, domain, nargs;
    uint32_t flags;      /* CDL_TCB_F_* */
} cdl_tcb_t;

typedef struct cdl_fill {
    uint32_t frame;      /* the frame object; fills are sorted by frame */
    uint32_t dest_off;   /* offset in the frame */
    uint32_t len;
    uint32_t file;       /* string: name of the embedded file (a component) */
    uint64_t src_off;    /* offset in that file */
} cdl_fill_t;

/* CDL_IRQ_ARM: a GIC interrupt of an AArch64 system (capDL's arm_irq): `irq` is the INTID,
 * `level` the trigger as seL4_IRQControl_GetTrigger takes it (0 level, 1 edge), `target` the
 * core (0: one core). A legacy IRQ on AArch64 is a GIC INTID with the kernel's default trigger. */
enum cdl_irq_kind { CDL_IRQ_LEGACY = 0, CDL_IRQ_IOAPIC = 1, CDL_IRQ_MSI = 2, CDL_IRQ_ARM = 3 };

/* The PCI address of an MSI source, as one word: bus << 8 | device << 3 | function. */
#define CDL_PCI_ADDRESS(bus, dev, fun) ((uint32_t)(bus) << 8 | (uint32_t)(dev) << 3 | (uint32_t)(fun))
#define CDL_PCI_BUS(a) ((a) >> 8)
#define CDL_PCI_DEV(a) (((a) >> 3) & 31u)
#define CDL_PCI_FUN(a) ((a) & 7u)

typedef struct cdl_irq {
    uint8_t kind;        /* cdl_irq_kind */
    uint8_t level, polarity, pad; /* IOAPIC; ARM: level = the trigger */
    uint32_t irq;        /* legacy: IRQ number; IOAPIC and MSI: vector; ARM: GIC INTID */
    union {
        struct {
            uint32_t ioapic, pin;        /* IOAPIC */
        };
        struct {
            uint32_t pci_address, handle; /* MSI: CDL_PCI_ADDRESS, and seL4's MSI handle */
        };
        struct {
            uint32_t target, reserved;    /* ARM: the target core; reserved 0 */
        };
    };
} cdl_irq_t;

/*
 * The domain schedule (capDL's `domains { schedule: ... }`): one word an entry, the loader
 * writes entry k at kernel index domain_index_shift + k with DomainSet_ScheduleConfigure and,
 * unless domain_start is CDL_NONE, finally calls DomainSet_ScheduleSetStart(domain_index_shift
 * + domain_start). A duration is in kernel ticks and below 2^56 (seL4's limit), so the domain
 * fits in the top byte. (0, 0) is an end marker: the kernel's walk wraps to the start there.
 */
typedef uint64_t cdl_domain_entry_t;
#define CDL_DOMAIN_DURATION_BITS 56u
#define CDL_DOMAIN_ENTRY(domain, duration) ((uint64_t)(domain) << CDL_DOMAIN_DURATION_BITS | (uint64_t)(duration))
#define CDL_DOMAIN_ENTRY_DOMAIN(e) ((uint32_t)((e) >> CDL_DOMAIN_DURATION_BITS))
#define CDL_DOMAIN_ENTRY_DURATION(e) ((e) & ((1ull << CDL_DOMAIN_DURATION_BITS) - 1))

_Static_assert(sizeof(cdl_header_t) == 104, "spec header layout");
_Static_assert(sizeof(cdl_object_t) == 12, "object record layout");
_Static_assert(sizeof(cdl_cap_t) == 12, "cap record layout");
_Static_assert(sizeof(cdl_tcb_t) == 72, "tcb record layout");
_Static_assert(sizeof(cdl_fill_t) == 24, "fill record layout");
_Static_assert(sizeof(cdl_irq_t) == 16, "irq record layout");

/* Record sizes by table, for writers and validators. */
extern const uint32_t cdl_record_size[CDL_T_COUNT];

/* A spec that passed cdl_spec_validate: typed views of its tables. */
typedef struct cdl_spec {
    const uint8_t *base;
    const cdl_header_t *hdr;
    const cdl_object_t *objects;
    const cdl_cap_t *caps;
    const cdl_tcb_t *tcbs;
    const cdl_fill_t *fills;
    const cdl_irq_t *irqs;
    const uint64_t *wide;
    const char *strings;
    const cdl_domain_entry_t *domain_schedule;
    uint32_t n_objects, n_caps, n_tcbs, n_fills, n_irqs, n_wide, n_strings, n_domain_schedule;
} cdl_spec_t;

typedef enum cdl_status {
    CDL_OK = 0,
    CDL_ERR_TRUNCATED, CDL_ERR_MAGIC, CDL_ERR_VERSION, CDL_ERR_CHECKSUM, CDL_ERR_TABLE,
    CDL_ERR_OBJECT, CDL_ERR_CAP, CDL_ERR_TCB, CDL_ERR_FILL, CDL_ERR_IRQ, CDL_ERR_STRING,
    CDL_ERR_ORDER,
    CDL_ERR_OUT_OF_MEMORY, CDL_ERR_PADDR_UNREACHABLE, CDL_ERR_PADDR_TAKEN,
    CDL_ERR_MISALIGNED, /* the spec does not start on an 8-byte boundary */
    CDL_ERR_DOMAIN_SCHEDULE,
    CDL_ERR_SCHED,     /* an MCS object or TCB slot that is wrong, or MCS in a non-MCS spec */
    CDL_STATUS_COUNT
} cdl_status_t;

typedef struct cdl_result {
    cdl_status_t status;
    uint32_t index; /* the offending record (object, cap, ...) or CDL_NONE */
} cdl_result_t;

/* CRC-32 (IEEE 802.3, reflected, as zlib) of len bytes, continuing from crc (start with 0). */
uint32_t cdl_crc32(uint32_t crc, const void *data, size_t len);

/*
 * Checks everything the loader relies on: header, table bounds and alignment, checksum, every
 * index and type, cap targets and slot order, string termination, fill bounds, object order,
 * the domain schedule's entries and start.
 * On success fills *out with views into buf (which must be 8-byte aligned) and returns CDL_OK.
 */
cdl_result_t cdl_spec_validate(const void *buf, size_t len, cdl_spec_t *out);

/* A short, static English text for a status ("checksum mismatch"). */
const char *cdl_status_text(cdl_status_t s);

/* Name of an object type as written in .cdl ("ep", "frame", ...), or "?" if out of range. */
const char *cdl_obj_type_name(uint32_t type);

/*
 * log2 of the memory an object of this type and size_bits takes from an untyped (a CNode of
 * radix r takes 2^(r + seL4_SlotBits)), or 0 when the object takes none (IRQs, I/O ports,
 * singletons). Sizes come from libsel4's ABI headers.
 */
unsigned cdl_obj_mem_bits(uint32_t type, unsigned size_bits);

/* MCS (sched.c): the wide words of SC object o, and whether the MCS records are consistent:
 * SCs with 20 µs <= budget <= period and extra refills that fit their size, TCB slots 6, 7 and
 * 8 holding an SC, an endpoint and a notification, passive threads with both, MCS objects and
 * flags only in an MCS spec, notifications of the spec's configuration's size. */
uint64_t cdl_sc_param(const cdl_spec_t *s, const cdl_object_t *o, unsigned which);
cdl_result_t cdl_spec_check_sched(const cdl_spec_t *s);

/* The string at offset off, or "" when off is 0 or out of range. */
const char *cdl_spec_string(const cdl_spec_t *s, uint32_t off);

/* The data of a cap (resolving wide values): a badge, or a CNode cap's seL4 CNode cap data word
 * (guard and guard size, below). Inline, as the other accessors the loader's walks use. */
static inline uint64_t cdl_cap_data(const cdl_spec_t *s, const cdl_cap_t *c)
{
    return (c->data & CDL_CAP_DATA_WIDE) ? s->wide[c->data & ~CDL_CAP_DATA_WIDE] : c->data;
}

/* The guard and guard size of a cap to a CNode, from its data. */
static inline uint64_t cdl_cap_guard(const cdl_spec_t *s, const cdl_cap_t *c)
{
    return cdl_cap_data(s, c) >> CDL_GUARD_SIZE_BITS;
}

static inline unsigned cdl_cap_guard_size(const cdl_spec_t *s, const cdl_cap_t *c)
{
    return (unsigned)(cdl_cap_data(s, c) & ((1u << CDL_GUARD_SIZE_BITS) - 1));
}

/* The physical address of an object with one (cdl_obj_has_paddr; 0 without). */
static inline uint64_t cdl_obj_paddr(const cdl_spec_t *s, const cdl_object_t *o)
{
    return cdl_obj_has_paddr(o) ? s->wide[o->aux] : 0;
}

#endif
