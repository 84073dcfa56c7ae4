/*
 * The .cdl reader on seL4's whole capDL grammar (issue 13): a file using the constructs seL4's
 * tool accepts for x86_64 reads into the model they mean, with seL4's defaults; the two former
 * silent misreads; and every construct the builder cannot make refused at its position.
 */
#include "test_util.h"

#include "cdl_components.h"
#include "cdl_read.h"
#include "cdl_write.h"

/* What pipeline_load_cdl does, on text. */
static bool pipeline_front_cdl_for_test(tool_run_t *r, const char *text)
{
    if (!cdl_read(&r->m, &r->d, "x.cdl", text, strlen(text))) {
        diag_print(&r->d, stderr);
        return false;
    }
    cdl_derive_components(&r->m);
    return true;
}

/* Sections in another order than ours, both comment styles (nested), arrays, ranges, named and
 * copied caps, symbolic TCB slots, X rights, ioapic_irq, io_ports, untyped with empty covers. */
static const char full[] =
    "/* seL4 /* nested */ comment */\n"
    "arch x86_64\n"
    "irq maps { 3: timer_irq  ioapic_timer }  -- ioapic_timer takes 4\n"
    "caps {\n"
    "  client_tcb { cspace: cn (guard: 0, guard_size: 60)  vspace: vs  ipc_buffer_slot: buf (R W) }\n"
    "  cn {\n"
    "    1: ep_x (RWX, badge: 5);\n"
    "    frames[0..1] (R)\n"
    "    5: named = ntf (RW)\n"
    "    6: <named> (masked: R)\n"
    "    0x7: irq_control\n"
    "    timer_irq\n"
    "    9: pool\n"
    "  }\n"
    "  timer_irq { 0: ntf (RW, badge: 2) }\n"
    "  ioapic_timer { ntf }\n"
    "  alias = (cn, 1)\n"
    "  vs { 1: tables[] = pts[0..1]  4: <tables[1]>  5: <first> }\n"
    "  first = (vs, 1)\n"
    "}\n"
    "objects {\n"
    "  ep_x = ep\n"
    "  ntf = notification\n"
    "  frames[4] = frame (4k)\n"
    "  big = frame (2M, paddr: 0x200000)\n"
    "  cn = cnode (4 bits)\n"
    "  vs = pml4\n"
    "  buf = frame (4 k, fill: [{0 16 CDL_FrameFill_FileData \"prog.elf\" 0x1000}])\n"
    "  client_tcb = tcb (addr: 0x1000, ip: 0x400000, sp: 0x20000, prio: 10, max_prio: 10, affinity: 0, dom: 0,\n"
    "                    init: [1, 2])\n"
    "  dormant = tcb (addr: 0x0, affinity: 0, resume: False, fpu_disabled: False)\n"
    "  bare = tcb\n"
    "  timer_irq = irq\n"
    "  ioapic_timer = ioapic_irq (ioapic_num: 0, ioapic_pin: 2, ioapic_level: 0, ioapic_polarity: 1)\n"
    "  ports = io_ports (ports: [0x40..0x43])\n"
    "  pool = asid_pool\n"
    "  pts[2] = pdpt\n"
    "  u = ut (12 bits) { }\n"
    "}\n"
    "cdt { }\n"
    "domains { domain_set_start: no_start index_shift: 0 }\n";

static void read_ok(tool_run_t *r, const char *text)
{
    pipeline_init(r);
    bool ok = cdl_read(&r->m, &r->d, "x.cdl", text, strlen(text));
    if (!ok) {
        diag_print(&r->d, stderr);
    }
    assert_true(ok);
}

static const model_cap_t *cap_in(const model_t *m, const char *holder, uint32_t slot)
{
    uint32_t h = model_find(m, holder);
    assert_int_not_equal(h, CDL_NONE);
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->caps.v[i].container == h && m->caps.v[i].slot == slot) {
            return &m->caps.v[i];
        }
    }
    fail_msg("no cap in slot %u of %s", slot, holder);
    return NULL;
}

static const char *target(const model_t *m, const model_cap_t *c)
{
    return m->objs.v[c->obj].name;
}

