/*
 * The names generated C definitions may not take (c_names.h). The runtime's list is what its
 * headers (components/runtime/include: stdio.h, stdlib.h, string.h, assert.h) and crt0 declare;
 * keep it in step when the runtime grows.
 */
#include "c_names.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static const char *const keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
    "volatile", "while", "asm", "typeof", "bool", "true", "false", "NULL",
};

static const char *const std_types[] = {
    "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t", "intptr_t",
    "uintptr_t", "intmax_t", "uintmax_t", "size_t", "ssize_t", "ptrdiff_t", "FILE", "va_list",
};

static const char *const runtime_names[] = {
    "main", "abort", "abs", "assert", "atoi", "exit", "fflush", "fprintf", "fputc", "fputs", "labs",
    "memchr", "memcmp", "memcpy", "memmove", "memset", "printf", "putc", "putchar", "puts", "snprintf",
    "sprintf", "strcat", "strchr", "strcmp", "strcpy", "strlen", "strncmp", "strncpy", "strnlen",
    "strrchr", "strstr", "strtol", "strtoul", "strtoull", "vfprintf", "vprintf", "vsnprintf", "stdout",
    "stderr", "errno", "malloc", "free", "calloc", "realloc",
};

/* Prefixes of names that belong to libsel4, the runtime or the tool's own generated names. */
static const char *const reserved_prefixes[] = { "seL4_", "sel4runtime_", "sel4utils_", "capdl_", "__" };

static bool listed(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

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
