/*
 * The caps, irq maps, cdt and domains sections of a .cdl (cdl_read_internal.h). In pass 1
 * they are only parsed; in pass 2 caps are placed and IRQ numbers set. Which parameters a cap
 * takes follows seL4's tool (rights and badge on ep/notification, rights on frames, guard and
 * guard_size on CNodes, nothing on the others); the constructs the loader cannot honour (reply
 * caps, ASIDs on caps, uncached or `mapping:` frame caps, CDT parenthood, domain schedules,
 * IOMMU caps, TCB slots other than cspace, vspace, ipc_buffer_slot and MCS's sc_slot,
 * temp_fault_ep_slot and bound_notification) are refused where they are written.
 */
#include "cdl_read_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct cap_params {
    uint8_t rights, masked;
    bool has_rights, has_masked, has_badge, has_guard, has_guard_size, has_core;
    uint64_t badge, guard, guard_size, core;
    pos_t rights_at, badge_at, guard_at, core_at;
} cap_params_t;

static const char *const tcb_slot_names[] = {
    "cspace", "vspace", "reply_slot", "caller_slot", "ipc_buffer_slot", "fault_ep_slot", "sc_slot",
    "temp_fault_ep_slot", "bound_notification", "bound_vcpu",
};

bool cdl_rights_word(const char *s, uint8_t *rights)
{
    uint8_t r = 0;
    for (; *s; s++) {
        switch (*s) {
        case 'R': r |= CDL_RIGHT_READ; break;
        case 'W': r |= CDL_RIGHT_WRITE; break;
        case 'G':
        case 'X': r |= CDL_RIGHT_GRANT; break;
        case 'P': r |= CDL_RIGHT_GRANT_REPLY; break;
        default: return false;
        }
    }
    *rights |= r;
    return true;
}

/* Rights: one or more names made of R W G X P ("RW", "R W"). */
static uint8_t rights(cdl_lex_t *l)
{
    uint8_t r = 0;
    if (l->kind != CDL_T_NAME || !cdl_rights_word(l->text, &r)) {
        cdl_lex_fail(l, "expected rights (R, W, G or X, P)");
    }
    cdl_lex_next(l);
    while (l->kind == CDL_T_NAME && cdl_rights_word(l->text, &r)) {
        cdl_lex_next(l);
    }
    return r;
}

static void refuse(cdl_lex_t *l, pos_t at, const char *what)
{
    cdl_lex_fail_at(l, at, "%s", what);
}

static void cap_param(cdl_parser_t *p, cap_params_t *c)
{
    cdl_lex_t *l = &p->lex;
    pos_t at = l->pos;
    uint8_t r = 0;
    if (l->kind == CDL_T_NAME && cdl_rights_word(l->text, &r)) {
        c->rights |= rights(l);
        c->has_rights = true;
        c->rights_at = at;
        return;
    }
    char key[CDL_TOKEN_MAX];
    cdl_name(l, key, "a cap parameter");
    if (strcmp(key, "masked") == 0) {
        cdl_expect(l, ":");
        c->masked = rights(l);
        c->has_masked = true;
    } else if (strcmp(key, "badge") == 0) {
        c->badge = (cdl_expect(l, ":"), cdl_number(l, "a badge"));
        c->has_badge = true;
        c->badge_at = at;
    } else if (strcmp(key, "guard") == 0 || strcmp(key, "guard_size") == 0) {
        uint64_t v = (cdl_expect(l, ":"), cdl_number(l, "a number"));
        *(key[5] ? &c->guard_size : &c->guard) = v;
        *(key[5] ? &c->has_guard_size : &c->has_guard) = true;
        c->guard_at = at;
    } else if (strcmp(key, "reply") == 0 || strcmp(key, "master_reply") == 0) {
        refuse(l, at, "reply caps cannot be created by a loader on a non-MCS kernel");
    } else if (strcmp(key, "core") == 0) {
        c->core = (cdl_expect(l, ":"), cdl_number(l, "a core"));
        c->has_core = true;
        c->core_at = at;
    } else if (strcmp(key, "asid") == 0) {
        refuse(l, at, "ASIDs on caps are not supported: the loader assigns ASIDs itself");
    } else if (strcmp(key, "uncached") == 0) {
        refuse(l, at, "uncached frame caps are not supported by capdl-tool yet (frames are mapped cached)");
    } else if (strcmp(key, "cached") == 0) {
        /* the default */
    } else if (strcmp(key, "mapping") == 0) {
        refuse(l, at, "'mapping:' (a frame cap that is a given mapping's cap) is not supported by capdl-tool yet");
    } else {
        cdl_lex_fail_at(l, at, "unknown cap parameter '%s'", key);
    }
}