static void test_full_grammar(void **state)
{
    (void)state;
    tool_run_t r;
    read_ok(&r, full);
    const model_t *m = &r.m;
    assert_int_not_equal(model_find(m, "frames[3]"), CDL_NONE);
    assert_int_equal(model_find(m, "frames[4]"), CDL_NONE);
    assert_int_equal(m->objs.v[model_find(m, "big")].size_bits, 21);
    assert_true(m->objs.v[model_find(m, "big")].has_paddr);
    const model_cap_t *c = cap_in(m, "cn", 1);
    assert_string_equal(target(m, c), "ep_x");
    assert_int_equal(c->rights, CDL_RIGHT_READ | CDL_RIGHT_WRITE | CDL_RIGHT_GRANT);
    assert_int_equal(c->data, 5);
    assert_string_equal(target(m, cap_in(m, "cn", 2)), "frames[0]"); /* after slot 1 */
    assert_string_equal(target(m, cap_in(m, "cn", 3)), "frames[1]");
    assert_int_equal(cap_in(m, "cn", 3)->rights, CDL_RIGHT_READ);
    assert_int_equal(cap_in(m, "cn", 6)->rights, CDL_RIGHT_READ); /* RW masked by R */
    assert_string_equal(target(m, cap_in(m, "cn", 6)), "ntf");
    assert_string_equal(target(m, cap_in(m, "vs", 2)), "pts[1]"); /* named cap array */
    assert_string_equal(target(m, cap_in(m, "vs", 4)), "pts[1]"); /* copy of tables[1] */
    assert_string_equal(target(m, cap_in(m, "vs", 5)), "pts[0]"); /* copy of (vs, 1) */
    assert_string_equal(target(m, cap_in(m, "cn", 7)), "irq_control");
    assert_string_equal(target(m, cap_in(m, "cn", 8)), "timer_irq");
    assert_int_equal(cap_in(m, "cn", 8)->rights, CDL_RIGHTS_ALL);
    assert_int_equal(cap_in(m, "client_tcb", CDL_TCB_SLOT_CSPACE)->guard_size, 60);
    assert_int_equal(cap_in(m, "timer_irq", 0)->data, 2);
    const cdl_irq_t *legacy = &m->irqs.v[m->objs.v[model_find(m, "timer_irq")].aux];
    const cdl_irq_t *ioapic = &m->irqs.v[m->objs.v[model_find(m, "ioapic_timer")].aux];
    assert_int_equal(legacy->kind, CDL_IRQ_LEGACY);
    assert_int_equal(legacy->irq, 3);
    assert_int_equal(ioapic->kind, CDL_IRQ_IOAPIC);
    assert_int_equal(ioapic->irq, 4);
    assert_int_equal(ioapic->pin, 2);
    assert_int_equal(ioapic->polarity, 1);
    const model_tcb_t *t = &m->tcbs.v[m->objs.v[model_find(m, "client_tcb")].aux];
    assert_int_equal(t->nargs, 2);
    assert_int_equal(t->args[1], 2);
    assert_int_equal(t->ip, 0x400000);
    assert_true(t->resume); /* seL4's default */
    assert_false(m->tcbs.v[m->objs.v[model_find(m, "dormant")].aux].resume);
    assert_true(m->tcbs.v[m->objs.v[model_find(m, "bare")].aux].resume);
    assert_int_equal(m->objs.v[model_find(m, "ports")].aux2, 0x43);
    assert_int_equal(m->fills.n, 1);
    assert_string_equal(m->fills.v[0].file, "prog.elf");
    assert_int_equal(m->objs.v[m->fills.v[0].frame].type, CDL_FRAME);
    /* written back: one array declaration, and read again to the same text */
    strbuf_t a = { 0 }, b = { 0 };
    cdl_write(m, &a);
    assert_non_null(strstr(a.s, "  frames[4] = frame (4k)\n"));
    assert_null(strstr(a.s, "frames[1] ="));
    assert_non_null(strstr(a.s, "ioapic_irq (ioapic_num: 0, ioapic_pin: 2, ioapic_level: 0, ioapic_polarity: 1)"));
    assert_non_null(strstr(a.s, "irq maps {\n"));
    tool_run_t back;
    read_ok(&back, a.s);
    cdl_write(&back.m, &b);
    assert_string_equal(a.s, b.s);
    sb_free(&a);
    sb_free(&b);
    pipeline_free(&back);
    pipeline_free(&r);
}

/* The two silent misreads of issue 13. */
static void test_former_misreads(void **state)
{
    (void)state;
    tool_run_t r;
    read_ok(&r, "arch x86_64\nobjects {\n  t = tcb (addr: 0, affinity: 0, resume: True)\n  x[64] = frame (4k)\n}\n");
    assert_true(r.m.tcbs.v[0].resume);
    assert_int_equal(model_find(&r.m, "x[64]"), CDL_NONE);
    assert_int_not_equal(model_find(&r.m, "x[63]"), CDL_NONE);
    assert_int_equal(r.m.objs.n, 65);
    pipeline_free(&r);
}

/* An MSI interrupt: its PCI function and handle, its vector from `irq maps`, and back as written;
 * one vector space with the IOAPIC's. */
