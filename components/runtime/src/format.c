/*
 * printf formatting core (see format.h). One conversion at a time: parse the spec, fetch
 * the argument by its length modifier, render digits into a small buffer, then emit
 * padding, sign/prefix, zeros, digits and trailing padding.
 */
#include "format.h"

#include <stdint.h>

struct spec {
    int left, plus, space, alt, zero; /* flags */
    int width;                        /* -1 = none */
    int precision;                    /* -1 = none */
    char length;                      /* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
    char conv;
};

struct out {
    rt_emit_fn emit;
    void *ctx;
    int count;
};

static void put(struct out *o, char c)
{
    o->emit(c, o->ctx);
    o->count++;
}

static void put_repeat(struct out *o, char c, int n)
{
    for (; n > 0; n--) {
        put(o, c);
    }
}

static void parse_flags(const char **p, struct spec *s)
{
    for (;; (*p)++) {
        switch (**p) {
        case '-': s->left = 1; break;
        case '+': s->plus = 1; break;
        case ' ': s->space = 1; break;
        case '#': s->alt = 1; break;
        case '0': s->zero = 1; break;
        default: return;
        }
    }
}

/* Reads a decimal number or '*' (taken from the arguments) into *n; 0 if neither. */
static int parse_number(const char **p, va_list *ap, int *n)
{
    if (**p == '*') {
        (*p)++;
        *n = va_arg(*ap, int);
        return 1;
    }
    if (**p < '0' || **p > '9') {
        return 0;
    }
    for (*n = 0; **p >= '0' && **p <= '9'; (*p)++) {
        *n = *n * 10 + (**p - '0');
    }
    return 1;
}

static void parse_length(const char **p, struct spec *s)
{
    char c = **p;
    if (c == 'h' || c == 'l') {
        (*p)++;
        s->length = c;
        if (**p == c) {
            (*p)++;
            s->length = (c == 'h') ? 'H' : 'L';
        }
    } else if (c == 'z' || c == 'j' || c == 't') {
        (*p)++;
        s->length = c;
    }
}

/* Parses one spec after '%'; leaves *p after the conversion character. */
static void parse_spec(const char **p, struct spec *s, va_list *ap)
{
    int n;
    *s = (struct spec){0, 0, 0, 0, 0, -1, -1, 0, 0};
    parse_flags(p, s);
    if (parse_number(p, ap, &n)) {
        s->left |= n < 0; /* a negative '*' width means left-justify */
        s->width = n < 0 ? -n : n;
    }
    if (**p == '.') {
        (*p)++;
        s->precision = parse_number(p, ap, &n) ? (n < 0 ? -1 : n) : 0;
    }
    parse_length(p, s);
    s->conv = **p;
    if (**p != '\0') {
        (*p)++;
    }
}

static intmax_t fetch_signed(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'z': return (intmax_t)va_arg(*ap, size_t);
    case 'j': return va_arg(*ap, intmax_t);
    case 't': return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

static uintmax_t fetch_unsigned(const struct spec *s, va_list *ap)
{
    switch (s->length) {
    case 'H': return (unsigned char)va_arg(*ap, unsigned);
    case 'h': return (unsigned short)va_arg(*ap, unsigned);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'z': return va_arg(*ap, size_t);
    case 'j': return va_arg(*ap, uintmax_t);
    case 't': return (uintmax_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned);
    }
}

/* Writes the digits of v in base into buf (reversed); returns how many. */
static int render_digits(uintmax_t v, unsigned base, int upper, char *buf)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;
    while (v != 0) {
        buf[n++] = digits[v % base];
        v /= base;
    }
    return n;
}

/* Emits a rendered number: prefix (sign, 0x, ...), zero padding, digits, width padding. */
static void emit_number(struct out *o, const struct spec *s, const char *prefix, const char *rev, int ndigits)
{
    int plen = 0;
    while (prefix[plen] != '\0') {
        plen++;
    }
    int zeros = s->precision > ndigits ? s->precision - ndigits : 0;
    int pad = s->width - plen - zeros - ndigits;
    if (s->zero && !s->left && s->precision < 0 && pad > 0) {
        zeros += pad;
        pad = 0;
    }
    if (!s->left) {
        put_repeat(o, ' ', pad);
    }
    for (int i = 0; i < plen; i++) {
        put(o, prefix[i]);
    }
    put_repeat(o, '0', zeros);
    for (int i = ndigits - 1; i >= 0; i--) {
        put(o, rev[i]);
    }
    if (s->left) {
        put_repeat(o, ' ', pad);
    }
}

static void format_signed(struct out *o, const struct spec *s, intmax_t v)
{
    char buf[24];
    uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
    const char *prefix = v < 0 ? "-" : s->plus ? "+" : s->space ? " " : "";
    int n = (mag == 0 && s->precision == 0) ? 0 : render_digits(mag, 10, 0, buf);
    if (mag == 0 && s->precision != 0) {
        buf[n++] = '0';
    }
    emit_number(o, s, prefix, buf, n);
}

static void format_unsigned(struct out *o, struct spec *s, uintmax_t v)
{
    char buf[24];
    unsigned base = (s->conv == 'o') ? 8 : (s->conv == 'u') ? 10 : 16;
    int n = render_digits(v, base, s->conv == 'X', buf);
    const char *prefix = "";
    if (s->alt && v != 0 && base == 16) {
        prefix = (s->conv == 'X') ? "0X" : "0x";
    }
    if (v == 0 && s->precision != 0) {
        buf[n++] = '0';
    } else if (s->alt && base == 8 && (n == 0 || buf[n - 1] != '0') && s->precision <= n) {
        buf[n++] = '0'; /* %#o always starts with a 0 */
    }
    emit_number(o, s, prefix, buf, n);
}

static void format_string(struct out *o, const struct spec *s, const char *str)
{
    if (str == NULL) {
        str = "(null)";
    }
    int len = 0;
    while (str[len] != '\0' && (s->precision < 0 || len < s->precision)) {
        len++;
    }
    int pad = s->width > len ? s->width - len : 0;
    if (!s->left) {
        put_repeat(o, ' ', pad);
    }
    for (int i = 0; i < len; i++) {
        put(o, str[i]);
    }
    if (s->left) {
        put_repeat(o, ' ', pad);
    }
}

static void format_pointer(struct out *o, struct spec *s, void *p)
{
    if (p == NULL) {
        s->precision = -1;
        format_string(o, s, "(nil)"); /* as glibc prints it */
        return;
    }
    s->alt = 1;
    s->conv = 'x';
    format_unsigned(o, s, (uintptr_t)p);
}

static void format_char(struct out *o, struct spec *s, char c)
{
    int pad = s->width > 1 ? s->width - 1 : 0;
    if (!s->left) {
        put_repeat(o, ' ', pad);
    }
    put(o, c);
    if (s->left) {
        put_repeat(o, ' ', pad);
    }
}

/* Performs one conversion; unknown conversions are printed literally. */
static void convert(struct out *o, struct spec *s, va_list *ap)
{
    switch (s->conv) {
    case 'd':
    case 'i': format_signed(o, s, fetch_signed(s, ap)); break;
    case 'u':
    case 'o':
    case 'x':
    case 'X': format_unsigned(o, s, fetch_unsigned(s, ap)); break;
    case 'c': format_char(o, s, (char)va_arg(*ap, int)); break;
    case 's': format_string(o, s, va_arg(*ap, const char *)); break;
    case 'p': format_pointer(o, s, va_arg(*ap, void *)); break;
    case '%': put(o, '%'); break;
    case '\0': break;
    default:
        put(o, '%');
        put(o, s->conv);
        break;
    }
}

int rt_vformat(rt_emit_fn emit, void *ctx, const char *fmt, va_list ap)
{
    struct out o = {emit, ctx, 0};
    va_list args;
    va_copy(args, ap);
    for (const char *p = fmt; *p != '\0';) {
        if (*p != '%') {
            put(&o, *p++);
            continue;
        }
        p++;
        struct spec s;
        parse_spec(&p, &s, &args);
        convert(&o, &s, &args);
    }
    va_end(args);
    return o.count;
}

struct buffer {
    char *buf;
    size_t size;
    size_t used;
};

static void emit_to_buffer(char c, void *ctx)
{
    struct buffer *b = ctx;
    if (b->used + 1 < b->size) {
        b->buf[b->used] = c;
    }
    b->used++;
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer b = {buf, size, 0};
    int n = rt_vformat(emit_to_buffer, &b, fmt, ap);
    if (size != 0) {
        buf[b.used < size ? b.used : size - 1] = '\0';
    }
    return n;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