static void cap_params(cdl_parser_t *p, cap_params_t *c)
{
    if (!cdl_accept(&p->lex, "(")) {
        return;
    }
    do {
        cap_param(p, c);
    } while (cdl_accept(&p->lex, ","));
    cdl_expect(&p->lex, ")");
}

/* `- child_of ...` after a cap: CDT parenthood, refused. */
static void maybe_parent(cdl_parser_t *p)
{
    if (cdl_is(&p->lex, "-")) {
        refuse(&p->lex, p->lex.pos, "cap derivation ('- child_of', cdt) is not supported: the loader derives every "
                                    "cap from the object's original");
    }
}

/* A slot: a number or one of the TCB slot names. */
static uint64_t slot_number(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    if (l->kind == CDL_T_NUM) {
        return cdl_number(l, "a slot");
    }
    for (uint64_t i = 0; i < sizeof(tcb_slot_names) / sizeof(tcb_slot_names[0]); i++) {
        if (cdl_accept(l, tcb_slot_names[i])) {
            return i;
        }
    }
    cdl_lex_fail(l, "expected a slot");
}

static bool starts_slot(const cdl_lex_t *l)
{
    if (l->kind == CDL_T_NUM) {
        return true;
    }
    for (size_t i = 0; i < sizeof(tcb_slot_names) / sizeof(tcb_slot_names[0]); i++) {
        if (cdl_is(l, tcb_slot_names[i])) {
            return true;
        }
    }
    return false;
}

/* ---- placing caps (pass 2) ---- */

static bool takes_rights(uint8_t type)
{
    return type == CDL_ENDPOINT || type == CDL_NOTIFICATION || type == CDL_FRAME;
}

/* The parameters c given to a cap to t are ones seL4's tool allows for t's type. */
static void check_params(cdl_parser_t *p, const model_obj_t *t, const cap_params_t *c)
{
    cdl_lex_t *l = &p->lex;
    if (c->has_rights && !takes_rights(t->type)) {
        cdl_lex_fail_at(l, c->rights_at, "rights do not apply to a cap to %s (a %s): seL4's capDL takes rights only "
                                         "on ep, notification and frame caps", t->name, cdl_obj_type_name(t->type));
    }
    if (c->has_badge && t->type != CDL_ENDPOINT && t->type != CDL_NOTIFICATION) {
        cdl_lex_fail_at(l, c->badge_at, "a badge applies only to ep and notification caps, not to %s", t->name);
    }
    if ((c->has_guard || c->has_guard_size) && t->type != CDL_CNODE) {
        cdl_lex_fail_at(l, c->guard_at, "guard and guard_size apply only to cnode caps, not to %s", t->name);
    }
    if (c->guard_size > 63 || (c->has_guard && c->guard_size < 64 && (c->guard >> c->guard_size) != 0)) {
        cdl_lex_fail_at(l, c->guard_at, "the guard does not fit in guard_size bits (at most 63)");
    }
    /* What seL4's Mint and TCB_Configure take (seL4_CNode_CapData), as the binary spec holds it. */
    if (c->guard >> CDL_GUARD_MAX_BITS) {
        cdl_lex_fail_at(l, c->guard_at, "the guard does not fit in the %u bits of seL4's CNode cap data",
                        CDL_GUARD_MAX_BITS);
    }
    if (t->type == CDL_CNODE && c->guard_size + t->size_bits > 64) {
        cdl_lex_fail_at(l, c->guard_at, "guard_size %u and the radix of %s (%u bits) make more than 64 bits",
                        (unsigned)c->guard_size, t->name, t->size_bits);
    }
}

