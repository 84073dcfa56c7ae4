/*
 * Validation of a binary capDL spec (capdl/spec.h) and small accessors. Shared by the host tool
 * (decode, self-check after writing) and the loader (before it creates anything), so both
 * accept exactly the same specs. Freestanding: no libc calls, no heap.
 */
#include <capdl/spec.h>
#include <sel4/objecttype.h>
#include <sel4/constants.h>

const uint32_t cdl_record_size[CDL_T_COUNT] = {
    sizeof(cdl_object_t), sizeof(cdl_cap_t), sizeof(cdl_tcb_t), sizeof(cdl_fill_t),
    sizeof(cdl_irq_t), sizeof(uint64_t), 1, sizeof(cdl_domain_entry_t),
};

static const char *const status_text[CDL_STATUS_COUNT] = {
    "ok", "spec truncated", "bad magic (not a capDL spec)", "unsupported spec version",
    "checksum mismatch", "table out of bounds or misaligned", "invalid object record",
    "invalid cap record", "invalid TCB record", "invalid fill record", "invalid IRQ record",
    "invalid string reference", "objects not in allocation order", "out of untyped memory",
    "physical address not inside any untyped", "physical address already taken",
    "spec not 8-byte aligned in memory", "invalid domain schedule",
    "invalid MCS record (scheduling context, reply, sched_control, TCB slot 6-8)",
};

const char *cdl_status_text(cdl_status_t s)
{
    return (unsigned)s < CDL_STATUS_COUNT ? status_text[s] : "unknown status";
}

static const char *const type_names[CDL_OBJ_TYPE_COUNT] = {
    "ut", "tcb", "ep", "notification", "cnode", "frame", "pt", "pd", "pdpt", "pml4",
    "asid_pool", "irq", "io_ports", "irq_control", "asid_control", "ioport_control", "domain",
    "sc", "rtreply", "sched_control",
};

const char *cdl_obj_type_name(uint32_t type)
{
    return type < CDL_OBJ_TYPE_COUNT ? type_names[type] : "?";
}

unsigned cdl_obj_mem_bits(uint32_t type, unsigned size_bits)
{
    switch (type) {
    case CDL_UNTYPED: return size_bits;
    case CDL_TCB: return seL4_TCBBits;
    case CDL_ENDPOINT: return seL4_EndpointBits;
    /* an MCS spec records the MCS size (2^6), a non-MCS one 0: this libsel4's size */
    case CDL_NOTIFICATION: return size_bits ? size_bits : seL4_NotificationBits;
    case CDL_CNODE: return size_bits + seL4_SlotBits;
    case CDL_FRAME: return size_bits;
    case CDL_PT: return seL4_PageTableBits;
    case CDL_PD: return seL4_PageDirBits;
    case CDL_PDPT: return seL4_PageTableBits; /* seL4_PDPTBits on x86_64, a page table on AArch64: 12 */
    case CDL_PML4: return seL4_VSpaceBits;
    case CDL_ASID_POOL: return seL4_ASIDPoolBits;
    case CDL_SC: return size_bits;
    case CDL_RTREPLY: return CDL_REPLY_BITS;
    default: return 0;
    }
}

const char *cdl_spec_string(const cdl_spec_t *s, uint32_t off)
{
    return off != 0 && off < s->n_strings ? s->strings + off : "";
}

static cdl_result_t res(cdl_status_t st, uint32_t index)
{
    cdl_result_t r = { st, index };
    return r;
}

