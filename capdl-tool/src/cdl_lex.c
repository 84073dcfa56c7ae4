/*
 * The .cdl lexer (cdl_lex.h).
 */
#include "cdl_lex.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void advance(cdl_lex_t *l)
{
    if (*l->s == '\n') {
        l->line++, l->col = 1;
    } else {
        l->col++;
    }
    l->s++;
}

static bool at(const cdl_lex_t *l, const char *two)
{
    return l->s + 1 < l->end && l->s[0] == two[0] && l->s[1] == two[1];
}

static pos_t here(const cdl_lex_t *l)
{
    return (pos_t){ l->file, l->line, l->col };
}

/* A block comment, nested ones included; l->s is at its opening. */
static void skip_block_comment(cdl_lex_t *l)
{
    pos_t start = here(l);
    unsigned depth = 0;
    do {
        if (l->s >= l->end) {
            cdl_lex_fail_at(l, start, "unterminated comment: expected '*/'");
        }
        if (at(l, "/*")) {
            depth++;
            advance(l);
        } else if (at(l, "*/")) {
            depth--;
            advance(l);
        }
        advance(l);
    } while (depth > 0);
}

static void skip_space(cdl_lex_t *l)
{
    while (l->s < l->end) {
        char c = *l->s;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            advance(l);
        } else if (at(l, "--")) {
            while (l->s < l->end && *l->s != '\n') {
                advance(l);
            }
        } else if (at(l, "/*")) {
            skip_block_comment(l);
        } else {
            return;
        }
    }
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool ident_char(char c)
{
    return is_letter(c) || is_digit(c) || c == '-' || c == '_' || c == '@' || c == '.';
}

static void take(cdl_lex_t *l, size_t *n)
{
    if (*n + 1 >= CDL_TOKEN_MAX) {
        l->text[*n] = '\0';
        cdl_lex_fail_at(l, l->pos, "token longer than %d characters", CDL_TOKEN_MAX - 1);
    }
    l->text[(*n)++] = *l->s;
    advance(l);
}

static int digit_value(char c, unsigned base)
{
    int v = is_digit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
    return v < (int)base ? v : -1;
}

/* A natural: decimal, 0x/0X hex or 0o/0O octal, as Parsec's `natural` reads them. */
static void lex_number(cdl_lex_t *l, size_t *n)
{
    unsigned base = 10;
    unsigned prefixed = 0;
    if (l->s + 2 < l->end && l->s[0] == '0') {
        prefixed = (l->s[1] | 0x20) == 'x' ? 16 : (l->s[1] | 0x20) == 'o' ? 8 : 0;
    }
    if (prefixed && digit_value(l->s[2], prefixed) >= 0) {
        base = prefixed;
        take(l, n);
        take(l, n);
    }
    uint64_t v = 0;
    bool overflow = false;
    while (l->s < l->end && digit_value(*l->s, base) >= 0) {
        unsigned dv = (unsigned)digit_value(*l->s, base);
        overflow |= v > (UINT64_MAX - dv) / base;
        v = v * base + dv;
        take(l, n);
    }
    l->text[*n] = '\0';
    if (overflow) {
        cdl_lex_fail_at(l, l->pos, "number '%s' does not fit in 64 bits", l->text);
    }
    l->num = v;
}

static void lex_string(cdl_lex_t *l, size_t *n)
{
    advance(l);
    while (l->s < l->end && *l->s != '"' && *l->s != '\n') {
        take(l, n);
    }
    l->text[*n] = '\0';
    if (l->s >= l->end || *l->s != '"') {
        cdl_lex_fail_at(l, l->pos, "unterminated string: expected '\"' before the end of the line");
    }
    advance(l);
}

void cdl_lex_next(cdl_lex_t *l)
{
    skip_space(l);
    l->pos = here(l);
    size_t n = 0;
    if (l->s >= l->end) {
        l->kind = CDL_T_EOF;
    } else if (is_letter(*l->s)) {
        l->kind = CDL_T_NAME;
        while (l->s < l->end && ident_char(*l->s)) {
            take(l, &n);
        }
    } else if (is_digit(*l->s)) {
        l->kind = CDL_T_NUM;
        lex_number(l, &n);
    } else if (*l->s == '"') {
        l->kind = CDL_T_STRING;
        lex_string(l, &n);
    } else {
        l->kind = CDL_T_PUNCT;
        bool dots = at(l, "..");
        take(l, &n);
        if (dots) {
            take(l, &n);
        }
    }
    l->text[n] = '\0';
}

void cdl_lex_init(cdl_lex_t *l, diag_t *d, const char *file, const char *text, size_t len)
{
    l->s = text;
    l->end = text + len;
    l->file = file;
    l->line = l->col = 1;
    l->d = d;
    cdl_lex_next(l);
}

static const char *found(const cdl_lex_t *l)
{
    switch (l->kind) {
    case CDL_T_EOF: return "end of file";
    case CDL_T_STRING: return "a string";
    default: return l->text;
    }
}

void cdl_lex_fail(cdl_lex_t *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    diag_error(l->d, l->pos, NULL, NULL, "%s (found '%s')", buf, found(l));
    longjmp(l->fail, 1);
}

void cdl_lex_fail_at(cdl_lex_t *l, pos_t pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    diag_error(l->d, pos, NULL, NULL, "%s", buf);
    longjmp(l->fail, 1);
}

bool cdl_is(const cdl_lex_t *l, const char *t)
{
    return (l->kind == CDL_T_NAME || l->kind == CDL_T_PUNCT) && strcmp(l->text, t) == 0;
}

bool cdl_accept(cdl_lex_t *l, const char *t)
{
    if (!cdl_is(l, t)) {
        return false;
    }
    cdl_lex_next(l);
    return true;
}

void cdl_expect(cdl_lex_t *l, const char *t)
{
    if (!cdl_accept(l, t)) {
        cdl_lex_fail(l, "expected '%s'", t);
    }
}

uint64_t cdl_number(cdl_lex_t *l, const char *what)
{
    if (l->kind != CDL_T_NUM) {
        cdl_lex_fail(l, "expected %s", what);
    }
    uint64_t v = l->num;
    cdl_lex_next(l);
    return v;
}

void cdl_name(cdl_lex_t *l, char *buf, const char *what)
{
    if (l->kind != CDL_T_NAME) {
        cdl_lex_fail(l, "expected %s", what);
    }
    strcpy(buf, l->text);
    cdl_lex_next(l);
}
