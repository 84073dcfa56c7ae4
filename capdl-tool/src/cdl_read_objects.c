/*
 * The objects section of a .cdl (cdl_read_internal.h): `name = type (params)`, arrays
 * `name[N] = ...`, and untyped covers (`ut_a/x = ...`, `u = ut (...) { ... }`), which are
 * refused: they place objects in a given untyped (static allocation), which the loader does not
 * do. Every object type of seL4's grammar is recognised; those the builder cannot make are
 * refused naming the reason (another architecture, IOMMU, MCS, virtualisation, MSI).
 */
#include "cdl_read_internal.h"

#include <stdlib.h>
#include <string.h>

/* Object parameters of seL4's grammar. */
enum param {
    P_BITS, P_SIZE, P_PADDR, P_FILL, P_ADDR, P_IP, P_SP, P_PRIO, P_MAX_PRIO, P_AFFINITY, P_RESUME, P_FPU,
    P_DOM, P_FAULT_EP, P_INIT, P_PORTS, P_ASID_HIGH, P_LEVEL, P_DOMAIN_ID, P_PCI, P_IOSPACE, P_PERIOD,
    P_BUDGET, P_DATA, P_BANK, P_IOAPIC_NUM, P_IOAPIC_PIN, P_IOAPIC_LEVEL, P_IOAPIC_POLARITY, P_MSI_HANDLE,
    P_MSI_BUS, P_MSI_DEV, P_MSI_FUN, P_TRIGGER, P_TARGET, P_IRQ, P_COUNT
};

static const char *const param_words[P_COUNT] = {
    "bits", "size", "paddr", "fill", "addr", "ip", "sp", "prio", "max_prio", "affinity", "resume", "fpu_disabled",
    "dom", "fault_ep", "init", "ports", "asid_high", "level", "domainID", "PCI device", "iospace", "period",
    "budget", "data", "bank", "ioapic_num", "ioapic_pin", "ioapic_level", "ioapic_polarity", "msi_handle",
    "msi_pci_bus", "msi_pci_dev", "msi_pci_fun", "trigger", "target", "irq",
};

typedef struct params {
    bool has[P_COUNT];
    pos_t at[P_COUNT];
    uint64_t v[P_COUNT]; /* P_PORTS: first port, P_INIT: count */
    uint64_t last_port;
    uint64_t init[4];
    size_t first_fill; /* fills of this object are m->fills[first_fill..] */
} params_t;

enum kind_flags { K_OK = 0, K_IOMMU, K_VIRT, K_ARM };

static const struct obj_kind {
    const char *word;
    int type;    /* cdl_obj_type_t, or -1 */
    uint8_t why; /* kind_flags when type is -1 */
    uint64_t params; /* bit set of the parameters seL4's tool allows */
} kinds[] = {
#define B(p) (1ull << (p))
    { "ep", CDL_ENDPOINT, K_OK, 0 },
    { "notification", CDL_NOTIFICATION, K_OK, 0 },
    { "tcb", CDL_TCB, K_OK,
      B(P_ADDR) | B(P_IP) | B(P_SP) | B(P_PRIO) | B(P_MAX_PRIO) | B(P_AFFINITY) | B(P_RESUME) | B(P_FPU) | B(P_DOM) |
          B(P_FAULT_EP) | B(P_INIT) },
    { "cnode", CDL_CNODE, K_OK, B(P_BITS) },
    { "ut", CDL_UNTYPED, K_OK, B(P_BITS) | B(P_PADDR) },
    { "irq", CDL_IRQ, K_OK, 0 },
    { "ioapic_irq", CDL_IRQ, K_OK, B(P_IOAPIC_NUM) | B(P_IOAPIC_PIN) | B(P_IOAPIC_LEVEL) | B(P_IOAPIC_POLARITY) },
    { "msi_irq", CDL_IRQ, K_OK, B(P_MSI_HANDLE) | B(P_MSI_BUS) | B(P_MSI_DEV) | B(P_MSI_FUN) },
    { "arm_irq", CDL_IRQ, K_OK, B(P_TRIGGER) | B(P_TARGET) },
    { "asid_pool", CDL_ASID_POOL, K_OK, B(P_ASID_HIGH) },
    { "pt", CDL_PT, K_OK, 0 },
    { "pd", CDL_PD, K_OK, 0 },
    { "pml4", CDL_PML4, K_OK, 0 },
    { "pdpt", CDL_PDPT, K_OK, 0 },
    /* AArch64's levels 0 and 1 (seL4's PGD and PUD): the same 4-level shape as x86_64's */
    { "pud", CDL_PDPT, K_OK, 0 },
    { "pgd", CDL_PML4, K_OK, 0 },
    { "frame", CDL_FRAME, K_OK, B(P_SIZE) | B(P_PADDR) | B(P_FILL) },
    { "io_ports", CDL_IO_PORTS, K_OK, B(P_PORTS) },
    { "io_device", -1, K_IOMMU, B(P_DOMAIN_ID) | B(P_PCI) },
    { "arm_io_device", -1, K_ARM, B(P_IOSPACE) },
    { "io_pt", -1, K_IOMMU, B(P_LEVEL) },
    { "vcpu", -1, K_VIRT, 0 },
    { "sc", CDL_SC, K_OK, B(P_PERIOD) | B(P_BUDGET) | B(P_DATA) | B(P_BITS) }, /* MCS: the system is for it */
    { "rtreply", CDL_RTREPLY, K_OK, 0 },
    { "streamid", -1, K_ARM, 0 },
    { "contextbank", -1, K_ARM, B(P_BANK) },
    { "smc", -1, K_ARM, 0 },
    { "arm_sgi_signal", -1, K_ARM, B(P_IRQ) | B(P_TARGET) },
#undef B
};