/* Header fields and table bounds; fills the views of *s. */
static cdl_result_t check_header(const uint8_t *b, size_t len, cdl_spec_t *s)
{
    if (((uintptr_t)b & 7u) != 0) {
        return res(CDL_ERR_MISALIGNED, CDL_NONE);
    }
    if (len < sizeof(cdl_header_t)) {
        return res(CDL_ERR_TRUNCATED, CDL_NONE);
    }
    const cdl_header_t *h = (const cdl_header_t *)b;
    if (h->magic != CDL_SPEC_MAGIC) {
        return res(CDL_ERR_MAGIC, CDL_NONE);
    }
    /* an unknown flag is an option this reader would silently ignore */
    if (h->version != CDL_SPEC_VERSION || h->header_size != sizeof(cdl_header_t) ||
        (h->arch != CDL_ARCH_X86_64 && h->arch != CDL_ARCH_AARCH64) || (h->flags & ~CDL_SPEC_F_ALL) != 0) {
        return res(CDL_ERR_VERSION, CDL_NONE);
    }
    if (h->total_size > len || h->total_size < sizeof(cdl_header_t)) {
        return res(CDL_ERR_TRUNCATED, CDL_NONE);
    }
    if (cdl_crc32(0, b + 16, h->total_size - 16) != h->checksum) {
        return res(CDL_ERR_CHECKSUM, CDL_NONE);
    }
    for (uint32_t t = 0; t < CDL_T_COUNT; t++) {
        uint64_t off = h->tables[t].offset;
        uint64_t end = off + (uint64_t)h->tables[t].count * cdl_record_size[t];
        if ((off & 7u) != 0 || off < sizeof(cdl_header_t) || end > h->total_size) {
            return res(CDL_ERR_TABLE, t);
        }
    }
    s->base = b;
    s->hdr = h;
    s->objects = (const cdl_object_t *)(b + h->tables[CDL_T_OBJECTS].offset);
    s->caps = (const cdl_cap_t *)(b + h->tables[CDL_T_CAPS].offset);
    s->tcbs = (const cdl_tcb_t *)(b + h->tables[CDL_T_TCBS].offset);
    s->fills = (const cdl_fill_t *)(b + h->tables[CDL_T_FILLS].offset);
    s->irqs = (const cdl_irq_t *)(b + h->tables[CDL_T_IRQS].offset);
    s->wide = (const uint64_t *)(b + h->tables[CDL_T_WIDE].offset);
    s->strings = (const char *)(b + h->tables[CDL_T_STRINGS].offset);
    s->domain_schedule = (const cdl_domain_entry_t *)(b + h->tables[CDL_T_DOMAIN_SCHEDULE].offset);
    s->n_objects = h->tables[CDL_T_OBJECTS].count;
    s->n_caps = h->tables[CDL_T_CAPS].count;
    s->n_tcbs = h->tables[CDL_T_TCBS].count;
    s->n_fills = h->tables[CDL_T_FILLS].count;
    s->n_irqs = h->tables[CDL_T_IRQS].count;
    s->n_wide = h->tables[CDL_T_WIDE].count;
    s->n_strings = h->tables[CDL_T_STRINGS].count;
    s->n_domain_schedule = h->tables[CDL_T_DOMAIN_SCHEDULE].count;
    return res(CDL_OK, 0);
}

static bool string_ok(const cdl_spec_t *s, uint32_t off)
{
    if (off == 0) {
        return true;
    }
    if (off >= s->n_strings) {
        return false;
    }
    for (uint32_t i = off; i < s->n_strings; i++) {
        if (s->strings[i] == '\0') {
            return true;
        }
    }
    return false;
}

static bool size_ok(const cdl_object_t *o)
{
    switch (o->type) {
    case CDL_UNTYPED: return o->size_bits >= seL4_MinUntypedBits && o->size_bits <= seL4_MaxUntypedBits;
    case CDL_FRAME: return o->size_bits == seL4_PageBits || o->size_bits == seL4_LargePageBits ||
                           o->size_bits == seL4_HugePageBits;
    case CDL_CNODE: return o->size_bits >= 1 && o->size_bits <= 28;
    case CDL_SC: return o->size_bits >= CDL_MIN_SC_BITS && o->size_bits <= CDL_MAX_SC_BITS;
    case CDL_NOTIFICATION: return o->size_bits == 0 || o->size_bits == CDL_MCS_NOTIFICATION_BITS; /* sched.c */
    default: return o->size_bits == 0;
    }
}

/* Per-type aux fields point at valid records; types without a use for aux have CDL_NONE there
 * (first caps: check_objects; SC words and cores: sched.c). */
static bool aux_ok(const cdl_spec_t *s, const cdl_object_t *o)
{
    switch (o->type) {
    case CDL_FRAME:
    case CDL_UNTYPED: return o->aux == CDL_NONE || o->aux < s->n_wide; /* a paddr, or none */
    case CDL_TCB: return o->aux < s->n_tcbs;
    case CDL_IRQ: return o->aux < s->n_irqs;
    case CDL_IO_PORTS: return CDL_IO_PORTS_FIRST(o) <= CDL_IO_PORTS_LAST(o);
    case CDL_CNODE: case CDL_PT: case CDL_PD: case CDL_PDPT: case CDL_PML4: /* the first cap */
    case CDL_SC:
    case CDL_SCHED_CONTROL: return true;
    default: return o->aux == CDL_NONE;
    }
}

/* Where an object falls in the allocation order: 0 paddr, 1 memory, 2 no memory. */
static unsigned order_class(const cdl_object_t *o)
{
    if (cdl_obj_has_paddr(o)) {
        return 0;
    }
    return cdl_obj_mem_bits(o->type, o->size_bits) ? 1 : 2;
}

