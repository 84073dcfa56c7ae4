/*
 * <stdio.h> subset of the seL4 user runtime: formatted and plain output to the kernel's
 * debug console (seL4_DebugPutChar). No input, no files: stdout and stderr only.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

typedef struct rt_file FILE;

extern FILE *stdout;
extern FILE *stderr;

#define RT_PRINTF(f, a) __attribute__((format(printf, f, a)))

int printf(const char *fmt, ...) RT_PRINTF(1, 2);
int vprintf(const char *fmt, va_list ap) RT_PRINTF(1, 0);
int fprintf(FILE *f, const char *fmt, ...) RT_PRINTF(2, 3);
int vfprintf(FILE *f, const char *fmt, va_list ap) RT_PRINTF(2, 0);
int sprintf(char *buf, const char *fmt, ...) RT_PRINTF(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) RT_PRINTF(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) RT_PRINTF(3, 0);

int putchar(int c);
int puts(const char *s);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int fputs(const char *s, FILE *f);

/* Sends buffered output to the console. Always returns 0. */
int fflush(FILE *f);
