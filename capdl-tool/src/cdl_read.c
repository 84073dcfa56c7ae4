/*
 * The .cdl reader (cdl_read.h): a small lexer (identifiers may contain '.', '@', '[', ']';
 * comments "--" to the end of the line and C-style block comments) and a recursive-descent
 * parser. Errors are fatal to the parse: the first one is reported, and fail() longjmps out, so
 * nothing may be heap-allocated across a call that can fail unless the model already owns it.
 */
#include "cdl_read.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_EOF, T_WORD, T_STRING, T_PUNCT } tok_kind_t;

typedef struct lex {
    const char *s, *end, *file;
    uint32_t line, col;
    tok_kind_t kind;
    char text[256];
    pos_t pos;
    diag_t *d;
    model_t *m;
    jmp_buf fail;
} lex_t;

_Noreturn static void fail(lex_t *l, const char *msg)
{
    diag_error(l->d, l->pos, NULL, NULL, "%s (found '%s')", msg, l->kind == T_EOF ? "end of file" : l->text);
    longjmp(l->fail, 1);
}

static void adv(lex_t *l)
{
    if (*l->s == '\n') {
        l->line++, l->col = 1;
    } else {
        l->col++;
    }
    l->s++;
}

static void skip_space(lex_t *l)
{
    while (l->s < l->end) {
        if (*l->s == ' ' || *l->s == '\t' || *l->s == '\n' || *l->s == '\r') {
            adv(l);
        } else if (l->s + 1 < l->end && l->s[0] == '-' && l->s[1] == '-') {
            while (l->s < l->end && *l->s != '\n') {
                adv(l);
            }
        } else if (l->s + 1 < l->end && l->s[0] == '/' && l->s[1] == '*') {
            while (l->s < l->end && !(l->s + 1 < l->end && l->s[0] == '*' && l->s[1] == '/')) {
                adv(l);
            }
            for (int i = 0; i < 2 && l->s < l->end; i++) {
                adv(l);
            }
        } else {
            return;
        }
    }
}

static bool word_char(char c, bool first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@' ||
           (!first && ((c >= '0' && c <= '9') || c == '.' || c == '[' || c == ']'));
}

static void next(lex_t *l)
{
    skip_space(l);
    l->pos = (pos_t){ l->file, l->line, l->col };
    size_t n = 0;
    if (l->s >= l->end) {
        l->kind = T_EOF;
        l->text[0] = '\0';
        return;
    }
    char c = *l->s;
    bool num = c >= '0' && c <= '9';
    if (num || word_char(c, true)) {
        l->kind = T_WORD;
        while (l->s < l->end && n < 255 && (num ? (word_char(*l->s, true) || (*l->s >= '0' && *l->s <= '9'))
                                                : word_char(*l->s, false))) {
            l->text[n++] = *l->s;
            adv(l);
        }
    } else if (c == '"') {
        l->kind = T_STRING;
        adv(l);
        while (l->s < l->end && *l->s != '"' && *l->s != '\n' && n < 255) {
            l->text[n++] = *l->s;
            adv(l);
        }
        if (l->s >= l->end || *l->s != '"') {
            l->text[n] = '\0';
            fail(l, "unterminated string");
        }
        adv(l);
    } else {
        l->kind = T_PUNCT;
        l->text[n++] = c;
        adv(l);
        if (c == '.' && l->s < l->end && *l->s == '.') {
            l->text[n++] = '.';
            adv(l);
        }
    }
    l->text[n] = '\0';
}

static bool is(lex_t *l, const char *t)
{
    return l->kind != T_EOF && l->kind != T_STRING && strcmp(l->text, t) == 0;
}

static void expect(lex_t *l, const char *t)
{
    if (!is(l, t)) {
        char *msg = xasprintf("expected '%s'", t);
        diag_error(l->d, l->pos, NULL, NULL, "%s (found '%s')", msg, l->kind == T_EOF ? "end of file" : l->text);
        free(msg);
        longjmp(l->fail, 1);
    }
    next(l);
}

static uint64_t number(lex_t *l)
{
    uint64_t v;
    if (l->kind != T_WORD || !parse_u64(l->text, &v, false)) {
        fail(l, "expected a number");
    }
    next(l);
    return v;
}

/* Skips a name; true if it is w. */
static bool word_is(lex_t *l, const char *w)
{
    if (l->kind != T_WORD || !word_char(l->text[0], true)) {
        fail(l, "expected a name");
    }
    bool same = strcmp(l->text, w) == 0;
    next(l);
    return same;
}

static int type_from(const char *s)
{
    for (int t = 0; t < CDL_IRQ_CONTROL; t++) {
        if (strcmp(s, cdl_obj_type_name((uint32_t)t)) == 0) {
            return t;
        }
    }
    return -1;
}