/* What a slot of container may hold: NULL if ok, else why not. */
static const char *slot_problem(const model_obj_t *holder, uint64_t slot, const model_obj_t *t)
{
    static const uint8_t below[CDL_OBJ_TYPE_COUNT] = { [CDL_PML4] = CDL_PDPT, [CDL_PDPT] = CDL_PD, [CDL_PD] = CDL_PT };
    static const uint8_t frame_bits[CDL_OBJ_TYPE_COUNT] = { [CDL_PDPT] = 30, [CDL_PD] = 21, [CDL_PT] = 12 };
    switch (holder->type) {
    case CDL_CNODE: return holder->size_bits < 64 && slot >> holder->size_bits ? "slot beyond the cnode's size" : NULL;
    case CDL_TCB:
        if (slot >= CDL_TCB_SLOT_SC && slot <= CDL_TCB_SLOT_BOUND_NTFN) {
            return cdl_mcs_tcb_slot_problem(slot, t);
        }
        if (slot != CDL_TCB_SLOT_CSPACE && slot != CDL_TCB_SLOT_VSPACE && slot != CDL_TCB_SLOT_IPC_BUFFER) {
            return slot < 10 ? "only the TCB slots cspace, vspace, ipc_buffer_slot and (MCS) sc_slot, "
                               "temp_fault_ep_slot and bound_notification are supported (the loader sets no others)"
                             : "not a TCB slot";
        }
        if ((slot == CDL_TCB_SLOT_CSPACE && t->type != CDL_CNODE) ||
            (slot == CDL_TCB_SLOT_VSPACE && t->type != CDL_PML4) ||
            (slot == CDL_TCB_SLOT_IPC_BUFFER && t->type != CDL_FRAME)) {
            return "cspace holds a cnode cap, vspace a pml4 cap, ipc_buffer_slot a frame cap";
        }
        return NULL;
    case CDL_PML4:
    case CDL_PDPT:
    case CDL_PD:
    case CDL_PT:
        if (slot >= 512) {
            return "a paging table has 512 slots";
        }
        if (t->type == CDL_FRAME) {
            return t->size_bits == frame_bits[holder->type] ? NULL
                                                            : "a frame of this size cannot be mapped at this level";
        }
        return holder->type != CDL_PT && t->type == below[holder->type] ? NULL
                                                                        : "a paging table holds the next level's table";
    case CDL_IRQ:
        return slot == 0 && t->type == CDL_NOTIFICATION ? NULL : "an irq holds one notification cap, in slot 0";
    default: return "this object holds no caps";
    }
}

/* Rights the model gives caps whose rights seL4's capDL does not write (as the YAML front end does). */
static uint8_t implied_rights(uint8_t type)
{
    bool control = (type >= CDL_IRQ_CONTROL && type <= CDL_DOMAIN) || type == CDL_SCHED_CONTROL;
    return type == CDL_UNTYPED || control ? 0 : CDL_RIGHTS_ALL;
}

static void place(cdl_parser_t *p, uint32_t holder, uint64_t slot, uint32_t target, const cap_params_t *c, pos_t pos)
{
    const model_obj_t *h = &p->m->objs.v[holder], *t = &p->m->objs.v[target];
    check_params(p, t, c);
    if (c->has_core != (t->type == CDL_SCHED_CONTROL)) {
        cdl_lex_fail_at(&p->lex, c->has_core ? c->core_at : pos, c->has_core ? "only sched_control caps take a core"
                                                                             : "a sched_control cap needs its core");
    }
    if (c->has_core && c->core != 0) {
        cdl_lex_fail_at(&p->lex, c->core_at, "sched_control for core %llu: the MCS kernel runs on one core (0)",
                        (unsigned long long)c->core);
    }
    const char *why = slot_problem(h, slot, t);
    if (why) {
        cdl_lex_fail_at(&p->lex, pos, "cannot put a cap to %s in slot %llu of %s: %s", t->name,
                        (unsigned long long)slot, h->name, why);
    }
    uint8_t r = takes_rights(t->type) ? c->rights : implied_rights(t->type);
    uint64_t data = t->type == CDL_CNODE ? c->guard : c->badge;
    model_add_cap(p->m, holder, (uint32_t)slot, target, r, data, (uint8_t)c->guard_size, pos);
}

typedef struct mapping {
    uint32_t holder;
    uint64_t slot;
    const cap_params_t *c;
    pos_t pos;
} mapping_t;

static void place_one(cdl_parser_t *p, uint32_t target, void *arg)
{
    mapping_t *mp = arg;
    place(p, mp->holder, mp->slot++, target, mp->c, mp->pos);
}

static void add_named(cdl_parser_t *p, const char *name, uint32_t holder, uint64_t slot, pos_t pos)
{
    for (size_t i = 0; i < p->named.n; i++) {
        if (strcmp(p->named.v[i].name, name) == 0) {
            cdl_lex_fail_at(&p->lex, pos, "duplicate cap name '%s'", name);
        }
    }
    cdl_named_cap_t n = { xstrdup(name), holder, (uint32_t)slot };
    VEC_PUSH(p->named, n);
}

/* One entry of a container's block: `[slot:] [name =] obj (params)` or `[slot:] [name =] <name>`. */
typedef struct entry {
    bool has_slot, copy, named;
    uint64_t slot;
    cdl_ref_t cap_name, target;
    cap_params_t c;
    pos_t pos;
} entry_t;

