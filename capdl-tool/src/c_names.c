/*
 * The names generated C definitions may not take (c_names.h). The runtime's list is what its
 * headers (components/runtime/include: stdio.h, stdlib.h, string.h, assert.h) and crt0 declare;
 * keep it in step when the runtime grows.
 */
#include "c_names.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const keywords[] = {
    "NULL", "asm", "auto", "bool", "break", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "false", "float", "for", "goto", "if", "inline", "int", "long",
    "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch", "true",
    "typedef", "typeof", "union", "unsigned", "void", "volatile", "while",
};

static const char *const std_types[] = {
    "FILE", "int16_t", "int32_t", "int64_t", "int8_t", "intmax_t", "intptr_t", "ptrdiff_t", "size_t",
    "ssize_t", "uint16_t", "uint32_t", "uint64_t", "uint8_t", "uintmax_t", "uintptr_t", "va_list",
};

static const char *const runtime_names[] = {
    "abort", "abs", "assert", "atoi", "calloc", "errno", "exit", "fflush", "fprintf", "fputc", "fputs",
    "free", "labs", "main", "malloc", "memchr", "memcmp", "memcpy", "memmove", "memset", "printf",
    "putc", "putchar", "puts", "realloc", "snprintf", "sprintf", "stderr", "stdout", "strcat", "strchr",
    "strcmp", "strcpy", "strlen", "strncmp", "strncpy", "strnlen", "strrchr", "strstr", "strtol",
    "strtoul", "strtoull", "vfprintf", "vprintf", "vsnprintf",
};

/* Prefixes of names that belong to libsel4, the runtime or the tool's own generated names. */
static const char *const reserved_prefixes[] = { "seL4_", "sel4runtime_", "sel4utils_", "capdl_", "__" };

static int cmp_name(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

/* The lists above are in strcmp order (c_names_sorted checks it): a binary search each, as every
 * cap and shared symbol of a system is looked up. */
static bool listed(const char *name, const char *const *list, size_t n)
{
    return bsearch(name, list, n, sizeof(list[0]), cmp_name) != NULL;
}

static bool sorted(const char *const *list, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (strcmp(list[i - 1], list[i]) >= 0) {
            return false;
        }
    }
    return true;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

bool c_names_sorted(void)
{
    return sorted(keywords, COUNT(keywords)) && sorted(std_types, COUNT(std_types)) &&
           sorted(runtime_names, COUNT(runtime_names));
}

const char *c_name_clash(const char *name)
{
    if (listed(name, keywords, COUNT(keywords)) || (name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z')) {
        return "a C keyword or reserved identifier";
    }
    if (listed(name, std_types, COUNT(std_types))) {
        return "a standard C type";
    }
    if (listed(name, runtime_names, COUNT(runtime_names))) {
        return "a function or object of the component runtime";
    }
    for (size_t i = 0; i < COUNT(reserved_prefixes); i++) {
        if (strncmp(name, reserved_prefixes[i], strlen(reserved_prefixes[i])) == 0) {
            return "reserved for libsel4, the runtime and the tool's generated names";
        }
    }
    return NULL;
}
