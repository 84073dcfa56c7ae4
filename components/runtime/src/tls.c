/*
 * Static TLS block of the main thread, x86_64 TLS variant II (portable: no seL4 calls, so
 * the host tests exercise it). Layout, with tp = the thread pointer (FS base):
 *
 *   area ... [ .tdata copy | zeroed .tbss | pad ] tp: [ tp ]
 *            ^ tp - round_up(memsz, align)
 *
 * The static linker addresses TLS variables at tp - round_up(memsz, p_align) + offset
 * (checked against GNU ld for p_align 1..64), and %fs:0 must hold tp itself. The caller then loads tp into FS base.
 * rt_tls_image_from_elf finds the PT_TLS header of a mapped ELF image (the program's own).
 */
#include "runtime_internal.h"

#include <string.h>

/* Minimal ELF64 definitions for reading a program's own headers. */
struct rt_elf64_ehdr {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct rt_elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

#define RT_PT_TLS 7

struct rt_tls_image rt_tls_image_from_elf(const void *ehdr)
{
    struct rt_tls_image img = {0, 0, 0, 1};
    const struct rt_elf64_ehdr *eh = ehdr;
    const char *base = ehdr;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const struct rt_elf64_phdr *ph = (const void *)(base + eh->e_phoff + (uint64_t)i * eh->e_phentsize);
        if (ph->p_type == RT_PT_TLS) {
            img.image = (const void *)(uintptr_t)ph->p_vaddr;
            img.filesz = ph->p_filesz;
            img.memsz = ph->p_memsz;
            img.align = ph->p_align;
        }
    }
    return img;
}

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

#ifdef __aarch64__ /* only AArch64 programs carry it: x86_64 images stay as they were */
uintptr_t rt_tls_init_variant1(void *area, size_t area_size, const struct rt_tls_image *img)
{
    uintptr_t align = img->align == 0 ? 1 : img->align;
    if ((align & (align - 1)) != 0 || img->filesz > img->memsz) {
        return 0;
    }
    uintptr_t tp = round_up((uintptr_t)area, align < 16 ? 16 : align);
    char *start = (char *)(tp + round_up(16, align));
    if ((uintptr_t)start + img->memsz > (uintptr_t)area + area_size) {
        return 0;
    }
    memset((void *)tp, 0, 16); /* the TCB: nothing of ours lives there */
    if (img->filesz != 0) {
        memcpy(start, img->image, img->filesz);
    }
    memset(start + img->filesz, 0, img->memsz - img->filesz);
    return tp;
}
#endif