static void parse_entry(cdl_parser_t *p, entry_t *e)
{
    cdl_lex_t *l = &p->lex;
    memset(e, 0, sizeof(*e));
    e->pos = l->pos;
    if (starts_slot(l)) {
        e->slot = slot_number(p);
        e->has_slot = true;
        cdl_expect(l, ":");
    }
    if (cdl_accept(l, "<")) {
        e->copy = true;
    } else {
        cdl_parse_ref(p, &e->target, "an object name");
        if (cdl_accept(l, "=")) {
            e->named = true;
            e->cap_name = e->target;
            e->copy = cdl_accept(l, "<");
            if (!e->copy) {
                cdl_parse_ref(p, &e->target, "an object name");
            }
        }
    }
    if (e->copy) {
        cdl_parse_ref(p, &e->target, "a cap name");
        cdl_expect(l, ">");
    }
    cap_params(p, &e->c);
    maybe_parent(p);
    if (e->copy && !e->has_slot) {
        cdl_lex_fail_at(l, e->pos, "a copied cap needs its slot number");
    }
    if (e->c.has_masked && !e->copy) {
        cdl_lex_fail_at(l, e->pos, "'masked:' applies only to copies of named caps (<name>)");
    }
}

/* Names the count caps placed from slot: `name = ...` one cap, `name[] = ...` each of an array. */
static void name_caps(cdl_parser_t *p, const entry_t *e, uint32_t holder, uint64_t slot, uint64_t count)
{
    const cdl_ref_t *n = &e->cap_name;
    if (n->n == 0 && count == 1) {
        add_named(p, n->name, holder, slot, e->pos);
        return;
    }
    if (n->n != 1 || n->r[0].kind != CDL_R_ALL) {
        cdl_lex_fail_at(&p->lex, n->pos, n->n ? "the name of an array of caps is written %s[]"
                                              : "cannot give one name to an array of caps: write %s[]", n->name);
    }
    for (uint64_t i = 0; i < count; i++) {
        char *name = xasprintf("%s[%llu]", n->name, (unsigned long long)i);
        bool dup = false;
        for (size_t k = 0; k < p->named.n && !dup; k++) {
            dup = strcmp(p->named.v[k].name, name) == 0;
        }
        if (!dup) {
            cdl_named_cap_t c = { name, holder, (uint32_t)(slot + i) };
            VEC_PUSH(p->named, c);
        } else {
            free(name); /* before the failure, which longjmps */
            cdl_lex_fail_at(&p->lex, e->pos, "duplicate cap name '%s[%llu]'", n->name, (unsigned long long)i);
        }
    }
}

static void apply_entry(cdl_parser_t *p, uint32_t holder, entry_t *e, uint64_t *next_slot)
{
    uint64_t slot = e->has_slot ? e->slot : *next_slot;
    if (e->copy) {
        if (e->target.n > 1 || (e->target.n == 1 && e->target.r[0].kind != CDL_R_ONLY)) {
            cdl_lex_fail_at(&p->lex, e->target.pos, "copies of several named caps at once are not supported by "
                                                    "capdl-tool yet: copy each, <%s[i]>", e->target.name);
        }
        if (e->named) {
            name_caps(p, e, holder, slot, 1);
        }
        char *source = e->target.n ? xasprintf("%s[%llu]", e->target.name, (unsigned long long)e->target.r[0].a)
                                   : xstrdup(e->target.name);
        uint8_t masked = e->c.has_masked ? e->c.masked : CDL_RIGHTS_ALL;
        cdl_copy_t c = { holder, (uint32_t)slot, source, masked, e->pos, false };
        VEC_PUSH(p->copies, c);
        *next_slot = slot + 1;
        return;
    }
    mapping_t mp = { holder, slot, &e->c, e->pos };
    cdl_each_id(p, &e->target, true, place_one, &mp);
    if (e->named) {
        name_caps(p, e, holder, slot, mp.slot - slot);
    }
    *next_slot = mp.slot;
}

typedef struct block {
    entry_t *entries;
    size_t n;
} block_t;

static void apply_block(cdl_parser_t *p, uint32_t holder, void *arg)
{
    block_t *b = arg;
    uint64_t next = 0;
    for (size_t i = 0; i < b->n; i++) {
        apply_entry(p, holder, &b->entries[i], &next);
    }
}

/* `container { entries }`: the entries are kept (in the parser, which frees them even after an
 * error) and applied in pass 2 to every container the name covers, each with its own slot
 * counter (an entry without a slot takes the one after the previous entry's last). */
