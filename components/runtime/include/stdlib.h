/*
 * <stdlib.h> subset of the seL4 user runtime: program end and number conversion.
 * No heap (malloc) yet.
 */
#pragma once

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* Ends the program: flushes output and suspends the root task's TCB. Never returns. */
__attribute__((noreturn)) void exit(int status);

/* Flushes output, prints "abort()" and halts the machine (seL4_DebugHalt). Never returns. */
__attribute__((noreturn)) void abort(void);

int abs(int v);
long labs(long v);
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