static void test_msi(void **state)
{
    (void)state;
    const char *text = "arch x86_64\nobjects {\n"
                       "  m = msi_irq (msi_handle: 7, msi_pci_bus: 2, msi_pci_dev: 3, msi_pci_fun: 1)\n}\n"
                       "irq maps { 44: m }\n";
    tool_run_t r;
    read_ok(&r, text);
    const cdl_irq_t *q = &r.m.irqs.v[r.m.objs.v[model_find(&r.m, "m")].aux];
    assert_int_equal(q->kind, CDL_IRQ_MSI);
    assert_int_equal(q->irq, 44);
    assert_int_equal(q->handle, 7);
    assert_int_equal(CDL_PCI_BUS(q->pci_address), 2);
    assert_int_equal(CDL_PCI_DEV(q->pci_address), 3);
    assert_int_equal(CDL_PCI_FUN(q->pci_address), 1);
    strbuf_t out = { 0 };
    cdl_write(&r.m, &out);
    assert_non_null(strstr(out.s, "m = msi_irq (msi_handle: 7, msi_pci_bus: 2, msi_pci_dev: 3, msi_pci_fun: 1)"));
    assert_non_null(strstr(out.s, "44: m"));
    sb_free(&out);
    pipeline_free(&r);
}

#define OBJ(x) "arch x86_64\nobjects {\n" x "\n}\n"

/* MCS (docs/mcs.md): seL4's sc, rtreply and sched_control, the symbolic TCB slots 6-8; a TCB
 * with a bound notification is passive; any of them makes the system one for the MCS kernel. */
static void test_mcs(void **state)
{
    (void)state;
    tool_run_t r;
    read_ok(&r, OBJ("  c = cnode (2 bits)\n  t = tcb\n  s = sc (period: 10000, budget: 2000, data: 0x5, 8 bits)\n"
                    "  d = sc (period: 50, budget: 50)\n  r = rtreply\n  e = ep\n  n = notification")
                "caps {\n  t { cspace: c\n    sc_slot: s\n    temp_fault_ep_slot: e (WP, badge: 3)\n"
                "    bound_notification: n (R) }\n  c { 0: r\n    1: sched_control (core: 0)\n    2: d }\n}\n");
    const model_t *m = &r.m;
    assert_true(m->spec_flags & CDL_SPEC_F_MCS);
    const model_obj_t *s = &m->objs.v[model_find(m, "s")], *d = &m->objs.v[model_find(m, "d")];
    assert_int_equal(s->type, CDL_SC);
    assert_int_equal(s->size_bits, 8);
    assert_int_equal(s->aux, 2000);
    assert_int_equal(s->aux2, 10000);
    assert_int_equal(s->paddr, 5);
    assert_int_equal(d->size_bits, CDL_MIN_SC_BITS);
    assert_int_equal(m->objs.v[model_find(m, "n")].size_bits, CDL_MCS_NOTIFICATION_BITS);
    assert_string_equal(target(m, cap_in(m, "t", CDL_TCB_SLOT_SC)), "s");
    assert_int_equal(cap_in(m, "t", CDL_TCB_SLOT_TIMEOUT_EP)->data, 3);
    assert_string_equal(target(m, cap_in(m, "t", CDL_TCB_SLOT_BOUND_NTFN)), "n");
    assert_true(m->tcbs.v[m->objs.v[model_find(m, "t")].aux].passive);
    assert_int_equal(m->objs.v[cap_in(m, "c", 1)->obj].type, CDL_SCHED_CONTROL);
    assert_int_equal(m->objs.v[cap_in(m, "c", 0)->obj].type, CDL_RTREPLY);
    pipeline_free(&r);
}


/* The domains section (seL4's capDL language, "Domains"): every entry kept as written, end
 * markers included; the start (0 when not given, none with no_start) and the shift; written
 * back with all three items; a section without a schedule means nothing. */
static void test_domains(void **state)
{
    (void)state;
    tool_run_t r;
    read_ok(&r, OBJ("") "domains {\n  schedule: [(0, 10), (1, 10), (0, 0), (2, 2),]\n  domain_set_start: 3\n"
                        "  index_shift: 1\n}\n");
    const model_domain_schedule_t *d = &r.m.domain_schedule;
    assert_int_equal(d->entries.n, 4);
    assert_true(d->entries.v[1] == CDL_DOMAIN_ENTRY(1, 10));
    assert_true(d->entries.v[2] == CDL_DOMAIN_ENTRY(0, 0));
    assert_int_equal(d->start, 3);
    assert_int_equal(d->index_shift, 1);
    strbuf_t out = { 0 };
    cdl_write(&r.m, &out);
    assert_non_null(strstr(out.s, "domains {\n  schedule: [(0, 10), (1, 10), (0, 0), (2, 2)]\n  domain_set_start: 3\n"
                                  "  index_shift: 1\n}\n"));
    sb_free(&out);
    pipeline_free(&r);

    read_ok(&r, OBJ("") "domains { schedule: [(0, 5)] }\n");
    assert_int_equal(r.m.domain_schedule.start, 0);
    pipeline_free(&r);
    read_ok(&r, OBJ("") "domains { domain_set_start: no_start schedule: [(0, 5)] }\n");
    assert_int_equal(r.m.domain_schedule.start, CDL_NONE);
    pipeline_free(&r);
    read_ok(&r, OBJ("") "domains { index_shift: 4 domain_set_start: 7 }\n");
    assert_int_equal(r.m.domain_schedule.entries.n, 0);
    assert_int_equal(r.m.domain_schedule.index_shift, 0);
    assert_int_equal(r.m.domain_schedule.start, CDL_NONE);
    cdl_write(&r.m, &out);
    assert_null(strstr(out.s, "domains"));
    sb_free(&out);
    pipeline_free(&r);
}

