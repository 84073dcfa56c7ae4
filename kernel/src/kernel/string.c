/* The few memory and string routines the kernel uses (portable; the compiler may also emit
 * calls to memset/memcpy, defined here). memset and memcpy move whole words when both ends are
 * word-aligned: Retype zeroes every new object, and a frame is 512 words. */
#include <util.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

static bool word_aligned(const void *p, size_t n)
{
    return (((word_t)p | n) & (sizeof(word_t) - 1)) == 0;
}

void *memset(void *s, int c, size_t n)
{
    if (word_aligned(s, n)) {
        word_t w = (unsigned char)c * 0x0101010101010101ull, *p = s;
        size_t words = n / sizeof(word_t), i = 0;
        for (; i + 4 <= words; i += 4) {
            p[i] = w;
            p[i + 1] = w;
            p[i + 2] = w;
            p[i + 3] = w;
        }
        for (; i < words; i++) {
            p[i] = w;
        }
        return s;
    }
    unsigned char *p = s;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    if (word_aligned(dst, n) && word_aligned(src, 0)) {
        word_t *d = dst;
        const word_t *s = src;
        for (size_t i = 0; i < n / sizeof(word_t); i++) {
            d[i] = s[i];
        }
        return dst;
    }
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memzero(void *s, size_t n)
{
    return memset(s, 0, n);
}

void *kmemcpy(void *dst, const void *src, size_t n)
{
    return memcpy(dst, src, n);
}

size_t kstrnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n]) {
        n++;
    }
    return n;
}