static const char *const why_text[] = {
    "", "IOMMU objects are not supported by capdl-tool yet",
    "virtualisation objects are not supported by capdl-tool yet",
    "Arm SMMU, SMC and SGI objects are not supported by capdl-tool yet",
};

/* The kinds one architecture's .cdl may name (the `arch` line); every other kind is common. */
static const struct {
    const char *word;
    bool aarch64;
} arch_kinds[] = {
    { "ioapic_irq", false }, { "msi_irq", false }, { "pml4", false }, { "pdpt", false }, { "io_ports", false },
    { "arm_irq", true }, { "pud", true }, { "pgd", true }, { "arm_io_device", true }, { "streamid", true },
    { "contextbank", true }, { "smc", true }, { "arm_sgi_signal", true },
};

/* False if the kind belongs to the other architecture than the file's. */
static bool kind_in_arch(const struct obj_kind *k, uint32_t arch)
{
    for (size_t i = 0; i < sizeof(arch_kinds) / sizeof(arch_kinds[0]); i++) {
        if (strcmp(arch_kinds[i].word, k->word) == 0) {
            return arch_kinds[i].aarch64 == (arch == CDL_ARCH_AARCH64);
        }
    }
    return true;
}

static const struct obj_kind *kind_of(const char *word)
{
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strcmp(kinds[i].word, word) == 0) {
            return &kinds[i];
        }
    }
    return NULL;
}

static void set(cdl_parser_t *p, params_t *ps, int k, uint64_t v, pos_t at)
{
    if (ps->has[k]) {
        cdl_lex_fail_at(&p->lex, at, "parameter '%s' given twice", param_words[k]);
    }
    ps->has[k] = true;
    ps->at[k] = at;
    ps->v[k] = v;
}

static bool boolean(cdl_parser_t *p)
{
    if (cdl_accept(&p->lex, "True")) {
        return true;
    }
    if (cdl_accept(&p->lex, "False")) {
        return false;
    }
    cdl_lex_fail(&p->lex, "expected True or False");
}

static void init_list(cdl_parser_t *p, params_t *ps, pos_t at)
{
    cdl_expect(&p->lex, "[");
    uint64_t n = 0;
    while (!cdl_is(&p->lex, "]")) {
        if (n == 4) {
            cdl_lex_fail(&p->lex, "at most 4 init arguments are supported (they go in registers; seL4's loader "
                                  "puts more on the stack)");
        }
        ps->init[n++] = cdl_number(&p->lex, "an init argument");
        if (!cdl_is(&p->lex, "]")) {
            cdl_expect(&p->lex, ",");
        }
    }
    cdl_lex_next(&p->lex);
    set(p, ps, P_INIT, n, at);
}

