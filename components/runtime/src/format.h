/*
 * The printf formatting core, portable C with no seL4 dependency so that the host tests
 * compare it with the host C library. stdio.c builds printf & co. on it.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

/* Receives each output character in order. */
typedef void (*rt_emit_fn)(char c, void *ctx);

/* Formats like vprintf, sending characters to emit; returns the number produced.
 * Supports %d %i %u %o %x %X %c %s %p %% with flags "-+ #0", width and precision
 * (both may be *), and the length modifiers hh h l ll z j t. */
int rt_vformat(rt_emit_fn emit, void *ctx, const char *fmt, va_list ap);

/* vsnprintf semantics: writes at most size-1 characters plus NUL (nothing if size is 0)
 * and returns the length the full output would have. */
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