static void tcb_param(lex_t *l, model_tcb_t *t, const char *key)
{
    if (strcmp(key, "init") == 0) {
        expect(l, "[");
        while (!is(l, "]")) {
            if (t->nargs == 4) {
                fail(l, "at most 4 init arguments");
            }
            t->args[t->nargs++] = number(l);
            if (!is(l, "]")) {
                expect(l, ",");
            }
        }
        next(l);
        return;
    }
    if (strcmp(key, "resume") == 0) {
        t->resume = word_is(l, "true");
        return;
    }
    uint64_t v = number(l);
    const char *keys[] = { "addr", "ip", "sp", "prio", "max_prio", "dom", "fault_ep" };
    size_t i = 0;
    while (i < 7 && strcmp(keys[i], key) != 0) {
        i++;
    }
    switch (i) {
    case 0: t->ipc_buffer = v; break;
    case 1: t->ip = v; break;
    case 2: t->sp = v; break;
    case 3: t->prio = (uint8_t)v; break;
    case 4: t->mcp = (uint8_t)v; break;
    case 5: t->domain = (uint8_t)v; break;
    case 6: t->fault_ep = v; break;
    default: fail(l, "unknown TCB parameter");
    }
}

static void fill_list(lex_t *l, uint32_t id)
{
    expect(l, "[");
    while (!is(l, "]")) {
        expect(l, "{");
        model_fill_t f = { .frame = id };
        f.dest_off = (uint32_t)number(l);
        f.len = (uint32_t)number(l);
        expect(l, "CDL_FrameFill_FileData");
        if (l->kind != T_STRING) {
            fail(l, "expected a file name string");
        }
        char file[sizeof(l->text)];
        strcpy(file, l->text);
        next(l);
        f.src_off = number(l);
        f.file = xstrdup(file); /* only now: fail() longjmps, leaving nothing to free */
        VEC_PUSH(l->m->fills, f);
        expect(l, "}");
        if (!is(l, "]")) {
            expect(l, ",");
        }
    }
    next(l);
}

static void irq_param(lex_t *l, cdl_irq_t *q, const char *key)
{
    uint64_t v = number(l);
    if (strcmp(key, "irq") == 0 || strcmp(key, "vector") == 0) {
        q->irq = (uint32_t)v;
        q->kind = key[0] == 'v' ? CDL_IRQ_IOAPIC : CDL_IRQ_LEGACY;
    } else if (strcmp(key, "ioapic") == 0) {
        q->ioapic = (uint32_t)v;
    } else if (strcmp(key, "pin") == 0) {
        q->pin = (uint32_t)v;
    } else if (strcmp(key, "level") == 0) {
        q->level = (uint8_t)(v & 1);
    } else if (strcmp(key, "polarity") == 0) {
        q->polarity = (uint8_t)(v & 1);
    } else {
        fail(l, "unknown irq parameter");
    }
}

/* One "key: value" or positional parameter of object id. */
static void obj_param(lex_t *l, uint32_t id, model_tcb_t *t, cdl_irq_t *q)
{
    model_obj_t *o = &l->m->objs.v[id];
    char key[256];
    strcpy(key, l->text);
    uint64_t v;
    next(l);
    if (!is(l, ":")) {
        /* positional: "4k", "16 bits" */
        if (o->type == CDL_FRAME && parse_u64(key, &v, true) && (v == 1u << 12 || v == 1u << 21 || v == 1u << 30)) {
            o->size_bits = (uint8_t)__builtin_ctzll(v);
        } else if (parse_u64(key, &v, false) && is(l, "bits") && v < 64) {
            next(l);
            o->size_bits = (uint8_t)v;
        } else {
            fail(l, "unknown object parameter");
        }
        return;
    }
    next(l);
    if (o->type == CDL_TCB) {
        tcb_param(l, t, key);
    } else if (o->type == CDL_IRQ) {
        irq_param(l, q, key);
    } else if (strcmp(key, "paddr") == 0) {
        o->paddr = number(l);
        o->has_paddr = true;
    } else if (strcmp(key, "fill") == 0 && o->type == CDL_FRAME) {
        fill_list(l, id);
    } else if (strcmp(key, "ports") == 0 && o->type == CDL_IO_PORTS) {
        expect(l, "[");
        o->aux = (uint32_t)number(l);
        expect(l, "..");
        o->aux2 = (uint32_t)number(l);
        expect(l, "]");
    } else {
        fail(l, "unknown object parameter");
    }
}