/* Reading text fails with an error containing want (position included). */
static void refused(const char *text, const char *want)
{
    tool_run_t r;
    pipeline_init(&r);
    assert_false(cdl_read(&r.m, &r.d, "x.cdl", text, strlen(text)));
    char *msg = diag_render(&r.d);
    if (!strstr(msg, want)) {
        fail_msg("expected '%s' in:\n%s", want, msg);
    }
    free(msg);
    pipeline_free(&r);
}

static void test_refusals(void **state)
{
    (void)state;
    refused("arch riscv\nobjects { }\n", "x.cdl:1:6: error: architecture 'riscv' is not supported");
    /* MCS (test_mcs reads them): an sc needs both times and 7..16 bits */
    refused(OBJ("  s = sc (period: 100)"), "x.cdl:3:3: error: a sc object needs its 'budget' parameter");
    refused(OBJ("  s = sc (budget: 100)"), "x.cdl:3:3: error: a sc object needs its 'period' parameter");
    refused(OBJ("  s = sc (period: 100, budget: 100, 6 bits)"),
            "x.cdl:3:37: error: an sc has at least 7 bits (seL4_MinSchedContextBits)");
    refused(OBJ("  s = sc (period: 100, budget: 100, 17 bits)"), "x.cdl:3:37: error: 'bits' is 17: at most 16");
    refused(OBJ("  s = sc (period: 0x100000000, budget: 100)"), "x.cdl:3:11: error: 'period' is 4294967296: at most");
    refused(OBJ("  p = io_pt (level: 0)"), "IOMMU objects are not supported");
    refused(OBJ("  d = io_device (domainID: 1, 0:3.1)"), "IOMMU objects are not supported");
    refused(OBJ("  g = pgd"), "'pgd' objects cannot be built: it is not an x86_64 object");
    refused(OBJ("  v = vcpu"), "virtualisation");
    refused(OBJ("  e = ep (4k)"), "x.cdl:3:11: error: parameter 'size' does not apply to ep objects");
    refused(OBJ("  u = ut (12 bits) { a = ep }"), "x.cdl:3:22: error: untyped covers");
    refused(OBJ("  u = ut (12 bits)\n  u/a = ep"), "x.cdl:4:4: error: untyped covers");
    refused(OBJ("  t = tcb (ip: 0x1000)"), "x.cdl:3:3: error: a tcb takes addr, ip, sp, prio, max_prio and affinity");
    refused(OBJ("  t = tcb (resume: True)"), "needs addr and affinity too");
    refused(OBJ("  t = tcb (addr: 0, affinity: 1)"), "x.cdl:3:21: error: affinity 1: the kernel runs on one core");
    refused(OBJ("  t = tcb (addr: 0, affinity: 0, fpu_disabled: True)"), "fpu_disabled: True is not supported");
    refused(OBJ("  t = tcb (init: [1, 2, 3, 4, 5])"), "at most 4 init arguments");
    refused(OBJ("  f = frame (64k)"), "x86_64 frames are 4k, 2M or 1024M");
    refused(OBJ("  f = frame (3k)"), "frame size not a power of 2");
    /* fuzz_cdl: an error while declaring an array's element leaked the element's name (ASan) */
    refused(OBJ("  f[2] = frame (64k)"), "x.cdl:3:17: error: x86_64 frames are 4k, 2M or 1024M");
    refused(OBJ("  a[2] = ep\n  a[3] = ep"), "x.cdl:4:3: error: duplicate object name 'a[0]'");
    /* fuzz_cdl: one line asked for 818418 TCBs (13 s) */
    refused(OBJ("  a[65537] = tcb"), "x.cdl:3:3: error: an array is declared as name[N] with 0 < N <= 65536");
    refused(OBJ("  f = frame (4k, fill: [{0 8 CDL_FrameFill_BootInfo CDL_FrameFill_BootInfo_X86_VBE 0}])"),
            "boot information fills are not supported");
    refused(OBJ("  a = asid_pool (asid_high: 1)"), "x.cdl:3:18: error: asid_high is not supported");
    refused(OBJ("  q = irq"), "x.cdl:3:3: error: irq object 'q' has no number: give it one in 'irq maps");
    refused(OBJ("  c = cnode (2 bits)\n  t = tcb") "caps { t { cspace: c (RW) } }\n",
            "x.cdl:6:23: error: rights do not apply to a cap to c (a cnode)");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e () } }\n", "expected a cap parameter (found ')')");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 4: e } }\n", "slot beyond the cnode's size");
    /* fuzz_cdl: a frame in a PML4 read past the table of frame sizes per level (UBSan) */
    refused(OBJ("  v = pml4\n  f = frame (4k)") "caps { v { 0: f (R) } }\n",
            "cannot put a cap to f in slot 0 of v: a frame of this size cannot be mapped at this level");
    refused(OBJ("  c = cnode (2 bits)\n  t = tcb\n  n = notification") "caps { t { reply_slot: n } }\n",
            "only the TCB slots cspace, vspace, ipc_buffer_slot and (MCS) sc_slot, temp_fault_ep_slot and "
            "bound_notification are supported");
    refused(OBJ("  t = tcb\n  n = notification") "caps { t { bound_notification: n } }\n",
            "x.cdl:6:12: error: a TCB with a bound_notification is a passive thread (docs/mcs.md) and needs an sc_slot");
    refused(OBJ("  t = tcb\n  e = ep") "caps { t { sc_slot: e } }\n",
            "cannot put a cap to e in slot 6 of t: sc_slot holds an sc cap");
    refused(OBJ("  t = tcb\n  n = notification") "caps { t { temp_fault_ep_slot: n } }\n",
            "cannot put a cap to n in slot 7 of t: temp_fault_ep_slot holds an endpoint cap");
    refused(OBJ("  t = tcb\n  e = ep") "caps { t { bound_notification: e } }\n",
            "cannot put a cap to e in slot 8 of t: bound_notification holds a notification cap");
    refused(OBJ("  c = cnode (2 bits)\n  f = frame (4k)") "caps { c { 0: f (RW, uncached) } }\n",
            "uncached frame caps are not supported");
    refused(OBJ("  c = cnode (2 bits)\n  f = frame (4k)") "caps { c { 0: f (RW, asid: (1, 2)) } }\n",
            "ASIDs on caps are not supported");
    refused(OBJ("  c = cnode (2 bits)\n  t = tcb") "caps { c { 0: t (reply) } }\n", "reply caps cannot be created");
    refused(OBJ("  c = cnode (2 bits)") "caps { c { 0: sched_control (core: 1) } }\n",
            "x.cdl:5:30: error: sched_control for core 1: the MCS kernel runs on one core (0)");
    refused(OBJ("  c = cnode (2 bits)") "caps { c { 0: sched_control } }\n",
            "x.cdl:5:12: error: a sched_control cap needs its core");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e (RW, core: 0) } }\n",
            "x.cdl:6:22: error: only sched_control caps take a core");
    refused(OBJ("  c = cnode (2 bits)") "caps { c { 0: io_space_master } }\n", "io_space_master caps (IOMMU)");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e - child_of (c, 1) } }\n", "cap derivation");
    refused(OBJ("  c = cnode (2 bits)") "cdt { (c, 0) { (c, 1) } }\n", "x.cdl:5:7: error: cap derivation (cdt)");
    refused(OBJ("") "domains { schedule: [(0, 10), (1, 10)] domain_set_start: 2 }\n",
            "x.cdl:5:40: error: domain_set_start 2: not an entry of the schedule (0..1)");
    refused(OBJ("") "domains { schedule: [(0, 10), (0, 0)] domain_set_start: 1 }\n",
            "domain_set_start 1: not an entry of the schedule (0..1) that is not an end marker");
    refused(OBJ("") "domains { schedule: [(0, 10)] schedule: [(1, 10)] }\n",
            "x.cdl:5:31: error: a second domain schedule: seL4's tool takes at most one");
    refused(OBJ("") "domains { index_shift: 1 index_shift: 2 }\n", "a second index_shift");
    refused(OBJ("") "domains { schedule: [(0, 10)] }\ndomains { schedule: [(1, 10)] }\n",
            "a second domains section");
    refused(OBJ("") "domains { schedule: [(0, 1)] index_shift: 65536 }\n", "index_shift 65536: at most 65535");
    refused(OBJ("") "domains { schedule: [(1, 0)] }\n", "a schedule entry is (domain 0..255");
    refused(OBJ("") "domains { schedule: [(300, 10)] }\n", "a schedule entry is (domain 0..255");
    refused(OBJ("  q = irq") "irq maps { 16: q }\n", "IRQ 16 of 'q': at most 15");
    refused(OBJ("  q = irq\n  p = irq") "irq maps { 3: q  3: p }\n", "IRQ 3 already mapped");
    refused(OBJ("  m = msi_irq (msi_handle: 0, msi_pci_bus: 0, msi_pci_dev: 32, msi_pci_fun: 0)") "irq maps { 40: m }\n",
            "msi_pci_dev");
    refused(OBJ("  m = msi_irq (msi_handle: 0, msi_pci_bus: 0, msi_pci_dev: 3)") "irq maps { 40: m }\n",
            "msi_pci_fun");
    refused(OBJ("  m = msi_irq (msi_handle: 0, msi_pci_bus: 0, msi_pci_dev: 3, msi_pci_fun: 0)\n"
                "  a = ioapic_irq (ioapic_num: 0, ioapic_pin: 5, ioapic_level: 0, ioapic_polarity: 0)")
                "irq maps { 40: m  40: a }\n",
            "IRQ 40 already mapped");
    refused(OBJ("  m = msi_irq (msi_handle: 0, msi_pci_bus: 0, msi_pci_dev: 3, msi_pci_fun: 0)") "irq maps { 108: m }\n",
            "vector 108 of 'm': at most 107");
    refused(OBJ("  c = cnode (2 bits)") "caps { c { 0: <nope> } }\n", "unknown cap name 'nope'");
    refused(OBJ("  x[2] = cnode (2 bits)") "caps { n = (x[2], 0) }\n",
            "x.cdl:5:13: error: unknown object 'x' (or not one element of it)");
    refused(OBJ("  c = cnode (2 bits)\n  x[2] = ep") "caps { c { 0: n = x[] } }\n",
            "x.cdl:6:15: error: cannot give one name to an array of caps: write n[]");
    refused(OBJ("  c = cnode (2 bits)\n  x[2] = ep") "caps { c { 0: n[] = x[]  2: <n[]> } }\n",
            "copies of several named caps at once are not supported");
    refused(OBJ("  c = cnode (2 bits)\n  x[2] = ep") "caps { c { 0: x[2] } }\n", "'x' has no element 2");
    refused(OBJ("  a = ep\n  a = ep"), "x.cdl:4:3: error: duplicate object name 'a'");
    refused("arch x86_64\n/* open /* nested */ comment\nobjects { }\n", "x.cdl:2:1: error: unterminated comment");
    refused("arch x86_64\n", "expected a section: objects, caps, irq maps, cdt or domains");
    refused(OBJ("  e = ep") "irq maps { 1: e }\n", "x.cdl:5:12: error: 'e' is not an irq object");
    refused(OBJ("  q = irq") "irq maps { 1: q  2: q }\n", "'q' is mapped twice");
    refused(OBJ("  q = irq\n  r = irq") "irq maps { 1: q }\nirq maps { 2: r }\n",
            "a second irq maps block: seL4's tool takes one");
    refused(OBJ("  q = ioapic_irq (ioapic_num: 0, ioapic_pin: 2, ioapic_level: 0, ioapic_polarity: 0)")
            "irq maps { 108: q }\n", "vector 108 of 'q': at most 107");
    refused(OBJ("  q = ioapic_irq (ioapic_num: 0, ioapic_pin: 2)"), "needs its 'ioapic_level' parameter");
    refused(OBJ("") "domains { shedule: [(0, 1)] }\n", "expected schedule, domain_set_start or index_shift");
    refused(OBJ("  c = cnode (99999999999999999999 bits)"), "does not fit in 64 bits");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e (RW, colour: 3) } }\n",
            "unknown cap parameter 'colour'");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e (masked: R) } }\n",
            "'masked:' applies only to copies of named caps");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { n = e  <n> } }\n", "a copied cap needs its slot number");
    refused(OBJ("  c = cnode (2 bits)\n  e = ep") "caps { c { 0: e (badge: 1, guard: 1) } }\n",
            "guard and guard_size apply only to cnode caps, not to e");
    refused(OBJ("  c = cnode (2 bits)\n  f = frame (4k)") "caps { c { 0: f (RW, badge: 1) } }\n",
            "a badge applies only to ep and notification caps, not to f");
    refused(OBJ("  c = cnode (2 bits)\n  d = cnode (2 bits)") "caps { c { 0: d (guard: 8, guard_size: 2) } }\n",
            "the guard does not fit in guard_size bits");
    /* seL4's CNode cap data, the word the spec keeps: a 58-bit guard, guard size + radix <= 64 */
    refused(OBJ("  c = cnode (2 bits)\n  d = cnode (1 bits)") "caps { c { 0: d (guard: 0x400000000000000, guard_size: 63) } }\n",
            "x.cdl:6:44: error: the guard does not fit in the 58 bits of seL4's CNode cap data");
    refused(OBJ("  c = cnode (2 bits)\n  d = cnode (2 bits)") "caps { c { 0: d (guard: 0, guard_size: 63) } }\n",
            "x.cdl:6:28: error: guard_size 63 and the radix of d (2 bits) make more than 64 bits");
    refused(OBJ("  p = pt\n  d = pd") "caps { p { 0: d } }\n", "a paging table holds the next level's table");
    refused(OBJ("  q = irq\n  e = ep") "irq maps { 0: q }\ncaps { q { 0: e } }\n",
            "an irq holds one notification cap, in slot 0");
    refused(OBJ("  e = ep\n  n = notification") "caps { e { 0: n } }\n", "this object holds no caps");
    refused(OBJ("  u = ut"), "a ut object needs its 'bits' parameter");
    refused(OBJ("  f = frame (4k, paddr: 0x1001)"), "paddr 0x1001 is not aligned to the object's size");
    refused(OBJ("  p = io_ports (ports: [0x43..0x40])"), "I/O port range must be first..last within 0..0xffff");
    refused(OBJ("  t = tcb (addr: 0, affinity: 0, prio: 300, ip: 0, sp: 0, max_prio: 0)"),
            "'prio' is 300: at most 255");
    refused(OBJ("  t = tcb (dom: 1, dom: 2)"), "parameter 'dom' given twice");
}