/* `{dest len CDL_FrameFill_FileData "file" src}`, ... (seL4's loader also has BootInfo fills). */
static void fill_list(cdl_parser_t *p, params_t *ps, pos_t at)
{
    cdl_lex_t *l = &p->lex;
    set(p, ps, P_FILL, 0, at);
    cdl_expect(l, "[");
    while (!cdl_is(l, "]")) {
        cdl_expect(l, "{");
        model_fill_t f = { .frame = CDL_NONE };
        uint64_t dest = cdl_number(l, "the fill's destination offset");
        uint64_t len = cdl_number(l, "the fill's length");
        if (cdl_is(l, "CDL_FrameFill_BootInfo")) {
            cdl_lex_fail(l, "boot information fills are not supported by capdl-tool yet");
        }
        cdl_expect(l, "CDL_FrameFill_FileData");
        if (l->kind != CDL_T_STRING) {
            cdl_lex_fail(l, "expected the fill's file name as a string");
        }
        char file[CDL_TOKEN_MAX];
        strcpy(file, l->text);
        cdl_lex_next(l);
        f.src_off = cdl_number(l, "the fill's source offset");
        if (dest > UINT32_MAX || len > UINT32_MAX) {
            cdl_lex_fail_at(l, at, "fill offset or length too large");
        }
        f.dest_off = (uint32_t)dest;
        f.len = (uint32_t)len;
        cdl_expect(l, "}");
        if (p->pass == 1) {
            f.file = model_strdup(p->m, file);
            VEC_PUSH(p->m->fills, f);
        }
        if (!cdl_is(l, "]")) {
            cdl_expect(l, ",");
        }
    }
    cdl_lex_next(l);
}

static uint64_t colon_number(cdl_lex_t *l, const char *what)
{
    cdl_expect(l, ":");
    return cdl_number(l, what);
}

/* Keyed parameters `key: value`; the current token is the key. */
static void keyed_param(cdl_parser_t *p, params_t *ps)
{
    cdl_lex_t *l = &p->lex;
    pos_t at = l->pos;
    char key[CDL_TOKEN_MAX];
    cdl_name(l, key, "an object parameter");
    int k = 0;
    while (k < P_COUNT && strcmp(param_words[k], key) != 0) {
        k++;
    }
    if (k == P_COUNT || k == P_BITS || k == P_SIZE || k == P_PCI) {
        cdl_lex_fail_at(l, at, "unknown object parameter '%s'", key);
    }
    if (k == P_RESUME || k == P_FPU) {
        cdl_expect(l, ":");
        set(p, ps, k, boolean(p), at);
    } else if (k == P_INIT) {
        cdl_expect(l, ":");
        init_list(p, ps, at);
    } else if (k == P_FILL) {
        cdl_expect(l, ":");
        fill_list(p, ps, at);
    } else if (k == P_PORTS) {
        cdl_expect(l, ":");
        cdl_expect(l, "[");
        uint64_t first = cdl_number(l, "the first port");
        cdl_expect(l, "..");
        ps->last_port = cdl_number(l, "the last port");
        cdl_expect(l, "]");
        set(p, ps, k, first, at);
    } else if (k == P_TRIGGER) {
        /* seL4's parser reads the keywords, its printer writes 0 or 1: both are read */
        cdl_expect(l, ":");
        uint64_t edge = 0;
        if (l->kind == CDL_T_NUM) {
            edge = cdl_number(l, "a trigger");
            if (edge > 1) {
                cdl_lex_fail_at(l, at, "trigger %llu: expected level (0) or edge (1)", (unsigned long long)edge);
            }
        } else if (cdl_accept(l, "edge")) {
            edge = 1;
        } else if (!cdl_accept(l, "level")) {
            cdl_lex_fail(l, "expected level or edge");
        }
        set(p, ps, k, edge, at);
    } else {
        set(p, ps, k, colon_number(l, "a number"), at);
    }
}

