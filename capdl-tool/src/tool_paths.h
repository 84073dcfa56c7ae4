/*
 * Where the tool finds what an image needs besides the system: the kernel (32-bit Multiboot
 * ELF on x86_64), the generic loader and the QEMU harness qemu-test. Each is, in order: the command-line
 * option, the environment (CAPDL_KERNEL, CAPDL_LOADER, CAPDL_QEMU_TEST), the installed SDK's
 * file next to the tool (BIN/../share/capdl/ and BIN/qemu-test), else the build tree's file
 * compiled in at configure time. A system for the MCS kernel (`kernel: {mcs: true}`) takes the
 * MCS kernel and loader the same way (CAPDL_KERNEL_MCS, CAPDL_LOADER_MCS, kernel-mcs.elf32,
 * capdl-loader-mcs.elf).
 */
#ifndef CAPDL_TOOL_TOOL_PATHS_H
#define CAPDL_TOOL_TOOL_PATHS_H

/* The AArch64 kernel and loader (CAPDL_KERNEL_AARCH64, CAPDL_LOADER_AARCH64; installed as
 * kernel-aarch64.elf and capdl-loader-aarch64.elf) are used for a system whose components are
 * AArch64 ELFs (docs/aarch64.md); the MCS ones (CAPDL_KERNEL_MCS, CAPDL_LOADER_MCS) for a system
 * that says `kernel: {mcs: true}` (docs/mcs.md). */
enum tool_file { TOOL_KERNEL, TOOL_LOADER, TOOL_QEMU_TEST, TOOL_KERNEL_MCS, TOOL_LOADER_MCS, TOOL_KERNEL_AARCH64,
                 TOOL_LOADER_AARCH64 };

/* The path to use (heap, caller frees); option may be NULL. */
char *tool_path(enum tool_file which, const char *option);

#endif
