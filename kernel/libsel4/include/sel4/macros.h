/*
 * Helper macros used throughout libsel4 (seL4's sel4/macros.h): inline markers, bit helpers,
 * enum widening and compile-time asserts. Kernel-shared: plain C11 + GNU attributes only.
 */
#pragma once

#define LIBSEL4_INLINE static inline
#define LIBSEL4_INLINE_FUNC static inline
#define LIBSEL4_WEAK __attribute__((weak))
#define LIBSEL4_NORETURN __attribute__((noreturn))

#define LIBSEL4_BIT(n) (1ul << (n))

#define SEL4_PACKED __attribute__((packed))
#define SEL4_DEPRECATED(msg) __attribute__((deprecated(msg)))
#define SEL4_DEPRECATE_MACRO(x) x

/* Forces an enum to be word sized, as seL4 does for every ABI enum. */
#define SEL4_FORCE_LONG_ENUM(type) \
    _enum_pad_##type = ((1ULL << ((sizeof(long) * 8) - 1)) - 1)

#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name)

/* Checks that an array of entries fits an object of 2^size bits. */
#define SEL4_SIZE_SANITY(index, entry, size) \
    _Static_assert((index) + (entry) == (size), "size mismatch: " #index " + " #entry " != " #size)