static void one_param(cdl_parser_t *p, params_t *ps)
{
    cdl_lex_t *l = &p->lex;
    if (l->kind != CDL_T_NUM) {
        keyed_param(p, ps);
        return;
    }
    /* a number starts `N bits`, a frame size `N k`/`N M` or a PCI device `b:d.f` */
    pos_t at = l->pos;
    uint64_t n = l->num;
    cdl_lex_next(l);
    if (cdl_accept(l, "bits")) {
        set(p, ps, P_BITS, n, at);
    } else if (cdl_is(l, "k") || cdl_is(l, "M")) {
        uint64_t unit = cdl_is(l, "k") ? 10 : 20;
        cdl_lex_next(l);
        if (n == 0 || (n & (n - 1)) != 0 || n > (UINT64_MAX >> unit)) {
            cdl_lex_fail_at(l, at, "frame size not a power of 2");
        }
        set(p, ps, P_SIZE, (uint64_t)__builtin_ctzll(n) + unit, at);
    } else if (cdl_is(l, ":")) {
        cdl_lex_next(l);
        cdl_number(l, "a PCI device");
        cdl_expect(l, ".");
        cdl_number(l, "a PCI function");
        set(p, ps, P_PCI, 0, at);
    } else {
        cdl_lex_fail(l, "expected 'bits', 'k' or 'M' after the number");
    }
}

static void parse_params(cdl_parser_t *p, params_t *ps)
{
    ps->first_fill = p->m->fills.n;
    if (!cdl_accept(&p->lex, "(")) {
        return;
    }
    while (!cdl_is(&p->lex, ")")) {
        one_param(p, ps);
        if (!cdl_is(&p->lex, ")")) {
            cdl_expect(&p->lex, ",");
        }
    }
    cdl_lex_next(&p->lex);
}

static void check_allowed(cdl_parser_t *p, const struct obj_kind *k, const params_t *ps, pos_t type_pos)
{
    for (int i = 0; i < P_COUNT; i++) {
        if (ps->has[i] && !(k->params & (1ull << i))) {
            cdl_lex_fail_at(&p->lex, ps->at[i], "parameter '%s' does not apply to %s objects", param_words[i], k->word);
        }
    }
    if (!kind_in_arch(k, p->m->arch)) {
        cdl_lex_fail_at(&p->lex, type_pos, "'%s' objects cannot be built: it is not an %s object", k->word,
                        p->m->arch == CDL_ARCH_AARCH64 ? "AArch64" : "x86_64");
    }
    if (k->type < 0) {
        cdl_lex_fail_at(&p->lex, type_pos, "'%s' objects cannot be built: %s", k->word, why_text[k->why]);
    }
}

static void need(cdl_parser_t *p, const params_t *ps, int k, pos_t pos, const char *type)
{
    if (!ps->has[k]) {
        cdl_lex_fail_at(&p->lex, pos, "a %s object needs its '%s' parameter", type, param_words[k]);
    }
}

static uint64_t at_most(cdl_parser_t *p, const params_t *ps, int k, uint64_t max)
{
    if (ps->v[k] > max) {
        cdl_lex_fail_at(&p->lex, ps->at[k], "'%s' is %llu: at most %llu", param_words[k], (unsigned long long)ps->v[k],
                        (unsigned long long)max);
    }
    return ps->v[k];
}

static void make_tcb(cdl_parser_t *p, const params_t *ps, pos_t pos, model_tcb_t *t)
{
    /* seL4's tool takes addr, ip, sp, prio, max_prio, affinity all together, or addr and affinity. */
    static const int group[] = { P_ADDR, P_IP, P_SP, P_PRIO, P_MAX_PRIO, P_AFFINITY };
    unsigned given = 0;
    for (int i = 0; i < 6; i++) {
        given |= ps->has[group[i]] ? 1u << i : 0;
    }
    if (given != 0 && given != 0x3f && given != 0x21) {
        cdl_lex_fail_at(&p->lex, pos, "a tcb takes addr, ip, sp, prio, max_prio and affinity together, or addr and "
                                      "affinity alone (as seL4's capDL tool does)");
    }
    if (!ps->has[P_AFFINITY] && (ps->has[P_RESUME] || ps->has[P_FPU])) {
        cdl_lex_fail_at(&p->lex, pos, "a tcb with 'resume' or 'fpu_disabled' needs addr and affinity too");
    }
    if (ps->has[P_AFFINITY] && ps->v[P_AFFINITY] != 0) {
        cdl_lex_fail_at(&p->lex, ps->at[P_AFFINITY], "affinity %llu: the kernel runs on one core (affinity 0)",
                        (unsigned long long)ps->v[P_AFFINITY]);
    }
    if (ps->has[P_FPU] && ps->v[P_FPU]) {
        cdl_lex_fail_at(&p->lex, ps->at[P_FPU], "fpu_disabled: True is not supported: every thread has the FPU");
    }
    t->ipc_buffer = ps->v[P_ADDR];
    t->ip = ps->v[P_IP];
    t->sp = ps->v[P_SP];
    t->prio = (uint8_t)at_most(p, ps, P_PRIO, 255);
    t->mcp = (uint8_t)at_most(p, ps, P_MAX_PRIO, 255);
    t->domain = (uint8_t)at_most(p, ps, P_DOM, 255);
    t->fault_ep = ps->v[P_FAULT_EP];
    t->resume = ps->has[P_RESUME] ? ps->v[P_RESUME] != 0 : true; /* seL4's tools resume by default */
    t->nargs = (uint8_t)ps->v[P_INIT];
    memcpy(t->args, ps->init, sizeof(t->args));
}

