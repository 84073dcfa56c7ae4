/*
 * YAML front end (yaml_front.h). Walks the node tree with marks (0-based; positions here are
 * 1-based) that yaml_read.c builds in one pass of libyaml's parser. Layout of this file: node
 * helpers (types, keys, scalars with positions), phase one (objects, components, threads, caps,
 * shared frames), phase two (name resolution and whole-system rules, one block per rule).
 */
#include "yaml_internal.h"

#include "c_names.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* ---- node helpers ---- */

yaml_node_t *node(yc_t *c, int i)
{
    return yaml_document_get_node(&c->doc, i);
}

pos_t pos_of(yc_t *c, const yaml_node_t *n)
{
    return (pos_t){ c->file, (uint32_t)n->start_mark.line + 1, (uint32_t)n->start_mark.column + 1 };
}

static const char *kind_name(const yaml_node_t *n)
{
    switch (n->type) {
    case YAML_SCALAR_NODE: return "a scalar";
    case YAML_SEQUENCE_NODE: return "a list";
    case YAML_MAPPING_NODE: return "a mapping";
    default: return "nothing";
    }
}

void err(yc_t *c, pos_t p, const char *path, const char *hint, const char *msg)
{
    diag_error(c->d, p, path, hint, "%s", msg);
    c->ok = false;
}

void errf_node(yc_t *c, const yaml_node_t *n, const char *path, const char *fmt, const char *a)
{
    char *msg = xasprintf(fmt, a);
    err(c, pos_of(c, n), path, NULL, msg);
    free(msg);
}

const char *scalar(const yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

bool expect_type(yc_t *c, const yaml_node_t *n, yaml_node_type_t t, const char *path)
{
    if (n->type == t) {
        return true;
    }
    const char *want = t == YAML_MAPPING_NODE ? "a mapping" : t == YAML_SEQUENCE_NODE ? "a list" : "a scalar";
    char *msg = xasprintf("expected %s, found %s", want, kind_name(n));
    err(c, pos_of(c, n), path, NULL, msg);
    free(msg);
    return false;
}

/* "path.key" by copying (one per cap, key and rights of the description: no printf). */
char *subpath(const char *path, const char *key)
{
    size_t np = strlen(path), nk = strlen(key);
    if (!np) {
        return xstrdup(key);
    }
    char *s = xmalloc(np + nk + 2);
    memcpy(s, path, np);
    s[np] = '.';
    memcpy(s + np + 1, key, nk + 1);
    return s;
}

typedef struct key_ref {
    const char *key;
    yaml_node_t *node;
    size_t order;
} key_ref_t;

static int cmp_key(const void *pa, const void *pb)
{
    const key_ref_t *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->order < b->order ? -1 : 1);
}

/* Duplicate keys, found by sorting (mappings can hold thousands of keys). */
static bool check_duplicates(yc_t *c, key_ref_t *keys, size_t n, const char *path)
{
    qsort(keys, n, sizeof(key_ref_t), cmp_key);
    bool good = true;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(keys[i - 1].key, keys[i].key) == 0) {
            char *msg = xasprintf("duplicate key '%s'", keys[i].key);
            err(c, pos_of(c, keys[i].node), path, NULL, msg);
            free(msg);
            good = false;
        }
    }
    return good;
}

/* Reports unknown and duplicate keys of a mapping; true if all keys are allowed and unique. */
bool check_keys(yc_t *c, yaml_node_t *map, const char *path, const char *const *allowed, size_t n)
{
    bool good = true;
    size_t nk = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), m = 0;
    key_ref_t *keys = xmalloc((nk + 1) * sizeof(key_ref_t));
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = node(c, p->key);
        const char *key = scalar(k);
        if (!key) {
            err(c, pos_of(c, k), path, NULL, "mapping keys must be scalars");
            good = false;
            continue;
        }
        keys[m] = (key_ref_t){ key, k, m };
        m++;
        size_t i = 0;
        while (allowed && i < n && strcmp(allowed[i], key) != 0) {
            i++;
        }
        if (allowed && i == n) {
            char *msg = xasprintf("unknown key '%s'", key), *hint = diag_hint_closest(key, allowed, n);
            err(c, pos_of(c, k), path, hint, msg);
            free(msg);
            free(hint);
            good = false;
        }
    }
    good &= check_duplicates(c, keys, m, path);
    free(keys);
    return good;
}