/* The components of a .cdl: TCBs sharing a CSpace and VSpace are one; its caps are the CNode's
 * slots and its mappings the frames in its page tables. */
/* The binary spec counts a container's caps in 16 bits: 65,535 caps in one CNode build into a
 * spec that validates; one more is refused at the first cap over, not at the spec writer. */
static void test_caps_per_container(void **state)
{
    (void)state;
    tool_run_t r;
    pipeline_init(&r);
    const char *at_limit = OBJ("  c = cnode (16 bits)\n  e[65535] = ep") "caps { c { 0: e[] } }\n";
    assert_true(pipeline_front_cdl_for_test(&r, at_limit));
    assert_true(pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED));
    cdl_spec_t s;
    assert_int_equal(cdl_spec_validate(r.spec, r.spec_len, &s).status, CDL_OK);
    assert_int_equal(s.n_caps, 65535);
    assert_int_equal(s.objects[0].type, CDL_CNODE); /* the largest object */
    assert_int_equal(s.objects[0].num_caps, CDL_MAX_CAPS_PER_OBJECT);
    assert_int_equal(cdl_cap_slot(&s.caps[65534]), 65534);
    pipeline_free(&r);
    refused(OBJ("  c = cnode (17 bits)\n  e[65536] = ep") "caps { c { 0: e[] } }\n",
            "x.cdl:6:12: error: 'c' holds more than 65535 caps, the most one cnode can hold in the binary spec "
            "(a 16-bit count): this is cap 65536, in slot 65535");
}

