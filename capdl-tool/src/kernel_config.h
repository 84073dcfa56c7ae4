/*
 * The system against the kernel file an image is built with: our kernels carry their build
 * configuration in their ELF (sel4/kernel_build_config.h); every thread's domain and priority
 * and the domain schedule must fit it. A kernel without the record (seL4's own) is not checked.
 */
#ifndef CAPDL_TOOL_KERNEL_CONFIG_H
#define CAPDL_TOOL_KERNEL_CONFIG_H

#include "model.h"

/* False, with errors in d, when the system needs more of the kernel than it was built with. */
bool kernel_config_check(const char *kernel_path, const model_t *m, diag_t *d);

#endif