static void object_decl(lex_t *l)
{
    pos_t pos = l->pos;
    char name[256];
    if (l->kind != T_WORD || !word_char(l->text[0], true)) {
        fail(l, "expected an object name");
    }
    strcpy(name, l->text);
    next(l);
    expect(l, "=");
    int type = l->kind == T_WORD ? type_from(l->text) : -1;
    if (type < 0 || model_find(l->m, name) != CDL_NONE) {
        fail(l, type < 0 ? "unknown object type" : "duplicate object name");
    }
    next(l);
    uint32_t id = model_add_obj(l->m, name, (uint8_t)type, type == CDL_FRAME ? 12 : 0, pos);
    model_tcb_t t = { 0 };
    cdl_irq_t q = { 0 };
    if (is(l, "(")) {
        next(l);
        while (!is(l, ")")) {
            obj_param(l, id, &t, &q);
            if (!is(l, ")")) {
                expect(l, ",");
            }
        }
        next(l);
    }
    if (type == CDL_TCB) {
        l->m->objs.v[id].aux = (uint32_t)l->m->tcbs.n;
        VEC_PUSH(l->m->tcbs, t);
    } else if (type == CDL_IRQ) {
        l->m->objs.v[id].aux = (uint32_t)l->m->irqs.n;
        VEC_PUSH(l->m->irqs, q);
    }
}

static uint32_t lookup(lex_t *l, const char *name)
{
    uint32_t id = model_find(l->m, name);
    for (int t = CDL_IRQ_CONTROL; id == CDL_NONE && t < CDL_OBJ_TYPE_COUNT; t++) {
        if (strcmp(name, cdl_obj_type_name((uint32_t)t)) == 0) {
            id = model_singleton(l->m, (uint8_t)t);
        }
    }
    if (id == CDL_NONE) {
        fail(l, "unknown object");
    }
    return id;
}

static uint8_t rights_from(lex_t *l, const char *s)
{
    uint8_t r = 0;
    for (; *s; s++) {
        const char *p = strchr("WRGP", *s);
        if (!p) {
            fail(l, "unknown right");
        }
        r |= (uint8_t)(1u << (p - "WRGP"));
    }
    return r;
}

static void cap_params(lex_t *l, model_cap_t *c)
{
    expect(l, "(");
    while (!is(l, ")")) {
        char key[256];
        if (l->kind != T_WORD) {
            fail(l, "expected a cap parameter");
        }
        strcpy(key, l->text);
        next(l);
        if (is(l, ":")) {
            next(l);
            uint64_t v = number(l);
            if (strcmp(key, "badge") == 0 || strcmp(key, "guard") == 0) {
                c->data = v;
            } else if (strcmp(key, "guard_size") == 0 && v < 64) {
                c->guard_size = (uint8_t)v;
            } else {
                fail(l, "unknown cap parameter");
            }
        } else {
            c->rights = rights_from(l, key);
        }
        if (!is(l, ")")) {
            expect(l, ",");
        }
    }
    next(l);
}

static uint32_t slot_of(lex_t *l)
{
    static const char *const names[] = { "cspace", "vspace", "", "", "ipc_buffer_slot" };
    for (uint32_t i = 0; i < 5; i++) {
        if (names[i][0] && is(l, names[i])) {
            next(l);
            return i;
        }
    }
    uint64_t v = number(l);
    if (v > UINT32_MAX) {
        fail(l, "slot out of range");
    }
    return (uint32_t)v;
}

static void cap_block(lex_t *l)
{
    char name[256];
    if (l->kind != T_WORD) {
        fail(l, "expected a name");
    }
    strcpy(name, l->text);
    uint32_t holder = lookup(l, name);
    next(l);
    expect(l, "{");
    while (!is(l, "}")) {
        model_cap_t c = { .container = holder, .pos = l->pos };
        c.slot = slot_of(l);
        expect(l, ":");
        if (l->kind != T_WORD) {
            fail(l, "expected a name");
        }
        c.obj = lookup(l, l->text);
        next(l);
        if (is(l, "(")) {
            cap_params(l, &c);
        }
        VEC_PUSH(l->m->caps, c);
    }
    next(l);
}

static void parse_file(lex_t *l)
{
    next(l);
    expect(l, "arch");
    expect(l, "x86_64");
    expect(l, "objects");
    expect(l, "{");
    while (!is(l, "}")) {
        object_decl(l);
    }
    next(l);
    if (is(l, "caps")) {
        next(l);
        expect(l, "{");
        while (!is(l, "}")) {
            cap_block(l);
        }
        next(l);
    }
    if (l->kind != T_EOF) {
        fail(l, "expected end of file");
    }
}

bool cdl_read(model_t *m, diag_t *d, const char *file, const char *text, size_t len)
{
    diag_add_source(d, file, text, len);
    lex_t *l = xcalloc(1, sizeof(lex_t));
    *l = (lex_t){ .s = text, .end = text + len, .file = file, .line = 1, .col = 1, .d = d, .m = m };
    bool ok = false;
    if (setjmp(l->fail) == 0) {
        parse_file(l);
        ok = model_finalize(m, d);
    }
    free(l);
    return ok;
}
