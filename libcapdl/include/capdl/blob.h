/*
 * The blob the tool embeds into a copy of the generic loader ELF: the binary spec followed by
 * the component files whose bytes the spec's frame fills copy. Shared by capdl-tool (writer)
 * and capdl-loader (reader); freestanding.
 *
 * The loader ELF ends with a loadable section `.capdl_blob` (symbol __capdl_blob_start) that has
 * its own PT_LOAD program header, the last one, on a page boundary after everything else; it
 * holds only an empty blob (magic 0). The tool appends the real blob at the end of a copy of
 * the file (page-aligned offset) and points that program header and the section at it, so the
 * kernel loads it as part of the loader's image. Layout (little endian, offsets from the blob
 * start, everything 8-byte aligned):
 *   cdl_blob_header_t | spec (spec_size bytes) | file table (n_files x cdl_blob_file_t) |
 *   names (NUL-terminated) | file contents
 */
#ifndef CAPDL_BLOB_H
#define CAPDL_BLOB_H

#include <stdint.h>

#define CDL_BLOB_MAGIC 0x424c4243u /* "CBLB" */
#define CDL_BLOB_VERSION 1u
#define CDL_BLOB_SECTION ".capdl_blob"

typedef struct cdl_blob_header {
    uint32_t magic;
    uint32_t version;
    uint64_t total_size;   /* bytes of the whole blob */
    uint64_t spec_offset;  /* the binary spec (capdl/spec.h) */
    uint64_t spec_size;
    uint64_t files_offset; /* the file table */
    uint32_t n_files;
    uint32_t reserved;
} cdl_blob_header_t;

typedef struct cdl_blob_file {
    uint64_t name_offset;  /* NUL-terminated: the name fills use (a component name) */
    uint64_t data_offset;
    uint64_t data_size;
} cdl_blob_file_t;

/* Component threads are started with these registers (besides rip and rsp): rdi, rsi, rdx, rcx
 * = the spec's arguments, r8 = the thread's IPC buffer address, r9 = CDL_COMPONENT_MAGIC (a root
 * task started by the kernel has the BootInfo address in rdi and no magic). */
#define CDL_COMPONENT_MAGIC 0x6c64706163ull /* "capdl" */

#endif