yaml_node_t *get(yc_t *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        const char *k = scalar(node(c, p->key));
        if (k && strcmp(k, key) == 0) {
            return node(c, p->value);
        }
    }
    return NULL;
}

yaml_node_t *require(yc_t *c, yaml_node_t *map, const char *key, const char *path)
{
    yaml_node_t *v = get(c, map, key);
    if (!v) {
        char *msg = xasprintf("missing required key '%s'", key);
        err(c, pos_of(c, map), path, NULL, msg);
        free(msg);
    }
    return v;
}

/* A number in [min, max] (suffixes K/M/G when sized). */
bool get_num(yc_t *c, yaml_node_t *n, const char *path, uint64_t min, uint64_t max, bool sized,
                    uint64_t *out)
{
    if (!expect_type(c, n, YAML_SCALAR_NODE, path)) {
        return false;
    }
    const char *s = scalar(n);
    if (s[0] == '-' && parse_u64(s + 1, out, sized)) {
        char *msg = xasprintf("%s is out of range [%llu, %llu]: a negative number", s, (unsigned long long)min,
                              (unsigned long long)max);
        err(c, pos_of(c, n), path, NULL, msg);
        free(msg);
        return false;
    }
    if (!parse_u64(s, out, sized)) {
        errf_node(c, n, path, sized ? "expected a size (a number, optionally with K, M or G), found '%s'"
                                    : "expected a number, found '%s'", s);
        return false;
    }
    if (*out < min || *out > max) {
        char *msg = xasprintf("%s is out of range [%llu, %llu]", s, (unsigned long long)min,
                              (unsigned long long)max);
        err(c, pos_of(c, n), path, NULL, msg);
        free(msg);
        return false;
    }
    return true;
}

bool get_domain(yc_t *c, yaml_node_t *n, const char *path, uint8_t *out)
{
    uint64_t d;
    if (!get_num(c, n, path, 0, KERNEL_TARGET_MAX_DOMAINS - 1, false, &d)) {
        return false;
    }
    if (d >= c->domains) {
        char *msg = xasprintf("domain %llu does not exist: the kernel has %u scheduling domain%s (0..%u)",
                              (unsigned long long)d, c->domains, c->domains == 1 ? "" : "s", c->domains - 1);
        err(c, pos_of(c, n), path, "a system for a kernel built with more domains says so with 'kernel: {domains: N}'",
            msg);
        free(msg);
        return false;
    }
    *out = (uint8_t)d;
    return true;
}

bool get_bool(yc_t *c, yaml_node_t *n, const char *path, bool *out)
{
    const char *s = scalar(n);
    if (s && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)) {
        *out = s[0] == 't';
        return true;
    }
    err(c, pos_of(c, n), path, NULL, "expected true or false");
    return false;
}

bool is_ident(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_')) {
        return false;
    }
    for (s++; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')) {
            return false;
        }
    }
    return true;
}

/* Cap and shared-frame names become C definitions of the component (gen-source). */
static bool check_c_name(yc_t *c, yaml_node_t *k, const char *path, const char *what)
{
    const char *why = c_name_clash(scalar(k));
    if (!why || (strcmp(what, "cap") != 0 && strcmp(what, "symbol") != 0)) {
        return true;
    }
    char *msg = xasprintf("%s name '%s' is %s: the component's C code could not define it", what, scalar(k), why);
    err(c, pos_of(c, k), path, NULL, msg);
    free(msg);
    return false;
}

/* Object and component names name objects of the .cdl spec, whose identifiers (seL4's capDL)
 * start with a letter. */
static bool check_cdl_name(yc_t *c, yaml_node_t *k, const char *path, const char *what)
{
    const char *s = scalar(k);
    if (s[0] != '_' || (strcmp(what, "object") != 0 && strcmp(what, "component") != 0)) {
        return true;
    }
    char *msg = xasprintf("invalid %s name '%s': it names objects of the capDL spec, whose names start with a "
                          "letter", what, s);
    err(c, pos_of(c, k), path, NULL, msg);
    free(msg);
    return false;
}

bool check_name(yc_t *c, yaml_node_t *k, const char *path, const char *what)
{
    const char *s = scalar(k);
    if (s && is_ident(s) && strlen(s) <= 64) {
        return check_c_name(c, k, path, what) && check_cdl_name(c, k, path, what);
    }
    char *msg = xasprintf("invalid %s name '%s': use letters, digits and '_' (at most 64), not starting "
                          "with a digit", what, s ? s : "");
    err(c, pos_of(c, k), path, NULL, msg);
    free(msg);
    return false;
}

