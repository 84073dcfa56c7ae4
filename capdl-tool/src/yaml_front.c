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

/* ---- node helpers ---- */

pos_t pos_of(yc_t *c, const ynode_t *n)
{
    return (pos_t){ c->file, n->line + 1, n->col + 1 };
}

static const char *kind_name(const ynode_t *n)
{
    switch (n->type) {
    case YN_SCALAR: return "a scalar";
    case YN_SEQUENCE: return "a list";
    case YN_MAPPING: return "a mapping";
    default: return "nothing";
    }
}

void err(yc_t *c, pos_t p, const char *path, const char *hint, const char *msg)
{
    diag_error(c->d, p, path, hint, "%s", msg);
    c->ok = false;
}

void errf_node(yc_t *c, const ynode_t *n, const char *path, const char *fmt, const char *a)
{
    char *msg = xasprintf(fmt, a);
    err(c, pos_of(c, n), path, NULL, msg);
    free(msg);
}

const char *scalar(const ynode_t *n)
{
    return n && n->type == YN_SCALAR ? n->value : NULL;
}

bool expect_type(yc_t *c, const ynode_t *n, ynode_type_t t, const char *path)
{
    if (n->type == t) {
        return true;
    }
    const char *want = t == YN_MAPPING ? "a mapping" : t == YN_SEQUENCE ? "a list" : "a scalar";
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

static bool same_text(const ynode_t *a, const ynode_t *b)
{
    return a->n == b->n && memcmp(a->value, b->value, a->n) == 0;
}

/* FNV-1a of a scalar's text. */
static uint32_t text_hash(const ynode_t *k)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < k->n; i++) {
        h = (h ^ (uint8_t)k->value[i]) * 16777619u;
    }
    return h;
}

static void duplicate_key(yc_t *c, const ynode_t *k, const char *path)
{
    char *msg = xasprintf("duplicate key '%s'", k->value);
    err(c, pos_of(c, k), path, NULL, msg);
    free(msg);
}

/* Keys of a mapping this small are compared pairwise; larger ones go through a hash table. */
#define FEW_KEYS 16

/* Reports each of the m scalar keys that equals an earlier one (mappings can hold thousands of
 * keys: the objects, the components). The errors are sorted by position when printed. */
static bool check_duplicates(yc_t *c, const ynode_t **keys, size_t m, const char *path)
{
    bool good = true;
    if (m <= FEW_KEYS) {
        for (size_t i = 1; i < m; i++) {
            size_t j = 0;
            while (j < i && !same_text(keys[j], keys[i])) {
                j++;
            }
            if (j < i) {
                duplicate_key(c, keys[i], path);
                good = false;
            }
        }
        return good;
    }
    size_t size = 2 * FEW_KEYS;
    while (size < 2 * m) {
        size *= 2;
    }
    const ynode_t **seen = xcalloc(size, sizeof(*seen)); /* open addressing, at most half full */
    for (size_t i = 0; i < m; i++) {
        size_t h = text_hash(keys[i]) & (size - 1);
        while (seen[h] && !same_text(seen[h], keys[i])) {
            h = (h + 1) & (size - 1);
        }
        if (seen[h]) {
            duplicate_key(c, keys[i], path);
            good = false;
        } else {
            seen[h] = keys[i];
        }
    }
    free(seen);
    return good;
}

/* Whether key is one of the n allowed. */
static bool allowed_key(const char *key, const char *const *allowed, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (allowed[i][0] == key[0] && strcmp(allowed[i], key) == 0) {
            return true;
        }
    }
    return false;
}