static void make_irq(cdl_parser_t *p, const struct obj_kind *k, const params_t *ps, pos_t pos, cdl_irq_t *q)
{
    q->kind = !k->params                               ? CDL_IRQ_LEGACY
              : (k->params & (1ull << P_MSI_HANDLE)) ? CDL_IRQ_MSI
              : (k->params & (1ull << P_TRIGGER))    ? CDL_IRQ_ARM
                                                     : CDL_IRQ_IOAPIC;
    if (q->kind == CDL_IRQ_ARM) {
        /* seL4's tool needs both; the kernels here run on one core */
        need(p, ps, P_TRIGGER, pos, "arm_irq");
        need(p, ps, P_TARGET, pos, "arm_irq");
        if (ps->v[P_TARGET] != 0) {
            cdl_lex_fail_at(&p->lex, ps->at[P_TARGET], "target %llu: the kernel runs on one core (target 0)",
                            (unsigned long long)ps->v[P_TARGET]);
        }
        q->level = (uint8_t)ps->v[P_TRIGGER];
    } else if (q->kind == CDL_IRQ_MSI) {
        static const int all[] = { P_MSI_HANDLE, P_MSI_BUS, P_MSI_DEV, P_MSI_FUN };
        for (int i = 0; i < 4; i++) {
            need(p, ps, all[i], pos, "msi_irq");
        }
        q->handle = (uint32_t)at_most(p, ps, P_MSI_HANDLE, UINT32_MAX);
        q->pci_address = CDL_PCI_ADDRESS(at_most(p, ps, P_MSI_BUS, 255), at_most(p, ps, P_MSI_DEV, 31),
                                         at_most(p, ps, P_MSI_FUN, 7));
    } else if (q->kind == CDL_IRQ_IOAPIC) {
        static const int all[] = { P_IOAPIC_NUM, P_IOAPIC_PIN, P_IOAPIC_LEVEL, P_IOAPIC_POLARITY };
        for (int i = 0; i < 4; i++) {
            need(p, ps, all[i], pos, "ioapic_irq");
        }
        q->ioapic = (uint32_t)at_most(p, ps, P_IOAPIC_NUM, 7);
        q->pin = (uint32_t)at_most(p, ps, P_IOAPIC_PIN, 23);
        q->level = (uint8_t)at_most(p, ps, P_IOAPIC_LEVEL, 1);
        q->polarity = (uint8_t)at_most(p, ps, P_IOAPIC_POLARITY, 1);
    }
}

