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
#include <stddef.h>

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

/* What cdl_blob_validate found. */
typedef enum cdl_blob_status {
    CDL_BLOB_OK = 0,
    CDL_BLOB_NONE,      /* too short for a header, or no magic: no system embedded */
    CDL_BLOB_BAD_VERSION, /* a blob version this reader does not know */
    CDL_BLOB_SIZE,      /* total_size larger than the bytes loaded, or smaller than the header */
    CDL_BLOB_SPEC,      /* the spec lies outside the blob or is not 8-byte aligned */
    CDL_BLOB_TABLE,     /* the file table lies outside the blob or is not 8-byte aligned */
    CDL_BLOB_FILE,      /* a file's name or data lies outside the blob, or its name is not terminated */
    CDL_BLOB_STATUS_COUNT
} cdl_blob_status_t;

typedef struct cdl_blob_result {
    cdl_blob_status_t status;
    uint32_t file;      /* for CDL_BLOB_FILE: the file table index */
} cdl_blob_result_t;

/*
 * Checks every field of the header and the file table against avail, the number of bytes that
 * really follow blob in memory (the loader: up to the end of its loaded image; the tool: the
 * section's size). Header and table are outside the spec's checksum, so nothing may be trusted
 * before this passed. blob must be 8-byte aligned. Freestanding, no heap.
 */
cdl_blob_result_t cdl_blob_validate(const void *blob, uint64_t avail);

/* A short, static English text for a status ("its file table lies outside it"). */
const char *cdl_blob_status_text(cdl_blob_status_t s);

#endif