static void cap_block(cdl_parser_t *p, const cdl_ref_t *container)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "{");
    size_t n = 0;
    while (!cdl_accept(l, "}")) {
        if (n == p->cap_entries) {
            p->cap_entries = p->cap_entries ? p->cap_entries * 2 : 16;
            p->entries = xrealloc(p->entries, p->cap_entries * sizeof(entry_t));
        }
        entry_t *e = &((entry_t *)p->entries)[n];
        parse_entry(p, e);
        n++;
        cdl_accept(l, ";");
    }
    if (p->pass == 2) {
        block_t b = { p->entries, n };
        cdl_each_id(p, container, false, apply_block, &b);
    }
}

/* `name = (obj, slot)`: a name for a cap placed elsewhere. */
static void cap_name_decl(cdl_parser_t *p, const cdl_ref_t *name)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "(");
    cdl_ref_t obj;
    cdl_parse_ref(p, &obj, "an object name");
    cdl_expect(l, ",");
    uint64_t slot = slot_number(p);
    cdl_expect(l, ")");
    if (p->pass == 2) {
        uint32_t id = CDL_NONE;
        if (obj.n == 0) {
            id = model_find(p->m, obj.name);
        } else if (obj.n == 1 && obj.r[0].kind == CDL_R_ONLY) {
            char *elem = xasprintf("%s[%llu]", obj.name, (unsigned long long)obj.r[0].a);
            id = model_find(p->m, elem);
            free(elem);
        }
        if (id == CDL_NONE) {
            cdl_lex_fail_at(l, obj.pos, "unknown object '%s'%s", obj.name, obj.n ? " (or not one element of it)" : "");
        }
        add_named(p, name->name, id, slot, name->pos);
    }
}

void cdl_parse_caps(cdl_parser_t *p)
{
    cdl_lex_t *l = &p->lex;
    cdl_expect(l, "{");
    while (!cdl_accept(l, "}")) {
        cdl_ref_t name;
        cdl_parse_ref(p, &name, "a cap container or a cap name");
        if (cdl_accept(l, "=")) {
            cap_name_decl(p, &name);
        } else {
            cap_block(p, &name);
        }
    }
}

static const model_cap_t *cap_at(const model_t *m, uint32_t holder, uint32_t slot)
{
    for (size_t i = 0; i < m->caps.n; i++) {
        if (m->caps.v[i].container == holder && m->caps.v[i].slot == slot) {
            return &m->caps.v[i];
        }
    }
    return NULL;
}

static const cdl_named_cap_t *named(const cdl_parser_t *p, const char *name)
{
    for (size_t i = 0; i < p->named.n; i++) {
        if (strcmp(p->named.v[i].name, name) == 0) {
            return &p->named.v[i];
        }
    }
    return NULL;
}

/* Fills the slot of copy c if its source is placed; false if the source is a copy still to do. */
static bool copy_one(cdl_parser_t *p, const cdl_copy_t *c)
{
    const cdl_named_cap_t *n = named(p, c->source);
    if (!n) {
        cdl_lex_fail_at(&p->lex, c->pos, "unknown cap name '%s'", c->source);
    }
    const model_cap_t *src = cap_at(p->m, n->container, n->slot);
    if (!src) {
        return false;
    }
    model_cap_t copy = *src;
    const model_obj_t *t = &p->m->objs.v[copy.obj];
    const char *why = slot_problem(&p->m->objs.v[c->container], c->slot, t);
    if (why) {
        cdl_lex_fail_at(&p->lex, c->pos, "cannot put a copy of '%s' in slot %u of %s: %s", c->source, c->slot,
                        p->m->objs.v[c->container].name, why);
    }
    if (takes_rights(t->type)) {
        copy.rights &= c->masked;
    }
    model_add_cap(p->m, c->container, c->slot, copy.obj, copy.rights, copy.data, copy.guard_size, c->pos);
    return true;
}

void cdl_resolve_copies(cdl_parser_t *p)
{
    size_t left = p->copies.n;
    bool progress = true;
    while (left && progress) {
        progress = false;
        for (size_t i = 0; i < p->copies.n; i++) {
            if (!p->copies.v[i].done && copy_one(p, &p->copies.v[i])) {
                p->copies.v[i].done = progress = true;
                left--;
            }
        }
    }
    for (size_t i = 0; i < p->copies.n; i++) {
        const cdl_copy_t *c = &p->copies.v[i];
        if (!c->done) {
            cdl_lex_fail_at(&p->lex, c->pos, "copy of '%s': the named slot is empty or the copies form a cycle",
                            c->source);
        }
    }
}
