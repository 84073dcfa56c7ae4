/* Small bit and alignment helpers used everywhere in the kernel (portable). */
#ifndef KERNEL_UTIL_H
#define KERNEL_UTIL_H

#include <types.h>

#define BIT(n) (1ull << (n))
#define MASK(n) (BIT(n) - 1ull)
#define IS_ALIGNED(x, bits) (((x) & MASK(bits)) == 0)
#define ROUND_DOWN(x, bits) ((x) & ~MASK(bits))
#define ROUND_UP(x, bits) ROUND_DOWN((x) + MASK(bits), bits)
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define UNUSED __attribute__((unused))
#define NORETURN __attribute__((noreturn))
#define FORCE_INLINE inline __attribute__((always_inline))
#define PACKED __attribute__((packed))
#define ALIGN(n) __attribute__((aligned(n)))
#define SECTION(s) __attribute__((section(s)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* Bits hi..lo (inclusive) of w, shifted down. */
static inline word_t bits_get(word_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & MASK(hi - lo + 1);
}

/* w with bits hi..lo replaced by v (v must fit). */
static inline word_t bits_set(word_t w, unsigned hi, unsigned lo, word_t v)
{
    word_t m = MASK(hi - lo + 1) << lo;
    return (w & ~m) | ((v << lo) & m);
}

/* Index of the most significant set bit; x must be non-zero. */
static inline unsigned msb_index(word_t x)
{
    return 63u - (unsigned)__builtin_clzll(x);
}

/* Index of the least significant set bit; x must be non-zero. */
static inline unsigned lsb_index(word_t x)
{
    return (unsigned)__builtin_ctzll(x);
}

void *memzero(void *s, size_t n);
void *kmemcpy(void *dst, const void *src, size_t n);
size_t kstrnlen(const char *s, size_t max);

#endif