const char *const right_names[] = { "read", "write", "grant", "grant_reply", "execute" };
const uint8_t right_bits[] = { CDL_RIGHT_READ, CDL_RIGHT_WRITE, CDL_RIGHT_GRANT,
                                      CDL_RIGHT_GRANT_REPLY, CDL_RIGHT_GRANT };

/* rights: [read, write, ...]; execute is recorded as GRANT with *exec set. */
bool get_rights(yc_t *c, yaml_node_t *n, const char *path, uint8_t *out, bool *exec)
{
    *out = 0;
    *exec = false;
    if (!expect_type(c, n, YAML_SEQUENCE_NODE, path)) {
        return false;
    }
    bool good = true;
    int idx = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, idx++) {
        yaml_node_t *r = node(c, *it);
        char *p = xasprintf("%s[%d]", path, idx);
        const char *s = scalar(r);
        size_t i = 0;
        while (s && i < 5 && strcmp(s, right_names[i]) != 0) {
            i++;
        }
        if (!s || i == 5) {
            char *msg = xasprintf("unknown right '%s' (rights are read, write, grant, grant_reply, execute)",
                                  s ? s : "");
            char *hint = s ? diag_hint_closest(s, right_names, 5) : NULL;
            err(c, pos_of(c, r), p, hint, msg);
            free(msg);
            free(hint);
            good = false;
        } else {
            *out |= right_bits[i];
            *exec = *exec || i == 4;
        }
        free(p);
    }
    return good;
}

yaml_node_t *find_right(yc_t *c, yaml_node_t *n, const char *word, int *idx)
{
    *idx = -1;
    if (n->type != YAML_SEQUENCE_NODE) {
        return NULL;
    }
    int i = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, i++) {
        const char *s = scalar(node(c, *it));
        if (s && strcmp(s, word) == 0) {
            *idx = i;
            return node(c, *it);
        }
    }
    return NULL;
}

bool get_badge(yc_t *c, yaml_node_t *n, const char *path, uint64_t *out)
{
    if (!get_num(c, n, path, 0, UINT64_MAX, false, out)) {
        return false;
    }
    if (*out == 0) {
        err(c, pos_of(c, n), path, NULL, "badge 0 means unbadged: leave the badge out");
        return false;
    }
    return true;
}

void add_ref(yc_t *c, pending_t r)
{
    VEC_PUSH(c->refs, r);
}

pending_t make_ref(yc_t *c, uint8_t kind, uint32_t comp, uint32_t idx, yaml_node_t *n, const char *path)
{
    return (pending_t){ .kind = kind, .comp = comp, .idx = idx, .grant_idx = -1, .exec_idx = -1,
                        .name = xstrdup(scalar(n) ? scalar(n) : ""),
                        .pos = pos_of(c, n), .path = xstrdup(path) };
}


/* ---- top level ---- */

static const char *const top_keys[] = { "system", "memory", "kernel", "objects", "components", "lint" };
static const char *const kernel_keys[] = { "domains", "domain_schedule", "mcs" };
static const char *const schedule_keys[] = { "domain", "ticks" };

/* One `{domain: d, ticks: t}` of `kernel.domain_schedule`, d below the kernel's domain count. */
static void load_schedule_entry(yc_t *c, yaml_node_t *e, const char *path)
{
    if (!expect_type(c, e, YAML_MAPPING_NODE, path) || !check_keys(c, e, path, schedule_keys, 2)) {
        return;
    }
    yaml_node_t *d = require(c, e, "domain", path), *t = require(c, e, "ticks", path);
    char *dp = subpath(path, "domain"), *tp = subpath(path, "ticks");
    uint8_t dom;
    uint64_t ticks;
    bool ok = d && get_domain(c, d, dp, &dom);
    ok &= t && get_num(c, t, tp, 1, (1ull << CDL_DOMAIN_DURATION_BITS) - 1, false, &ticks);
    if (ok) {
        VEC_PUSH(c->m->domain_schedule.entries, CDL_DOMAIN_ENTRY(dom, ticks));
    }
    free(dp);
    free(tp);
}

/*
 * `kernel.domain_schedule: [{domain: d, ticks: t}, ...]`: the schedule the loader configures in
 * the kernel's table from index 0 and starts at its first entry. When the table has room, an
 * end marker follows, so the kernel's walk wraps after the last entry whatever schedule the
 * kernel was built with.
 */