/* Reports unknown and duplicate keys of a mapping; true if all keys are allowed and unique. */
bool check_keys(yc_t *c, ynode_t *map, const char *path, const char *const *allowed, size_t n)
{
    bool good = true;
    size_t nk = ypairs(map), m = 0;
    const ynode_t *few[FEW_KEYS], **keys = nk <= FEW_KEYS ? few : xmalloc(nk * sizeof(*keys));
    for (uint32_t i = 0; i < nk; i++) {
        const ynode_t *k = ykey(c, map, i);
        if (k->type != YN_SCALAR) {
            err(c, pos_of(c, k), path, NULL, "mapping keys must be scalars");
            good = false;
            continue;
        }
        keys[m++] = k;
        if (allowed && !allowed_key(k->value, allowed, n)) {
            char *msg = xasprintf("unknown key '%s'", k->value), *hint = diag_hint_closest(k->value, allowed, n);
            err(c, pos_of(c, k), path, hint, msg);
            free(msg);
            free(hint);
            good = false;
        }
    }
    good &= check_duplicates(c, keys, m, path);
    if (keys != few) {
        free(keys);
    }
    return good;
}

ynode_t *get(yc_t *c, ynode_t *map, const char *key)
{
    if (map->type != YN_MAPPING) {
        return NULL;
    }
    for (uint32_t i = 0; i < ypairs(map); i++) {
        const ynode_t *k = ykey(c, map, i);
        if (k->type == YN_SCALAR && k->value[0] == key[0] && strcmp(k->value, key) == 0) {
            return yvalue(c, map, i);
        }
    }
    return NULL;
}

ynode_t *require(yc_t *c, ynode_t *map, const char *key, const char *path)
{
    ynode_t *v = get(c, map, key);
    if (!v) {
        char *msg = xasprintf("missing required key '%s'", key);
        err(c, pos_of(c, map), path, NULL, msg);
        free(msg);
    }
    return v;
}

