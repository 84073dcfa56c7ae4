/* The few memory and string routines the kernel uses (portable, byte loops: boot-time and
 * debug paths only; the compiler may also emit calls to memset/memcpy, defined here). */
#include <util.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;
    while (n--) {
        *p++ = (unsigned char)c;
    }
    return s;
}

void *memcpy(void *dst, const void *src, size_t n)
{
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

int kstrncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return (unsigned char)*a - (unsigned char)*b;
        }
    }
    return 0;
}

size_t kstrnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n]) {
        n++;
    }
    return n;
}