static void test_derived_components(void **state)
{
    (void)state;
    tool_run_t r;
    pipeline_init(&r);
    static const char text[] =
        "arch x86_64\n"
        "objects {\n  a.tcb = tcb\n  a.helper = tcb\n  b.tcb = tcb\n"
        "  a.cnode = cnode (2 bits)\n  b.cnode = cnode (2 bits)\n"
        "  a.vs = pml4\n  b.vs = pml4\n  pdpt = pdpt\n  pd = pd\n  pt = pt\n  code = frame (4k)\n  e = ep\n}\n"
        "caps {\n  a.tcb { cspace: a.cnode  vspace: a.vs }\n  a.helper { cspace: a.cnode  vspace: a.vs }\n"
        "  b.tcb { cspace: b.cnode  vspace: b.vs }\n  a.cnode { 1: e (RW, badge: 3) }\n  b.cnode { 1: e (W) }\n"
        "  a.vs { 0: pdpt }\n  pdpt { 0: pd }\n  pd { 2: pt }\n  pt { 1: code (RX) }\n}\n";
    assert_true(pipeline_front_cdl_for_test(&r, text));
    const model_t *m = &r.m;
    assert_int_equal(m->comps.n, 2);
    const sys_comp_t *a = &m->comps.v[0], *b = &m->comps.v[1];
    assert_string_equal(a->name, "a");
    assert_string_equal(b->name, "b");
    assert_int_equal(a->threads.n, 2);
    assert_string_equal(a->threads.v[0].name, "a.helper");
    assert_string_equal(a->threads.v[1].name, "main");
    assert_int_equal(a->caps.n, 1);
    assert_string_equal(a->caps.v[0].name, "slot_1");
    assert_int_equal(a->caps.v[0].badge, 3);
    assert_int_equal(a->maps.n, 1);
    assert_int_equal(a->maps.v[0].vaddr, 0x401000);
    assert_int_equal(a->maps.v[0].rights, CDL_RIGHT_READ | CDL_RIGHT_GRANT);
    assert_int_equal(m->objs.v[model_find(m, "code")].comp, 0);
    assert_int_equal(m->objs.v[model_find(m, "pt")].comp, 0);
    assert_int_equal(m->objs.v[model_find(m, "e")].comp, -1);
    assert_int_equal(m->objs.v[model_find(m, "b.tcb")].comp, 1);
    pipeline_free(&r);
}