static bool order_ok(const cdl_spec_t *s, uint32_t i)
{
    if (i == 0) {
        return true;
    }
    const cdl_object_t *a = &s->objects[i - 1], *b = &s->objects[i];
    unsigned ca = order_class(a), cb = order_class(b);
    if (ca != cb) {
        return ca < cb;
    }
    if (ca == 0) {
        return cdl_obj_paddr(s, a) <= cdl_obj_paddr(s, b);
    }
    return ca == 2 || cdl_obj_mem_bits(a->type, a->size_bits) >= cdl_obj_mem_bits(b->type, b->size_bits);
}

/* Slot bound of a container: CNode 2^radix, TCB 10, paging tables 512, IRQ 1; else none. */
static uint64_t slot_limit(const cdl_object_t *o)
{
    switch (o->type) {
    case CDL_CNODE: return 1ull << o->size_bits;
    case CDL_TCB: return 10; /* slots 6-8 only in an MCS spec (sched.c) */
    case CDL_PT: case CDL_PD: case CDL_PDPT: case CDL_PML4: return 512;
    case CDL_IRQ: return 1;
    default: return 0;
    }
}

static cdl_result_t check_objects(const cdl_spec_t *s)
{
    uint32_t next_cap = 0;
    for (uint32_t i = 0; i < s->n_objects; i++) {
        const cdl_object_t *o = &s->objects[i];
        if (o->type >= CDL_OBJ_TYPE_COUNT || !size_ok(o) || !aux_ok(s, o)) {
            return res(CDL_ERR_OBJECT, i);
        }
        if (!string_ok(s, o->name)) {
            return res(CDL_ERR_STRING, i);
        }
        /* Caps are stored container by container, in object order: the first cap is the running
         * sum, which the types looked up out of order also carry in aux. A container holds no
         * more caps than it has slots (distinct, sorted: check_caps). */
        if (o->num_caps > s->n_caps - next_cap || (o->num_caps != 0 && o->num_caps > slot_limit(o)) ||
            (cdl_aux_is_first_cap(o->type) && o->aux != next_cap)) {
            return res(CDL_ERR_OBJECT, i);
        }
        next_cap += o->num_caps;
        if (!order_ok(s, i)) {
            return res(CDL_ERR_ORDER, i);
        }
    }
    return res(next_cap == s->n_caps ? CDL_OK : CDL_ERR_CAP, next_cap);
}

/* The data word of a cap to target: a wide index in range; a CNode cap's guard within its
 * guard size, and guard size plus the CNode's radix within a word (seL4's Mint refuses more);
 * nothing on caps to objects that take neither badge nor guard. */
static bool cap_data_ok(const cdl_spec_t *s, const cdl_cap_t *c, const cdl_object_t *target)
{
    if (c->data == 0) { /* most caps (every mapping): valid on any target */
        return true;
    }
    if ((c->data & CDL_CAP_DATA_WIDE) && (c->data & ~CDL_CAP_DATA_WIDE) >= s->n_wide) {
        return false;
    }
    switch (target->type) {
    case CDL_ENDPOINT:
    case CDL_NOTIFICATION: return true;
    case CDL_CNODE: {
        unsigned size = cdl_cap_guard_size(s, c);
        return (cdl_cap_guard(s, c) >> size) == 0 && size + target->size_bits <= 64;
    }
    default: return cdl_cap_data(s, c) == 0;
    }
}

/* The caps of one container, from ci: each slot above the one before (compared as slots, not as
 * words: equal slots with different rights are a duplicate) and below the container's limit. */
static cdl_result_t check_container_caps(const cdl_spec_t *s, const cdl_object_t *o, uint32_t ci)
{
    uint64_t limit = slot_limit(o), next = 0; /* the lowest slot the next cap may have */
    for (uint32_t end = ci + o->num_caps; ci < end; ci++) {
        const cdl_cap_t *c = &s->caps[ci];
        uint32_t slot = cdl_cap_slot(c);
        if (slot < next || slot >= limit || c->obj >= s->n_objects || !cap_data_ok(s, c, &s->objects[c->obj])) {
            return res(CDL_ERR_CAP, ci);
        }
        next = (uint64_t)slot + 1;
    }
    return res(CDL_OK, 0);
}

static cdl_result_t check_caps(const cdl_spec_t *s)
{
    uint32_t first = 0;
    for (uint32_t i = 0; i < s->n_objects; i++) {
        const cdl_object_t *o = &s->objects[i];
        if (o->num_caps != 0) {
            cdl_result_t r = check_container_caps(s, o, first);
            if (r.status != CDL_OK) {
                return r;
            }
            first += o->num_caps;
        }
    }
    return res(CDL_OK, 0);
}