/* Sets the size and address fields of object o from the parameters. */
static void make_sized(cdl_parser_t *p, model_obj_t *o, const params_t *ps, pos_t pos)
{
    if (o->type == CDL_CNODE || o->type == CDL_UNTYPED) {
        need(p, ps, P_BITS, pos, o->type == CDL_CNODE ? "cnode" : "ut");
        o->size_bits = (uint8_t)at_most(p, ps, P_BITS, o->type == CDL_CNODE ? 27 : 47);
        if (o->type == CDL_UNTYPED && o->size_bits < 4) {
            cdl_lex_fail_at(&p->lex, ps->at[P_BITS], "an untyped has at least 4 bits");
        }
    } else if (o->type == CDL_FRAME) {
        need(p, ps, P_SIZE, pos, "frame");
        o->size_bits = (uint8_t)ps->v[P_SIZE];
        if (o->size_bits != 12 && o->size_bits != 21 && o->size_bits != 30) {
            cdl_lex_fail_at(&p->lex, ps->at[P_SIZE], "%s frames are 4k, 2M or 1024M (1G)",
                            p->m->arch == CDL_ARCH_AARCH64 ? "AArch64" : "x86_64");
        }
    } else if (o->type == CDL_IO_PORTS) {
        need(p, ps, P_PORTS, pos, "io_ports");
        if (ps->v[P_PORTS] > ps->last_port || ps->last_port > 0xffff) {
            cdl_lex_fail_at(&p->lex, ps->at[P_PORTS], "I/O port range must be first..last within 0..0xffff");
        }
        o->aux = (uint32_t)ps->v[P_PORTS];
        o->aux2 = (uint32_t)ps->last_port;
    }
    o->has_paddr = ps->has[P_PADDR];
    o->paddr = ps->v[P_PADDR];
    if (o->has_paddr && (o->paddr & ((1ull << model_obj_mem_bits(o)) - 1)) != 0) {
        cdl_lex_fail_at(&p->lex, ps->at[P_PADDR], "paddr 0x%llx is not aligned to the object's size",
                        (unsigned long long)o->paddr);
    }
}

/* An MCS scheduling context: budget and period (µs, both: the loader configures every SC),
 * data (its badge, kept in paddr as model.h says), bits (seL4's minimum by default). */
static void make_sc(cdl_parser_t *p, const params_t *ps, pos_t pos, model_obj_t *o)
{
    need(p, ps, P_PERIOD, pos, "sc");
    need(p, ps, P_BUDGET, pos, "sc");
    o->aux2 = (uint32_t)at_most(p, ps, P_PERIOD, UINT32_MAX);
    o->aux = (uint32_t)at_most(p, ps, P_BUDGET, UINT32_MAX);
    o->size_bits = ps->has[P_BITS] ? (uint8_t)at_most(p, ps, P_BITS, CDL_MAX_SC_BITS) : CDL_MIN_SC_BITS;
    if (o->size_bits < CDL_MIN_SC_BITS) {
        cdl_lex_fail_at(&p->lex, ps->at[P_BITS], "an sc has at least %u bits (seL4_MinSchedContextBits)",
                        CDL_MIN_SC_BITS);
    }
    o->paddr = ps->has[P_DATA] ? ps->v[P_DATA] : 0;
}

/* An object ready to be added: everything that can be wrong with its parameters is checked. */
typedef struct prepared {
    model_obj_t o;
    model_tcb_t t;
    cdl_irq_t q;
} prepared_t;

static void prepare(cdl_parser_t *p, const struct obj_kind *k, const params_t *ps, pos_t pos, prepared_t *out)
{
    if (ps->has[P_ASID_HIGH]) {
        cdl_lex_fail_at(&p->lex, ps->at[P_ASID_HIGH], "asid_high is not supported: the loader numbers ASID pools "
                                                      "itself");
    }
    *out = (prepared_t){ .o = { .type = (uint8_t)k->type } };
    make_sized(p, &out->o, ps, pos);
    if (k->type == CDL_SC) {
        make_sc(p, ps, pos, &out->o);
    } else if (k->type == CDL_TCB) {
        make_tcb(p, ps, pos, &out->t);
    } else if (k->type == CDL_IRQ) {
        make_irq(p, k, ps, pos, &out->q);
    }
}