#define A64(x) "arch aarch64\nobjects {\n" x "\n}\n"

/* seL4's aarch64 capDL: pgd and pud are the top two levels (the model's 4-level VSpace), an
 * arm_irq has its trigger (seL4's parser: level/edge; its printer: 0/1) and target core, a
 * plain irq is a GIC INTID; written back as seL4's tool reads it. The other architecture's
 * objects are refused at their type, each way. */
static void test_aarch64(void **state)
{
    (void)state;
    tool_run_t r;
    read_ok(&r, A64("  g = pgd\n  u = pud\n  d = pd\n  t = pt\n  i = arm_irq (trigger: edge, target: 0)\n"
                    "  j = arm_irq (trigger: 0, target: 0)\n  k = irq\n  f = frame (2M)")
                    "irq maps { 33: i 34: j 40: k }\n");
    assert_int_equal(r.m.arch, CDL_ARCH_AARCH64);
    assert_int_equal(r.m.objs.v[model_find(&r.m, "g")].type, CDL_PML4);
    assert_int_equal(r.m.objs.v[model_find(&r.m, "u")].type, CDL_PDPT);
    const cdl_irq_t *i = &r.m.irqs.v[r.m.objs.v[model_find(&r.m, "i")].aux];
    const cdl_irq_t *j = &r.m.irqs.v[r.m.objs.v[model_find(&r.m, "j")].aux];
    const cdl_irq_t *k = &r.m.irqs.v[r.m.objs.v[model_find(&r.m, "k")].aux];
    assert_int_equal(i->kind, CDL_IRQ_ARM);
    assert_int_equal(i->irq, 33);
    assert_int_equal(i->level, 1);
    assert_int_equal(j->kind, CDL_IRQ_ARM);
    assert_int_equal(j->level, 0);
    assert_int_equal(k->kind, CDL_IRQ_LEGACY);
    assert_int_equal(k->irq, 40);
    strbuf_t out = { 0 };
    cdl_write(&r.m, &out);
    const char *want[] = { "arch aarch64\n", "  g = pgd\n", "  u = pud\n", "  i = arm_irq (trigger: edge, target: 0)\n",
                           "  j = arm_irq (trigger: level, target: 0)\n", "  k = irq\n", "  33: i\n", "  40: k\n" };
    for (size_t n = 0; n < sizeof(want) / sizeof(want[0]); n++) {
        if (!strstr(out.s, want[n])) {
            fail_msg("expected '%s' in:\n%s", want[n], out.s);
        }
    }
    sb_free(&out);
    pipeline_free(&r);

    refused(A64("  v = pml4"), "x.cdl:3:7: error: 'pml4' objects cannot be built: it is not an AArch64 object");
    refused(A64("  v = pdpt"), "'pdpt' objects cannot be built: it is not an AArch64 object");
    refused(A64("  p = io_ports (ports: [0x40..0x43])"), "'io_ports' objects cannot be built: it is not an AArch64");
    refused(A64("  q = ioapic_irq (ioapic_num: 0, ioapic_pin: 2, ioapic_level: 0, ioapic_polarity: 0)"),
            "x.cdl:3:7: error: 'ioapic_irq' objects cannot be built: it is not an AArch64 object");
    refused(A64("  m = msi_irq (msi_handle: 7, msi_pci_bus: 2, msi_pci_dev: 3, msi_pci_fun: 1)"),
            "'msi_irq' objects cannot be built: it is not an AArch64 object");
    refused(A64("  i = arm_irq (trigger: level, target: 1)") "irq maps { 33: i }\n",
            "x.cdl:3:32: error: target 1: the kernel runs on one core (target 0)");
    refused(A64("  i = arm_irq (trigger: level)"), "x.cdl:3:3: error: a arm_irq object needs its 'target' parameter");
    refused(A64("  i = arm_irq (target: 0)"), "a arm_irq object needs its 'trigger' parameter");
    refused(A64("  i = arm_irq (trigger: 2, target: 0)"), "x.cdl:3:16: error: trigger 2: expected level (0) or edge (1)");
    refused(A64("  i = arm_irq (trigger: rising, target: 0)"), "x.cdl:3:25: error: expected level or edge (found 'rising')");
    refused(A64("  s = arm_sgi_signal (irq: 1, target: 0)"),
            "x.cdl:3:7: error: 'arm_sgi_signal' objects cannot be built: Arm SMMU, SMC and SGI objects are not supported");
    refused(A64("  s = smc"), "'smc' objects cannot be built: Arm SMMU, SMC and SGI objects");
    refused(A64("  s = streamid"), "'streamid' objects cannot be built: Arm SMMU, SMC and SGI objects");
    refused(A64("  k = irq") "irq maps { 160: k }\n", "x.cdl:5:12: error: GIC INTID 160 of 'k': at most 159");
    refused(A64("  k = irq\n  i = arm_irq (trigger: level, target: 0)") "irq maps { 33: k 33: i }\n",
            "x.cdl:6:18: error: IRQ 33 already mapped");
    refused(A64("  f = frame (64k)"), "x.cdl:3:14: error: AArch64 frames are 4k, 2M or 1024M (1G)");
    refused(OBJ("  i = arm_irq (trigger: level, target: 0)"),
            "x.cdl:3:7: error: 'arm_irq' objects cannot be built: it is not an x86_64 object");
    refused(OBJ("  u = pud"), "'pud' objects cannot be built: it is not an x86_64 object");
    refused(OBJ("  s = smc"), "'smc' objects cannot be built: it is not an x86_64 object");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_grammar),
        cmocka_unit_test(test_mcs),
        cmocka_unit_test(test_former_misreads),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_msi),
        cmocka_unit_test(test_domains),
        cmocka_unit_test(test_aarch64),
        cmocka_unit_test(test_derived_components),
        cmocka_unit_test(test_caps_per_container),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
