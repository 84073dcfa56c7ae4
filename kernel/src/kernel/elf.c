/*
 * Root task ELF checking and loading (portable). The kernel refuses a module it cannot load
 * safely with a message naming the defect instead of loading garbage (seL4 just asserts).
 */
#include <kernel/elf.h>
#include <util.h>

static const elf64_phdr_t *phdr(const void *file, unsigned i)
{
    const elf64_header_t *h = file;
    return (const elf64_phdr_t *)((const uint8_t *)file + h->e_phoff + (word_t)i * sizeof(elf64_phdr_t));
}

static elf_status_t check_header(const void *file, word_t size, elf_image_t *img)
{
    const elf64_header_t *h = file;
    if (size < sizeof(*h)) {
        return ELF_TOO_SMALL;
    }
    if (h->e_ident[0] != 0x7f || h->e_ident[1] != 'E' || h->e_ident[2] != 'L' || h->e_ident[3] != 'F') {
        return ELF_BAD_MAGIC;
    }
    if (h->e_ident[4] != 2) {
        return ELF_NOT_64BIT;
    }
    if (h->e_ident[5] != 1) {
        return ELF_NOT_LITTLE_ENDIAN;
    }
    img->machine = h->e_machine;
    if (h->e_machine != ELF_EM_KERNEL) {
        return ELF_WRONG_MACHINE;
    }
    if (h->e_type != ELF_ET_EXEC) {
        return ELF_NOT_EXECUTABLE;
    }
    word_t ph_bytes = (word_t)h->e_phnum * sizeof(elf64_phdr_t);
    if (h->e_phentsize != sizeof(elf64_phdr_t) || h->e_phoff > size || ph_bytes > size - h->e_phoff) {
        return ELF_BAD_PHDRS;
    }
    return ELF_OK;
}

static elf_status_t check_segment(const elf64_phdr_t *p, word_t size, vptr_t user_top)
{
    if (p->p_offset > size || p->p_filesz > size - p->p_offset) {
        return ELF_SEGMENT_OUTSIDE_FILE;
    }
    if (p->p_filesz > p->p_memsz) {
        return ELF_SEGMENT_FILESZ_TOO_BIG;
    }
    if (p->p_vaddr >= user_top || p->p_memsz > user_top - p->p_vaddr) {
        return ELF_SEGMENT_NOT_IN_USER_SPACE;
    }
    return ELF_OK;
}

static bool segments_overlap(const elf64_phdr_t *a, const elf64_phdr_t *b)
{
    return a->p_memsz && b->p_memsz && a->p_vaddr < b->p_vaddr + b->p_memsz &&
           b->p_vaddr < a->p_vaddr + a->p_memsz;
}

/* Checks every PT_LOAD segment, and their union, against the file and user space. */
static elf_status_t check_segments(const void *file, word_t size, vptr_t user_top, elf_image_t *img)
{
    const elf64_header_t *h = file;
    bool any = false, entry_ok = false;
    for (unsigned i = 0; i < h->e_phnum; i++) {
        const elf64_phdr_t *p = phdr(file, i);
        if (p->p_type != ELF_PT_LOAD) {
            continue;
        }
        img->bad_segment = i;
        elf_status_t s = check_segment(p, size, user_top);
        if (s != ELF_OK) {
            return s;
        }
        for (unsigned j = 0; j < i; j++) {
            if (phdr(file, j)->p_type == ELF_PT_LOAD && segments_overlap(p, phdr(file, j))) {
                return ELF_SEGMENTS_OVERLAP;
            }
        }
        vptr_t end = ROUND_UP(p->p_vaddr + p->p_memsz, 12);
        img->start = any ? MIN(img->start, ROUND_DOWN(p->p_vaddr, 12)) : ROUND_DOWN(p->p_vaddr, 12);
        img->end = any ? MAX(img->end, end) : end;
        entry_ok |= h->e_entry >= p->p_vaddr && h->e_entry < p->p_vaddr + p->p_memsz;
        any = true;
    }
    if (!any) {
        return ELF_NO_SEGMENTS;
    }
    return entry_ok ? ELF_OK : ELF_ENTRY_OUTSIDE_SEGMENTS;
}

elf_status_t elf_check(const void *file, word_t size, vptr_t user_top, elf_image_t *img)
{
    *img = (elf_image_t){ 0 };
    elf_status_t s = check_header(file, size, img);
    if (s != ELF_OK) {
        return s;
    }
    img->entry = ((const elf64_header_t *)file)->e_entry;
    return check_segments(file, size, user_top, img);
}

const char *elf_status_message(elf_status_t s)
{
    switch (s) {
    case ELF_OK: return "ok";
    case ELF_TOO_SMALL: return "too small to be an ELF file";
    case ELF_BAD_MAGIC: return "not an ELF file (bad magic number)";
    case ELF_NOT_64BIT: return "not a 64-bit ELF file";
    case ELF_NOT_LITTLE_ENDIAN: return "not a little-endian ELF file";
    case ELF_WRONG_MACHINE: return "ELF file for another machine, not " ELF_KERNEL_MACHINE_NAME;
    case ELF_NOT_EXECUTABLE: return "ELF file is not an executable (ET_EXEC)";
    case ELF_BAD_PHDRS: return "ELF program headers lie outside the file";
    case ELF_NO_SEGMENTS: return "ELF file has no loadable segment";
    case ELF_SEGMENT_OUTSIDE_FILE: return "a loadable segment's data lies outside the file";
    case ELF_SEGMENT_FILESZ_TOO_BIG: return "a loadable segment's file size exceeds its memory size";
    case ELF_SEGMENT_NOT_IN_USER_SPACE: return "a loadable segment overlaps the kernel (outside user space)";
    case ELF_SEGMENTS_OVERLAP: return "two loadable segments overlap";
    case ELF_ENTRY_OUTSIDE_SEGMENTS: return "the entry point is outside every loadable segment";
    }
    return "unknown ELF error";
}

void elf_load(const void *file, const elf_image_t *img, void *dest)
{
    const elf64_header_t *h = file;
    for (unsigned i = 0; i < h->e_phnum; i++) {
        const elf64_phdr_t *p = phdr(file, i);
        if (p->p_type == ELF_PT_LOAD && p->p_filesz) {
            kmemcpy((uint8_t *)dest + (p->p_vaddr - img->start),
                    (const uint8_t *)file + p->p_offset, p->p_filesz);
        }
    }
}

/* Bounded so that a garbage header cannot make the caller reserve all of memory. */
#define MAX_ELF_FILE (64ull << 20)

word_t elf_file_size(const void *p)
{
    const elf64_header_t *h = p;
    if (h->e_ident[0] != 0x7f || h->e_ident[1] != 'E' || h->e_ident[2] != 'L' || h->e_ident[3] != 'F' ||
        h->e_phentsize != sizeof(elf64_phdr_t)) {
        return 0;
    }
    word_t end = MAX(h->e_phoff + (word_t)h->e_phnum * h->e_phentsize,
                     h->e_shoff + (word_t)h->e_shnum * h->e_shentsize);
    const elf64_phdr_t *ph = (const elf64_phdr_t *)((const uint8_t *)p + h->e_phoff);
    for (unsigned i = 0; i < h->e_phnum && h->e_phoff < MAX_ELF_FILE; i++) {
        end = MAX(end, ph[i].p_offset + ph[i].p_filesz);
    }
    return end <= MAX_ELF_FILE ? end : 0;
}