/* Adds the prepared object called name (whose name is free); cannot fail. */
static void commit(cdl_parser_t *p, const char *name, const prepared_t *x, pos_t pos)
{
    uint32_t id = model_add_obj(p->m, name, x->o.type, x->o.size_bits, pos);
    model_obj_t *o = &p->m->objs.v[id];
    o->has_paddr = x->o.has_paddr;
    o->paddr = x->o.paddr;
    if (o->type == CDL_SC || o->type == CDL_RTREPLY) {
        p->m->spec_flags |= CDL_SPEC_F_MCS; /* an MCS object makes the system one for the MCS kernel */
    }
    if (o->type == CDL_IO_PORTS || o->type == CDL_SC) {
        o->aux = x->o.aux;
        o->aux2 = x->o.aux2;
    } else if (o->type == CDL_TCB) {
        o->aux = (uint32_t)p->m->tcbs.n;
        VEC_PUSH(p->m->tcbs, x->t);
    } else if (o->type == CDL_IRQ) {
        o->aux = (uint32_t)p->m->irqs.n;
        VEC_PUSH(p->m->irqs, x->q);
        VEC_PUSH(p->irq_mapped, false);
    }
}

/* Declares (pass 1) the object, or the array's elements, name names. */
static void declare_all(cdl_parser_t *p, const cdl_ref_t *name, const struct obj_kind *k, params_t *ps)
{
    size_t fills_end = p->m->fills.n;
    prepared_t x;
    prepare(p, k, ps, name->pos, &x);
    if (name->n == 0) {
        if (model_find(p->m, name->name) != CDL_NONE) {
            cdl_lex_fail_at(&p->lex, name->pos, "duplicate object name '%s'", name->name);
        }
        commit(p, name->name, &x, name->pos);
    } else {
        if (name->n != 1 || name->r[0].kind != CDL_R_ONLY || name->r[0].a == 0 || name->r[0].a > CDL_MAX_ARRAY) {
            cdl_lex_fail_at(&p->lex, name->pos, "an array is declared as name[N] with 0 < N <= %u", CDL_MAX_ARRAY);
        }
        if (ps->has[P_FILL] && name->r[0].a > 1) {
            cdl_lex_fail_at(&p->lex, ps->at[P_FILL], "fills in an array of frames are not supported");
        }
        for (uint64_t i = 0; i < name->r[0].a; i++) {
            char *elem = xasprintf("%s[%llu]", name->name, (unsigned long long)i);
            bool dup = model_find(p->m, elem) != CDL_NONE;
            if (!dup) {
                commit(p, elem, &x, name->pos);
            }
            free(elem); /* before a failure, which longjmps */
            if (dup) {
                cdl_lex_fail_at(&p->lex, name->pos, "duplicate object name '%s[%llu]'", name->name,
                                (unsigned long long)i);
            }
        }
        cdl_array_t a = { xstrdup(name->name), (uint32_t)name->r[0].a };
        VEC_PUSH(p->arrays, a);
    }
    /* fills are allowed on one frame only: the object just declared */
    for (size_t i = ps->first_fill; i < fills_end; i++) {
        p->m->fills.v[i].frame = (uint32_t)(p->m->objs.n - 1);
    }
}

static void object_decl(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    cdl_ref_t name;
    cdl_parse_ref(p, &name, "an object name");
    if (cdl_is(l, "/")) {
        cdl_lex_fail(l, "untyped covers (objects placed in a given untyped, for static allocation) are not "
                        "supported: capdl-tool allocates every object");
    }
    cdl_expect(l, "=");
    pos_t type_pos = l->pos;
    char word[CDL_TOKEN_MAX];
    cdl_name(l, word, "an object type");
    const struct obj_kind *k = kind_of(word);
    if (!k) {
        cdl_lex_fail_at(l, type_pos, "unknown object type '%s'", word);
    }
    params_t ps = { 0 };
    parse_params(p, &ps);
    check_allowed(p, k, &ps, type_pos);
    if (cdl_is(l, "{")) {
        pos_t at = l->pos;
        cdl_lex_next(l);
        if (!cdl_is(l, "}") || k->type != CDL_UNTYPED) {
            cdl_lex_fail_at(l, k->type == CDL_UNTYPED ? l->pos : at,
                            k->type == CDL_UNTYPED ? "untyped covers (objects placed in a given untyped, for static "
                                                     "allocation) are not supported: capdl-tool allocates every object"
                                                   : "only untyped objects can contain objects");
        }
        cdl_lex_next(l);
    }
    if (p->pass == 1) {
        declare_all(p, &name, k, &ps);
    }
}

void cdl_parse_objects(cdl_parser_t *p)
{
    cdl_expect(&p->lex, "{");
    while (!cdl_accept(&p->lex, "}")) {
        object_decl(p);
    }
}
