/*
 * The kernel's console output: kprintf with the formats the kernel uses (%s %c %d %u %x %p,
 * the l and z length modifiers, width and zero padding). Characters go to kputchar, which the
 * platform provides (COM1 serial on pc99, stdout on the host test architecture).
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>
#include <types.h>

void kputchar(char c);
void kputs(const char *s);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
