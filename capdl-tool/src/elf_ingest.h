/*
 * ELF ingestion pass (libelf): for every component, reads its ELF and
 *  - turns each PT_LOAD segment into 4 KiB frames with fills (file offset ranges) and a
 *    mapping with the segment's rights (R, W if PF_W, X if PF_X; W+X only with allow_wx);
 *  - maps each shared frame at its symbol (page aligned, inside a segment, exactly the frame's
 *    size) instead of the ELF's own pages;
 *  - places every thread's stack and IPC buffer in the thread region (THREAD_REGION_BASE, guard
 *    pages between) and sets the TCB's entry point, stack pointer and IPC buffer address.
 * The thread region depends only on the description, so generated sources can name it.
 */
#ifndef CAPDL_TOOL_ELF_INGEST_H
#define CAPDL_TOOL_ELF_INGEST_H

#include "model.h"

#define THREAD_REGION_BASE 0x10000000ull /* 256 MiB: above the 0x400000 link address */
#define PAGE_SIZE_4K 4096ull
/* ELF files kept read for components still to come, at most (elf_ingest.c): bounds the memory
 * of a system of many ELFs each shared by components far apart. */
#define ELF_KEEP_MAX 64

/* Places stacks and IPC buffers (frames and mappings) of every component: no ELF needed. */
void elf_place_threads(model_t *m);

/* Ingests every component's ELF (paths relative to m->base_dir). False on any error. */
bool elf_ingest(model_t *m, diag_t *d);

/* Looks up symbol name in the ELF at path: its value and size. For the patcher and tests. */
bool elf_find_symbol(const char *path, const char *name, uint64_t *value, uint64_t *size, uint64_t *file_off);

#endif
