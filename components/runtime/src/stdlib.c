/*
 * <stdlib.h> number functions, portable C (abs, labs, atoi, strtol, strtoul, strtoull).
 * Conversions follow C11 7.22.1.4: optional space and sign, base prefixes for base 0 and
 * 16, saturation at the type's limits on overflow; *end is set past the last digit used
 * (or to the start when no digits were found). There is no errno: overflow is only
 * visible as the saturated value.
 */
#include <limits.h>
#include <stdlib.h>

int abs(int v)
{
    return v < 0 ? -v : v;
}

long labs(long v)
{
    return v < 0 ? -v : v;
}

static int is_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Value of digit c in bases up to 36, or 99 if c is not a digit. */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

/* Skips the "0x" prefix when the base allows it and a hex digit follows; fixes base 0. */
static const char *parse_prefix(const char *p, int *base)
{
    int hex_prefix = p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16;
    if ((*base == 0 || *base == 16) && hex_prefix) {
        *base = 16;
        return p + 2;
    }
    if (*base == 0) {
        *base = (p[0] == '0') ? 8 : 10;
    }
    return p;
}

/* Shared parser: magnitude saturated at `limit`; *neg gets the sign. */
static unsigned long long parse_magnitude(const char *s, char **end, int base, unsigned long long limit, int *neg)
{
    const char *p = s;
    unsigned long long v = 0;
    int any = 0, over = 0;
    while (is_space(*p)) {
        p++;
    }
    *neg = (*p == '-');
    if (*p == '-' || *p == '+') {
        p++;
    }
    if (base < 0 || base == 1 || base > 36) {
        base = -1;
    }
    p = base < 0 ? p : parse_prefix(p, &base);
    for (; base > 0 && digit_value(*p) < base; p++, any = 1) {
        unsigned d = (unsigned)digit_value(*p);
        over |= v > (limit - d) / (unsigned)base;
        v = over ? limit : v * (unsigned)base + d;
    }
    if (end != NULL) {
        *end = (char *)(any ? p : s);
    }
    return v;
}

long strtol(const char *s, char **end, int base)
{
    int neg;
    unsigned long long m = parse_magnitude(s, end, base, (unsigned long long)LONG_MAX + 1, &neg);
    if (neg) {
        return m > (unsigned long long)LONG_MAX ? LONG_MIN : -(long)m;
    }
    return m > (unsigned long long)LONG_MAX ? LONG_MAX : (long)m;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    int neg;
    unsigned long long m = parse_magnitude(s, end, base, ULLONG_MAX, &neg);
    return (neg && m != ULLONG_MAX) ? 0ull - m : m;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    return (unsigned long)strtoull(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}
