/*
 * The root task ELF: checks that a boot module is a loadable x86_64 executable for user space,
 * and copies its segments into the frames the kernel allocated for it (portable; unit-tested
 * on the host). Only what loading needs: ELF64 header and program headers.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <types.h>
#include <sel4/gen_config.h>

typedef struct {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} elf64_header_t;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} elf64_phdr_t;

#define ELF_PT_LOAD 1
#define ELF_ET_EXEC 2
#define ELF_EM_X86_64 62
#define ELF_EM_AARCH64 183
/* The machine root task ELFs must be built for: the kernel's own. */
#ifdef CONFIG_ARCH_AARCH64
#define ELF_EM_KERNEL ELF_EM_AARCH64
#define ELF_KERNEL_MACHINE_NAME "aarch64"
#else
#define ELF_EM_KERNEL ELF_EM_X86_64
#define ELF_KERNEL_MACHINE_NAME "x86_64"
#endif

typedef enum elf_status {
    ELF_OK,
    ELF_TOO_SMALL,
    ELF_BAD_MAGIC,
    ELF_NOT_64BIT,
    ELF_NOT_LITTLE_ENDIAN,
    ELF_WRONG_MACHINE,
    ELF_NOT_EXECUTABLE,
    ELF_BAD_PHDRS,
    ELF_NO_SEGMENTS,
    ELF_SEGMENT_OUTSIDE_FILE,
    ELF_SEGMENT_FILESZ_TOO_BIG,
    ELF_SEGMENT_NOT_IN_USER_SPACE,
    ELF_SEGMENTS_OVERLAP,
    ELF_ENTRY_OUTSIDE_SEGMENTS,
} elf_status_t;

typedef struct elf_image {
    vptr_t start;   /* first page of the image */
    vptr_t end;     /* end of the last page of the image */
    vptr_t entry;
    word_t machine; /* e_machine as found (for the error message) */
    unsigned bad_segment; /* index of the segment an error refers to */
} elf_image_t;

/* Checks the file and fills *img; segments must lie below user_top. */
elf_status_t elf_check(const void *file, word_t size, vptr_t user_top, elf_image_t *img);

/* One line saying what is wrong, for the boot error message. */
const char *elf_status_message(elf_status_t s);

/* Copies every PT_LOAD segment of a checked file into dest, which holds the image's pages
 * contiguously from img->start and is already zeroed. */
void elf_load(const void *file, const elf_image_t *img, void *dest);

/* The size of the ELF file at p where nothing says how long it is (AArch64: QEMU's loader
 * device): the furthest end of its headers, section headers and segments; 0 if p holds no
 * 64-bit ELF header or the file would be over 64 MiB. */
word_t elf_file_size(const void *p);

#endif
