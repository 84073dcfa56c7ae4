/*
 * `capdl-tool verify --against DUMP` (verify.h): compares a dump of the live capability state
 * with the model's CSpaces and TCBs. The dump format (docs/verification.md) is text:
 *
 *   capdl-dump 1
 *   # comment
 *   cap CONTAINER SLOT OBJECT RIGHTS [BADGE]
 *
 * with objects named as in the spec (the loader knows the spec object behind each kernel
 * object), RIGHTS letters from R W G P (grant_reply) or '-', BADGE a number (default 0).
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

typedef struct dcap {
    uint32_t container, slot, obj, line;
    uint8_t rights;
    uint64_t badge;
    bool matched;
} dcap_t;

typedef VEC(dcap_t) dcaps_t;

static bool parse_rights(const char *s, uint8_t *out)
{
    *out = 0;
    if (strcmp(s, "-") == 0) {
        return true;
    }
    for (; *s; s++) {
        const char *l = strchr("WRGP", *s);
        if (!l || !*s) {
            return false;
        }
        *out |= (uint8_t)(1u << (l - "WRGP"));
    }
    return true;
}

static void rights_text(uint8_t r, char *out)
{
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        if (r & (1u << "\1\0\2\3"[i])) {
            out[n++] = "RWGP"[i];
        }
    }
    if (!n) {
        out[n++] = '-';
    }
    out[n] = '\0';
}

static bool compared(const model_t *m, uint32_t container)
{
    uint8_t t = m->objs.v[container].type;
    return t == CDL_CNODE || t == CDL_TCB;
}

/* Parses the dump's lines into caps; false (errors in d) if malformed. */
static bool parse_dump(const model_t *m, diag_t *d, const char *file, const char *text, size_t len, dcaps_t *out)
{
    char *copy = xstrndup(text, len), *save = NULL;
    bool ok = true, header = false;
    uint32_t line = 0;
    for (char *p = copy, *e; p && *p; p = e) {
        e = strchr(p, '\n');
        if (e) {
            *e++ = '\0';
        }
        line++;
        char *tok[8];
        int n = 0;
        for (char *t = strtok_r(p, " \t\r", &save); t && n < 8; t = strtok_r(NULL, " \t\r", &save)) {
            tok[n++] = t;
        }
        if (n == 0 || tok[0][0] == '#') {
            continue;
        }
        pos_t pos = { file, line, 1 };
        if (!header) {
            if (n != 2 || strcmp(tok[0], "capdl-dump") != 0 || strcmp(tok[1], "1") != 0) {
                diag_error(d, pos, NULL, NULL, "expected the header 'capdl-dump 1'");
                ok = false;
                break;
            }
            header = true;
            continue;
        }
        dcap_t c = { .line = line };
        uint64_t slot = 0;
        if (strcmp(tok[0], "cap") != 0 || n < 5 || n > 6) {
            diag_error(d, pos, NULL, NULL, "expected 'cap CONTAINER SLOT OBJECT RIGHTS [BADGE]'");
            ok = false;
        } else if ((c.container = model_find(m, tok[1])) == CDL_NONE || !compared(m, c.container)) {
            diag_error(d, pos, NULL, NULL, "'%s' is not a CNode or TCB of the spec", tok[1]);
            ok = false;
        } else if (!parse_u64(tok[2], &slot, false) || slot > UINT32_MAX) {
            diag_error(d, pos, NULL, NULL, "bad slot '%s'", tok[2]);
            ok = false;
        } else if ((c.obj = model_find(m, tok[3])) == CDL_NONE) {
            diag_error(d, pos, NULL, NULL, "unknown object '%s'", tok[3]);
            ok = false;
        } else if (!parse_rights(tok[4], &c.rights)) {
            diag_error(d, pos, NULL, NULL, "bad rights '%s' (letters R, W, G, P or '-')", tok[4]);
            ok = false;
        } else if (n == 6 && !parse_u64(tok[5], &c.badge, false)) {
            diag_error(d, pos, NULL, NULL, "bad badge '%s'", tok[5]);
            ok = false;
        } else {
            c.slot = (uint32_t)slot;
            VEC_PUSH(*out, c);
        }
    }
    if (ok && !header) {
        diag_error(d, (pos_t){ file, 1, 1 }, NULL, NULL, "expected the header 'capdl-dump 1'");
        ok = false;
    }
    free(copy);
    return ok;
}

