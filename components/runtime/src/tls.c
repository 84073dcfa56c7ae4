/*
 * Static TLS block of the main thread, x86_64 TLS variant II (portable: no seL4 calls, so
 * the host tests exercise it). Layout, with tp = the thread pointer (FS base):
 *
 *   area ... [ .tdata copy | zeroed .tbss | pad ] tp: [ tp ]
 *            ^ tp - round_up(memsz, align)
 *
 * The static linker addresses TLS variables at tp - round_up(memsz, p_align) + offset
 * (checked against GNU ld for p_align 1..64), and %fs:0 must hold tp itself. The caller then loads tp into FS base.
 */
#include "runtime_internal.h"

#include <string.h>

/* Rounds v up to a multiple of the power of two a. */
static uintptr_t round_up(uintptr_t v, uintptr_t a)
{
    return (v + a - 1) & ~(a - 1);
}

uintptr_t rt_tls_init(void *area, size_t area_size, const struct rt_tls_image *img)
{
    uintptr_t align = img->align == 0 ? 1 : img->align;
    if ((align & (align - 1)) != 0 || img->filesz > img->memsz) {
        return 0;
    }
    /* ld places the image at tp - round_up(memsz, p_align); tp itself is kept 16-aligned */
    uintptr_t block = round_up(img->memsz, align);
    uintptr_t tp = round_up((uintptr_t)area + block, align < 16 ? 16 : align);
    if (tp + sizeof(uintptr_t) > (uintptr_t)area + area_size) {
        return 0;
    }
    char *start = (char *)(tp - block);
    if (img->filesz != 0) {
        memcpy(start, img->image, img->filesz);
    }
    memset(start + img->filesz, 0, block - img->filesz);
    *(uintptr_t *)tp = tp;
    return tp;
}
