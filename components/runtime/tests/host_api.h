/*
 * Prototypes of the runtime's libc functions under their host-test names (see
 * host_rename.h), for the runtime_* unit tests.
 */
#pragma once

#include <stddef.h>

void *rt_memcpy(void *dst, const void *src, size_t n);
void *rt_memmove(void *dst, const void *src, size_t n);
void *rt_memset(void *dst, int c, size_t n);
int rt_memcmp(const void *a, const void *b, size_t n);
void *rt_memchr(const void *s, int c, size_t n);
size_t rt_strlen(const char *s);
size_t rt_strnlen(const char *s, size_t max);
int rt_strcmp(const char *a, const char *b);
int rt_strncmp(const char *a, const char *b, size_t n);
char *rt_strcpy(char *dst, const char *src);
char *rt_strncpy(char *dst, const char *src, size_t n);
char *rt_strcat(char *dst, const char *src);
char *rt_strchr(const char *s, int c);
char *rt_strrchr(const char *s, int c);
char *rt_strstr(const char *haystack, const char *needle);
int rt_abs(int v);
long rt_labs(long v);
int rt_atoi(const char *s);
long rt_strtol(const char *s, char **end, int base);
unsigned long rt_strtoul(const char *s, char **end, int base);
unsigned long long rt_strtoull(const char *s, char **end, int base);
