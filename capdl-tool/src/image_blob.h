/*
 * The embedded blob of an image (capdl/blob.h): header, binary spec, file table, names, then
 * the component files whose bytes the spec's fills copy. Files with identical contents are
 * stored once (each keeps its own table entry), so two components built from one ELF cost one
 * copy. Deterministic: the layout depends only on the spec and the files' names and bytes.
 */
#ifndef CAPDL_TOOL_IMAGE_BLOB_H
#define CAPDL_TOOL_IMAGE_BLOB_H

#include "diag.h"
#include "util.h"

/* One file of the blob: the name fills use (a component name) and where to read it. */
typedef struct blob_file {
    const char *name;
    const char *path;
} blob_file_t;

/*
 * Builds the blob into *out (heap, caller frees). Returns false with an error in d when a file
 * cannot be read (an environment error) or a name is empty or repeated.
 */
bool blob_build(const void *spec, size_t spec_len, const blob_file_t *files, size_t n, uint8_t **out,
                size_t *out_len, diag_t *d);

/* Builds the blob from bytes already in memory (datas[i], sizes[i] for files[i]; path unused). */
void blob_build_mem(const void *spec, size_t spec_len, const blob_file_t *files, const uint8_t *const *datas,
                    const size_t *sizes, size_t n, uint8_t **out, size_t *out_len);

/*
 * Where the spec of a blob taken from an image (image_extract_blob) is: the blob passes the
 * loader's own check first (cdl_blob_validate: magic, version, every offset and size), so
 * `decode` refuses exactly the images the loader refuses. Returns false with an error naming
 * path and the problem.
 */
bool blob_find_spec(const uint8_t *blob, size_t len, const char *path, size_t *spec_off, size_t *spec_len, diag_t *d);

#endif