static void cap_text(const model_t *m, uint32_t obj, uint8_t rights, uint64_t badge, strbuf_t *b)
{
    char r[8];
    rights_text(rights, r);
    sb_printf(b, "%s %s", m->objs.v[obj].name, r);
    if (badge) {
        sb_printf(b, " badge 0x%llx", (unsigned long long)badge);
    }
}

long vd_compare(const model_t *m, diag_t *d, const char *file, const char *text, size_t len, strbuf_t *b)
{
    dcaps_t dc = { 0 };
    if (!parse_dump(m, d, file, text, len, &dc)) {
        VEC_FREE(dc);
        return -1;
    }
    vmap_t at = { 0 };
    long diffs = 0;
    for (uint32_t i = 0; i < dc.n; i++) {
        uint64_t key = (uint64_t)dc.v[i].container << 32 | dc.v[i].slot;
        if (vmap_get(&at, key) != CDL_NONE) {
            sb_printf(b, "%s:%u: duplicate: %s slot %u appears twice in the dump\n", file, dc.v[i].line,
                      m->objs.v[dc.v[i].container].name, dc.v[i].slot);
            dc.v[i].matched = true;
            diffs++;
            continue;
        }
        vmap_put(&at, key, i);
    }
    for (size_t i = 0; i < m->caps.n; i++) {
        const model_cap_t *c = &m->caps.v[i];
        if (!compared(m, c->container)) {
            continue;
        }
        /* MCS: a TCB's SC and a passive thread's notification are bindings, no caps in TCB
         * slots: the kernel has nothing there for the dump to show */
        if (m->objs.v[c->container].type == CDL_TCB && (c->slot == CDL_TCB_SLOT_SC || c->slot == CDL_TCB_SLOT_BOUND_NTFN)) {
            continue;
        }
        uint32_t k = vmap_get(&at, (uint64_t)c->container << 32 | c->slot);
        /* rights apply to endpoints, notifications and frames only; a frame cap holds Read and
         * Write (execute is not a cap right in the kernel, the loader's Copy drops it) */
        uint8_t t = m->objs.v[c->obj].type;
        uint8_t mask = t == CDL_ENDPOINT || t == CDL_NOTIFICATION ? CDL_RIGHTS_ALL
                       : t == CDL_FRAME                           ? CDL_RIGHT_READ | CDL_RIGHT_WRITE
                                                                  : 0;
        if (k == CDL_NONE) {
            sb_printf(b, "missing: %s slot %u: the spec has ", m->objs.v[c->container].name, c->slot);
            cap_text(m, c->obj, c->rights & mask, c->data, b);
            sb_printf(b, ", the dump nothing\n");
            diffs++;
            continue;
        }
        dcap_t *x = &dc.v[k];
        x->matched = true;
        uint64_t badge = t == CDL_ENDPOINT || t == CDL_NOTIFICATION ? c->data : 0;
        if (x->obj != c->obj || (x->rights & mask) != (c->rights & mask) || x->badge != badge) {
            sb_printf(b, "%s:%u: differs: %s slot %u: the spec has ", file, x->line, m->objs.v[c->container].name, c->slot);
            cap_text(m, c->obj, c->rights & mask, badge, b);
            sb_printf(b, ", the dump ");
            cap_text(m, x->obj, x->rights & mask, x->badge, b);
            sb_printf(b, "\n");
            diffs++;
        }
    }
    for (size_t i = 0; i < dc.n; i++) {
        if (!dc.v[i].matched) {
            sb_printf(b, "%s:%u: extra: %s slot %u: the dump has ", file, dc.v[i].line,
                      m->objs.v[dc.v[i].container].name, dc.v[i].slot);
            cap_text(m, dc.v[i].obj, dc.v[i].rights, dc.v[i].badge, b);
            sb_printf(b, ", the spec nothing\n");
            diffs++;
        }
    }
    vmap_free(&at);
    VEC_FREE(dc);
    return diffs;
}
