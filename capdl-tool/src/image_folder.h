/*
 * The image folder a system boots from (docs/capdl-tool.md): kernel.elf32 (a copy of the
 * kernel; kernel.elf for an AArch64 system, whose kernel is a 64-bit ELF), loader.elf (the generic loader with the system's blob embedded, image_embed.h) and
 * an executable `run` script: the run script of cmake/qemu.cmake's add_qemu_image (one QEMU
 * command line, one exit-status mapping), compiled into the tool from that template. With
 * `iso`, also <system>.iso made by grub-mkrescue. The spec outputs (.cdl, .spec, .report.json)
 * are written by the caller.
 */
#ifndef CAPDL_TOOL_IMAGE_FOLDER_H
#define CAPDL_TOOL_IMAGE_FOLDER_H

#include "diag.h"
#include "util.h"

typedef struct image_opts {
    const char *dir;     /* the folder (must exist) */
    const char *system;  /* system name */
    const char *kernel;  /* the kernel file to copy */
    const char *loader;  /* the generic loader ELF */
    uint64_t memory;     /* the run script's default -m, in bytes */
    bool iso;            /* also <system>.iso (needs grub-mkrescue) */
    bool aarch64;        /* an AArch64 system: QEMU virt's run script, kernel.elf (no ISO) */
} image_opts_t;

/* The kernel's file name in the folder. */
const char *image_kernel_name(bool aarch64);

/* Writes the folder's kernel.elf32, loader.elf, run (and ISO). False with an error in d (every
 * failure here is an environment error: exit status 2). */
bool image_write(const image_opts_t *o, const void *blob, size_t blob_len, diag_t *d);

/* QEMU's -m value for bytes: "512M", "2G" (rounded up to whole MiB). Heap string. */
char *image_memory_arg(uint64_t bytes);

/* The run script's text for a system (heap string); _arch for either machine. */
char *image_run_script(const char *system, uint64_t memory);
char *image_run_script_arch(const char *system, uint64_t memory, bool aarch64);

#endif