/* A number in [min, max] (suffixes K/M/G when sized). */
bool get_num(yc_t *c, ynode_t *n, const char *path, uint64_t min, uint64_t max, bool sized,
                    uint64_t *out)
{
    if (!expect_type(c, n, YN_SCALAR, path)) {
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

bool get_domain(yc_t *c, ynode_t *n, const char *path, uint8_t *out)
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

bool get_bool(yc_t *c, ynode_t *n, const char *path, bool *out)
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

/* Cap and shared-frame names become C definitions of the component (gen-source); other names
 * are not looked up. */
static bool check_c_name(yc_t *c, ynode_t *k, const char *path, const char *what)
{
    if (strcmp(what, "cap") != 0 && strcmp(what, "symbol") != 0) {
        return true;
    }
    const char *why = c_name_clash(scalar(k));
    if (!why) {
        return true;
    }
    char *msg = xasprintf("%s name '%s' is %s: the component's C code could not define it", what, scalar(k), why);
    err(c, pos_of(c, k), path, NULL, msg);
    free(msg);
    return false;
}

/* Object and component names name objects of the .cdl spec, whose identifiers (seL4's capDL)
 * start with a letter. */
static bool check_cdl_name(yc_t *c, ynode_t *k, const char *path, const char *what)
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

bool check_name(yc_t *c, ynode_t *k, const char *path, const char *what)
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
bool get_rights(yc_t *c, ynode_t *n, const char *path, uint8_t *out, bool *exec)
{
    *out = 0;
    *exec = false;
    if (!expect_type(c, n, YN_SEQUENCE, path)) {
        return false;
    }
    bool good = true;
    int idx = 0;
    for (uint32_t it = 0; it < yitems(n); it++, idx++) {
        ynode_t *r = yitem(c, n, it);
        const char *s = scalar(r);
        size_t i = 0;
        while (s && i < 5 && strcmp(s, right_names[i]) != 0) {
            i++;
        }
        if (!s || i == 5) { /* the item's path is only made for its error (rights are read per cap) */
            char *p = xasprintf("%s[%d]", path, idx);
            char *msg = xasprintf("unknown right '%s' (rights are read, write, grant, grant_reply, execute)",
                                  s ? s : "");
            char *hint = s ? diag_hint_closest(s, right_names, 5) : NULL;
            err(c, pos_of(c, r), p, hint, msg);
            free(p);
            free(msg);
            free(hint);
            good = false;
        } else {
            *out |= right_bits[i];
            *exec = *exec || i == 4;
        }
    }
    return good;
}

ynode_t *find_right(yc_t *c, ynode_t *n, const char *word, int *idx)
{
    *idx = -1;
    if (n->type != YN_SEQUENCE) {
        return NULL;
    }
    int i = 0;
    for (uint32_t it = 0; it < yitems(n); it++, i++) {
        const char *s = scalar(yitem(c, n, it));
        if (s && strcmp(s, word) == 0) {
            *idx = i;
            return yitem(c, n, it);
        }
    }
    return NULL;
}

bool get_badge(yc_t *c, ynode_t *n, const char *path, uint64_t *out)
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

pending_t make_ref(yc_t *c, uint8_t kind, uint32_t comp, uint32_t idx, ynode_t *n, const char *path)
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
static void load_schedule_entry(yc_t *c, ynode_t *e, const char *path)
{
    if (!expect_type(c, e, YN_MAPPING, path) || !check_keys(c, e, path, schedule_keys, 2)) {
        return;
    }
    ynode_t *d = require(c, e, "domain", path), *t = require(c, e, "ticks", path);
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
static void load_domain_schedule(yc_t *c, ynode_t *n)
{
    const char *path = "kernel.domain_schedule";
    if (!expect_type(c, n, YN_SEQUENCE, path)) {
        return;
    }
    size_t count = (size_t)yitems(n);
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
    for (uint32_t it = 0; it < yitems(n); it++, i++) {
        char *ip = xasprintf("%s[%d]", path, i);
        load_schedule_entry(c, yitem(c, n, it), ip);
        free(ip);
    }
    if (d->entries.n < table) {
        VEC_PUSH(d->entries, CDL_DOMAIN_ENTRY(0, 0));
    }
}

/* `kernel:`: what the system needs of the kernel variant it runs on, beyond the default build. */
static void load_kernel(yc_t *c, ynode_t *k)
{
    if (!expect_type(c, k, YN_MAPPING, "kernel")) {
        return;
    }
    check_keys(c, k, "kernel", kernel_keys, 3);
    yaml_sched_kernel(c, k);
    ynode_t *d = get(c, k, "domains");
    uint64_t v;
    if (d && get_num(c, d, "kernel.domains", 1, KERNEL_TARGET_MAX_DOMAINS, false, &v)) {
        c->domains = (unsigned)v;
    }
    ynode_t *s = get(c, k, "domain_schedule");
    if (s) {
        load_domain_schedule(c, s);
    }
}

static void load_root(yc_t *c, ynode_t *root)
{
    if (!expect_type(c, root, YN_MAPPING, "")) {
        return;
    }
    check_keys(c, root, "", top_keys, 6);
    ynode_t *sys = require(c, root, "system", "");
    if (sys && expect_type(c, sys, YN_SCALAR, "system") && check_name(c, sys, "system", "system")) {
        c->m->system = xstrdup(scalar(sys));
    }
    ynode_t *mem = get(c, root, "memory");
    uint64_t v;
    if (mem && get_num(c, mem, "memory", 16ull << 20, 1ull << 46, true, &v)) {
        c->m->ram_bytes = v;
    }
    ynode_t *kern = get(c, root, "kernel");
    if (kern) {
        load_kernel(c, kern);
    }
    ynode_t *objs = get(c, root, "objects");
    if (objs) {
        load_objects(c, objs);
    }
    ynode_t *comps = require(c, root, "components", "");
    if (comps) {
        load_components(c, comps);
    }
    ynode_t *lint = get(c, root, "lint");
    if (lint) {
        load_lint(c, lint);
    }
    resolve_all(c);
}

bool yaml_load_string(model_t *m, diag_t *d, const char *file, const char *text, size_t len)
{
    yc_t c = { .m = m, .d = d, .file = file, .ok = true, .domains = KERNEL_TARGET_DEFAULT_DOMAINS };
    diag_add_source(d, file, text, len);
    if (!yaml_read(&c, text, len, true)) {
        return false;
    }
    ynode_t *root = yroot(&c);
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
    yaml_doc_free(&c.doc);
    return c.ok;
}
