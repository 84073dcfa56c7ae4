/*
 * <stdio.h> output over seL4_DebugPutChar. stdout is line buffered (flushed at '\n', when
 * full, by fflush and before exit/abort); stderr writes go through the same buffer and are
 * flushed at once, so the two streams never reorder. Formatting is in format.c.
 */
#include <sel4/sel4.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "runtime_internal.h"

struct rt_file {
    int unbuffered;
};

static struct rt_file files[2] = {{0}, {1}};
FILE *stdout = &files[0];
FILE *stderr = &files[1];

static char out_buf[256];
static size_t out_used;

int fflush(FILE *f)
{
    (void)f;
    for (size_t i = 0; i < out_used; i++) {
        seL4_DebugPutChar(out_buf[i]);
    }
    out_used = 0;
    return 0;
}

static void out_char(char c)
{
    out_buf[out_used++] = c;
    if (c == '\n' || out_used == sizeof(out_buf)) {
        fflush(stdout);
    }
}

void rt_output(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        out_char(s[i]);
    }
}

static void emit_console(char c, void *ctx)
{
    (void)ctx;
    out_char(c);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    int n = rt_vformat(emit_console, NULL, fmt, ap);
    if (f->unbuffered) {
        fflush(f);
    }
    return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return rt_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* No bound: the caller guarantees room, as with the C library's sprintf. */
int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
    va_end(ap);
    return n;
}

int fputc(int c, FILE *f)
{
    out_char((char)c);
    if (f->unbuffered) {
        fflush(f);
    }
    return (unsigned char)c;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *s, FILE *f)
{
    rt_output(s, strlen(s));
    if (f->unbuffered) {
        fflush(f);
    }
    return 0;
}

int puts(const char *s)
{
    fputs(s, stdout);
    return putchar('\n') == EOF ? EOF : 0;
}
