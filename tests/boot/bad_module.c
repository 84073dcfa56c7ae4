/*
 * Makes the bad root task modules of the boot tests from a good root task ELF:
 *   bad_module not-elf        GOOD OUT   a text file, not an ELF
 *   bad_module wrong-machine  GOOD OUT   the ELF with e_machine = AArch64 (183)
 *   bad_module kernel-space   GOOD OUT   the ELF with its first loadable segment moved into
 *                                        the kernel's half of the address space
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "bad_module: %s: %s\n", what, path);
    return 2;
}

static unsigned char *read_file(const char *path, long *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    unsigned char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (*size = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)*size);
        if (buf && fread(buf, 1, (size_t)*size, f) != (size_t)*size) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static int patch(unsigned char *elf, long size, const char *kind)
{
    Elf64_Ehdr *h = (Elf64_Ehdr *)elf;
    if (size < (long)sizeof(*h) || memcmp(h->e_ident, ELFMAG, SELFMAG) != 0) {
        return -1;
    }
    if (strcmp(kind, "wrong-machine") == 0) {
        h->e_machine = EM_AARCH64;
        return 0;
    }
    for (int i = 0; i < h->e_phnum; i++) {
        Elf64_Phdr *p = (Elf64_Phdr *)(elf + h->e_phoff + (size_t)i * sizeof(Elf64_Phdr));
        if (p->p_type == PT_LOAD) {
            p->p_vaddr = 0xffffffff80100000ull;
            return 0;
        }
    }
    return -1;
}

static int write_file(const char *path, const void *data, size_t size)
{
    FILE *out = fopen(path, "wb");
    int ok = out && fwrite(data, 1, size, out) == size;
    ok = out && fclose(out) == 0 && ok;
    return ok ? 0 : fail("cannot write", path);
}

int main(int argc, char **argv)
{
    static const char text[] = "This is a text file given as the root task module, not an ELF executable.\n";
    if (argc != 4) {
        fprintf(stderr, "usage: bad_module not-elf|wrong-machine|kernel-space GOOD OUT\n");
        return 2;
    }
    const char *kind = argv[1];
    if (strcmp(kind, "not-elf") == 0) {
        return write_file(argv[3], text, sizeof(text) - 1);
    }
    long size = 0;
    unsigned char *elf = read_file(argv[2], &size);
    if (!elf) {
        return fail("cannot read", argv[2]);
    }
    int status = (strcmp(kind, "wrong-machine") != 0 && strcmp(kind, "kernel-space") != 0) || patch(elf, size, kind)
                     ? fail("unknown kind or not an ELF64 file", argv[2])
                     : write_file(argv[3], elf, (size_t)size);
    free(elf);
    return status;
}
