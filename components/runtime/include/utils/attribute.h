/*
 * Compiler attribute shorthands of seL4_libs' libutils (<utils/attribute.h>), for code
 * written against seL4's libraries.
 */
#pragma once

#define ALIGN(n) __attribute__((__aligned__(n)))
#define ALLOC_SIZE(...) __attribute__((alloc_size(__VA_ARGS__)))
#define ALWAYS_INLINE __attribute__((always_inline))
#define CONST __attribute__((__const__))
#define DEPRECATED(msg) __attribute__((deprecated(msg)))
#define MALLOC __attribute__((malloc))
#define NONNULL(...) __attribute__((__nonnull__(__VA_ARGS__)))
#define NORETURN __attribute__((__noreturn__))
#define NO_INLINE __attribute__((noinline))
#define PACKED __attribute__((__packed__))
#define PURE __attribute__((__pure__))
#define SECTION(sec) __attribute__((__section__(sec)))
#define SENTINEL(n) __attribute__((sentinel(n)))
#define UNUSED __attribute__((__unused__))
#define USED __attribute__((__used__))
#define VISIBLE __attribute__((__externally_visible__))
#define WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#define WEAK __attribute__((__weak__))
#define FORMAT(archetype, string_index, first_to_check) \
    __attribute__((format(archetype, string_index, first_to_check)))