static cdl_result_t check_fills(const cdl_spec_t *s)
{
    for (uint32_t i = 0; i < s->n_fills; i++) {
        const cdl_fill_t *f = &s->fills[i];
        if (f->frame >= s->n_objects || s->objects[f->frame].type != CDL_FRAME) {
            return res(CDL_ERR_FILL, i);
        }
        uint64_t size = 1ull << s->objects[f->frame].size_bits;
        if ((uint64_t)f->dest_off + f->len > size || !string_ok(s, f->file) ||
            (i > 0 && s->fills[i - 1].frame > f->frame)) {
            return res(CDL_ERR_FILL, i);
        }
    }
    return res(CDL_OK, 0);
}

/* An IRQ record the loader can act on: a known kind; IOAPIC trigger and polarity are 0 or 1;
 * an MSI's PCI address fits bus 0..255 (device and function are masked into range by layout);
 * an ARM IRQ's trigger is 0 or 1 and it targets core 0 (the kernels have one core). */
static bool irq_record_ok(const cdl_irq_t *q)
{
    switch (q->kind) {
    case CDL_IRQ_LEGACY:
    case CDL_IRQ_IOAPIC:
        return q->level <= 1 && q->polarity <= 1;
    case CDL_IRQ_MSI:
        return q->level == 0 && q->polarity == 0 && q->pci_address <= 0xffffu;
    case CDL_IRQ_ARM:
        return q->level <= 1 && q->polarity == 0 && q->target == 0 && q->reserved == 0;
    default:
        return false;
    }
}

static cdl_result_t check_records(const cdl_spec_t *s)
{
    for (uint32_t i = 0; i < s->n_tcbs; i++) {
        if (s->tcbs[i].nargs > 4 || (s->tcbs[i].flags & ~(CDL_TCB_F_RESUME | CDL_TCB_F_PASSIVE))) {
            return res(CDL_ERR_TCB, i);
        }
    }
    for (uint32_t i = 0; i < s->n_irqs; i++) {
        if (!irq_record_ok(&s->irqs[i])) {
            return res(CDL_ERR_IRQ, i);
        }
    }
    if (s->n_strings > 0 && s->strings[s->n_strings - 1] != '\0') {
        return res(CDL_ERR_STRING, CDL_NONE);
    }
    return res(CDL_OK, 0);
}

/*
 * The domain schedule as seL4's capDL tool accepts it: domains 0..255 (the layout's limit),
 * a duration of 0 only in the end marker (0, 0); a start that names an entry which is not an end
 * marker; no start or shift without a schedule; kernel indices that do not wrap. The kernel's own
 * limits (how many domains and entries it has) are the tool's check against its target and the
 * kernel's answer at load time.
 */
static cdl_result_t check_domain_schedule(const cdl_spec_t *s)
{
    const cdl_header_t *h = s->hdr;
    for (uint32_t i = 0; i < s->n_domain_schedule; i++) {
        cdl_domain_entry_t e = s->domain_schedule[i];
        if (CDL_DOMAIN_ENTRY_DURATION(e) == 0 && CDL_DOMAIN_ENTRY_DOMAIN(e) != 0) {
            return res(CDL_ERR_DOMAIN_SCHEDULE, i);
        }
    }
    if (h->domain_index_shift > 0xffffu || (s->n_domain_schedule == 0 && h->domain_index_shift != 0)) {
        return res(CDL_ERR_DOMAIN_SCHEDULE, CDL_NONE);
    }
    if (h->domain_start != CDL_NONE &&
        (h->domain_start >= s->n_domain_schedule ||
         CDL_DOMAIN_ENTRY_DURATION(s->domain_schedule[h->domain_start]) == 0)) {
        return res(CDL_ERR_DOMAIN_SCHEDULE, h->domain_start);
    }
    return res(CDL_OK, 0);
}

cdl_result_t cdl_spec_validate(const void *buf, size_t len, cdl_spec_t *out)
{
    cdl_result_t r = check_header(buf, len, out);
    if (r.status == CDL_OK) {
        r = check_records(out);
    }
    if (r.status == CDL_OK) {
        r = check_objects(out);
    }
    if (r.status == CDL_OK) {
        r = check_caps(out);
    }
    if (r.status == CDL_OK) {
        r = check_fills(out);
    }
    if (r.status == CDL_OK) {
        r = check_domain_schedule(out);
    }
    if (r.status == CDL_OK) {
        r = cdl_spec_check_sched(out);
    }
    return r;
}
