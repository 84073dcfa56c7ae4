/*
 * The kernel and the loader an image is made of must be of the system's architecture (an x86_64
 * kernel cannot boot an AArch64 system's loader, and the loader refuses a spec of the other
 * architecture only once booted): their ELF machine is checked before the image is written.
 */
#ifndef CAPDL_TOOL_IMAGE_ARCH_H
#define CAPDL_TOOL_IMAGE_ARCH_H

#include "diag.h"

#include <stdbool.h>

/* False with an error if the ELF at path (called what: "kernel", "loader") is not of the
 * system's architecture. A file that is not an ELF passes: the steps that read it say so. */
bool image_arch_check(const char *path, const char *what, const char *system, bool aarch64, diag_t *d);

#endif
