/*
 * ELF machine of the image's kernel and loader (image_arch.h).
 */
#include "image_arch.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define ELF_MACHINE_OFFSET 18 /* e_machine, the same place in ELF32 and ELF64 headers */
#define ELF_MACHINE_AARCH64 183

bool image_arch_check(const char *path, const char *what, const char *system, bool aarch64, diag_t *d)
{
    FILE *f = fopen(path, "rb");
    uint8_t h[ELF_MACHINE_OFFSET + 2];
    bool read = f && fread(h, 1, sizeof(h), f) == sizeof(h);
    if (f) {
        fclose(f);
    }
    if (!read || memcmp(h, "\177ELF", 4) != 0) {
        return true;
    }
    unsigned machine = h[5] == 2 ? (unsigned)h[ELF_MACHINE_OFFSET] << 8 | h[ELF_MACHINE_OFFSET + 1]
                                 : (unsigned)h[ELF_MACHINE_OFFSET + 1] << 8 | h[ELF_MACHINE_OFFSET];
    bool file_a64 = machine == ELF_MACHINE_AARCH64;
    if (file_a64 == aarch64) {
        return true;
    }
    diag_error(d, (pos_t){ 0 }, NULL, aarch64 ? "give the AArch64 one (--kernel/--loader, docs/aarch64.md)" : NULL,
               "the %s '%s' is an %s ELF, but '%s' is an %s system", what, path, file_a64 ? "AArch64" : "x86",
               system, aarch64 ? "AArch64" : "x86_64");
    return false;
}
