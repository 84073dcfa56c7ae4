/*
 * The .cdl lexer: the tokens of seL4's capDL grammar (capDL-tool's ParserUtils.hs, in our own
 * words). Identifiers start with a letter and go on with letters, digits, '-', '_', '@' and '.';
 * numbers are naturals (decimal, 0x hex, 0o octal) and stop at the first other character, so
 * `4k` is the number 4 and the name k; strings are "..."; `..` is one token and every other
 * punctuation character is its own token. Comments: `--` to the end of the line and C-style
 * block comments, which nest.
 *
 * An error (unterminated string or comment, a number too large) is reported through the
 * diag and ends the parse: cdl_lex_fail longjmps to the lexer's jmp_buf.
 */
#ifndef CAPDL_TOOL_CDL_LEX_H
#define CAPDL_TOOL_CDL_LEX_H

#include "diag.h"
#include "util.h"

#include <setjmp.h>

typedef enum { CDL_T_EOF, CDL_T_NAME, CDL_T_NUM, CDL_T_STRING, CDL_T_PUNCT } cdl_tok_kind_t;

#define CDL_TOKEN_MAX 256

typedef struct cdl_lex {
    const char *s, *end, *file;
    uint32_t line, col;
    /* the current token */
    cdl_tok_kind_t kind;
    char text[CDL_TOKEN_MAX];
    uint64_t num;
    pos_t pos;
    diag_t *d;
    jmp_buf fail;
} cdl_lex_t;

/* Starts lexing text (the first token is read). Call only after setjmp(l->fail) == 0. */
void cdl_lex_init(cdl_lex_t *l, diag_t *d, const char *file, const char *text, size_t len);

/* Moves to the next token. */
void cdl_lex_next(cdl_lex_t *l);

/* Reports "msg (found 'token')" at the current token and longjmps out. */
_Noreturn void cdl_lex_fail(cdl_lex_t *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports msg at pos (no token quoted) and longjmps out. */
_Noreturn void cdl_lex_fail_at(cdl_lex_t *l, pos_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* True if the current token is the name or punctuation t. */
bool cdl_is(const cdl_lex_t *l, const char *t);

/* If the current token is t, moves past it and returns true. */
bool cdl_accept(cdl_lex_t *l, const char *t);

/* Moves past t or fails with "expected 't'". */
void cdl_expect(cdl_lex_t *l, const char *t);

/* A number, or fails with "expected what". */
uint64_t cdl_number(cdl_lex_t *l, const char *what);

/* A name copied into buf (CDL_TOKEN_MAX bytes), or fails with "expected what". */
void cdl_name(cdl_lex_t *l, char *buf, const char *what);

#endif