static void load_domain_schedule(yc_t *c, yaml_node_t *n)
{
    const char *path = "kernel.domain_schedule";
    if (!expect_type(c, n, YAML_SEQUENCE_NODE, path)) {
        return;
    }
    size_t count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    unsigned table = kernel_target_domain_schedules(c->domains);
    if (count == 0) {
        err(c, pos_of(c, n), path, NULL, "an empty schedule: give at least one {domain: d, ticks: t}");
        return;
    }
    if (count > table) {
        char *msg = xasprintf("a schedule of %zu entries does not fit: a kernel with %u domain%s has a table of %u "
                              "entr%s", count, c->domains, c->domains == 1 ? "" : "s", table, table == 1 ? "y" : "ies");
        err(c, pos_of(c, n), path, "a system for a kernel built with more domains says so with 'kernel: {domains: N}'",
            msg);
        free(msg);
        return;
    }
    model_domain_schedule_t *d = &c->m->domain_schedule;
    d->pos = pos_of(c, n);
    d->start = 0;
    int i = 0;
    for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++, i++) {
        char *ip = xasprintf("%s[%d]", path, i);
        load_schedule_entry(c, node(c, *it), ip);
        free(ip);
    }
    if (d->entries.n < table) {
        VEC_PUSH(d->entries, CDL_DOMAIN_ENTRY(0, 0));
    }
}

/* `kernel:`: what the system needs of the kernel variant it runs on, beyond the default build. */
static void load_kernel(yc_t *c, yaml_node_t *k)
{
    if (!expect_type(c, k, YAML_MAPPING_NODE, "kernel")) {
        return;
    }
    check_keys(c, k, "kernel", kernel_keys, 3);
    yaml_sched_kernel(c, k);
    yaml_node_t *d = get(c, k, "domains");
    uint64_t v;
    if (d && get_num(c, d, "kernel.domains", 1, KERNEL_TARGET_MAX_DOMAINS, false, &v)) {
        c->domains = (unsigned)v;
    }
    yaml_node_t *s = get(c, k, "domain_schedule");
    if (s) {
        load_domain_schedule(c, s);
    }
}

static void load_root(yc_t *c, yaml_node_t *root)
{
    if (!expect_type(c, root, YAML_MAPPING_NODE, "")) {
        return;
    }
    check_keys(c, root, "", top_keys, 6);
    yaml_node_t *sys = require(c, root, "system", "");
    if (sys && expect_type(c, sys, YAML_SCALAR_NODE, "system") && check_name(c, sys, "system", "system")) {
        c->m->system = xstrdup(scalar(sys));
    }
    yaml_node_t *mem = get(c, root, "memory");
    uint64_t v;
    if (mem && get_num(c, mem, "memory", 16ull << 20, 1ull << 46, true, &v)) {
        c->m->ram_bytes = v;
    }
    yaml_node_t *kern = get(c, root, "kernel");
    if (kern) {
        load_kernel(c, kern);
    }
    yaml_node_t *objs = get(c, root, "objects");
    if (objs) {
        load_objects(c, objs);
    }
    yaml_node_t *comps = require(c, root, "components", "");
    if (comps) {
        load_components(c, comps);
    }
    yaml_node_t *lint = get(c, root, "lint");
    if (lint) {
        load_lint(c, lint);
    }
    resolve_all(c);
}

bool yaml_load_string(model_t *m, diag_t *d, const char *file, const char *text, size_t len)
{
    yc_t c = { .m = m, .d = d, .file = file, .ok = true, .domains = KERNEL_TARGET_DEFAULT_DOMAINS };
    diag_add_source(d, file, text, len);
    if (!yaml_read(&c, text, len)) {
        return false;
    }
    yaml_node_t *root = yaml_document_get_root_node(&c.doc);
    if (!root) {
        err(&c, (pos_t){ file, 1, 1 }, NULL, NULL, "the file is empty: expected a system description");
    } else {
        load_root(&c, root);
    }
    for (size_t i = 0; i < c.refs.n; i++) {
        free(c.refs.v[i].name);
        free(c.refs.v[i].path);
        free(c.refs.v[i].rights_path);
        free(c.refs.v[i].badge_path);
    }
    VEC_FREE(c.refs);
    VEC_FREE(c.shared_ports);
    yaml_document_delete(&c.doc);
    return c.ok;
}
