/*
 * kprintf: formatted kernel console output (portable). Small on purpose: the kernel prints
 * boot progress, user errors in the debug build and panics, nothing else.
 */
#include <kernel/printf.h>
#include <util.h>

struct fmt_spec {
    bool left;
    bool zero;
    unsigned width;
    unsigned length; /* 0 int, 1 long, 2 long long / size_t */
};

void kputs(const char *s)
{
    while (*s) {
        kputchar(*s++);
    }
}

static int put_padded(const char *s, unsigned len, const struct fmt_spec *f)
{
    unsigned pad = f->width > len ? f->width - len : 0;
    char fill = f->zero && !f->left ? '0' : ' ';
    for (unsigned i = 0; !f->left && i < pad; i++) {
        kputchar(fill);
    }
    for (unsigned i = 0; i < len; i++) {
        kputchar(s[i]);
    }
    for (unsigned i = 0; f->left && i < pad; i++) {
        kputchar(' ');
    }
    return (int)(len + pad);
}

static int put_number(uint64_t v, bool negative, unsigned base, const struct fmt_spec *f)
{
    char buf[24];
    unsigned i = sizeof(buf);
    do {
        buf[--i] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (negative) {
        buf[--i] = '-';
    }
    return put_padded(&buf[i], sizeof(buf) - i, f);
}

static uint64_t fetch_unsigned(va_list *ap, unsigned length)
{
    return length ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, unsigned length)
{
    return length ? va_arg(*ap, long) : va_arg(*ap, int);
}

static const char *parse_spec(const char *p, struct fmt_spec *f)
{
    *f = (struct fmt_spec){ 0 };
    for (;; p++) {
        if (*p == '-') {
            f->left = true;
        } else if (*p == '0') {
            f->zero = true;
        } else {
            break;
        }
    }
    while (*p >= '0' && *p <= '9') {
        f->width = f->width * 10 + (unsigned)(*p++ - '0');
    }
    while (*p == 'l' || *p == 'z') {
        f->length++;
        p++;
    }
    return p;
}

static int put_conversion(char conv, const struct fmt_spec *f, va_list *ap)
{
    switch (conv) {
    case 'd':
    case 'i': {
        int64_t v = fetch_signed(ap, f->length);
        return put_number(v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, f);
    }
    case 'u':
        return put_number(fetch_unsigned(ap, f->length), false, 10, f);
    case 'x':
        return put_number(fetch_unsigned(ap, f->length), false, 16, f);
    case 'p':
        kputs("0x");
        return 2 + put_number((uint64_t)va_arg(*ap, void *), false, 16, f);
    case 'c': {
        char c = (char)va_arg(*ap, int);
        return put_padded(&c, 1, f);
    }
    case 's': {
        const char *s = va_arg(*ap, const char *);
        s = s ? s : "(null)";
        return put_padded(s, (unsigned)kstrnlen(s, 4096), f);
    }
    case '%':
        kputchar('%');
        return 1;
    default:
        kputchar('?');
        return 1;
    }
}

int kvprintf(const char *fmt, va_list ap)
{
    int n = 0;
    va_list args;
    va_copy(args, ap);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            kputchar(*p);
            n++;
            continue;
        }
        struct fmt_spec f;
        p = parse_spec(p + 1, &f);
        if (!*p) {
            break;
        }
        n += put_conversion(*p, &f, &args);
    }
    va_end(args);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}
