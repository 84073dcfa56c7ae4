/*
 * Embedding a blob (image_blob.h) into a copy of the generic loader ELF (capdl/blob.h): the
 * section `.capdl_blob` and its PT_LOAD header (the last PT_LOAD, found as the one whose p_vaddr
 * is the section's address) are pointed at the blob, appended at the end of the file at an
 * offset congruent to the segment's address modulo its alignment. Written with libelf under
 * ELF_F_LAYOUT, so no other byte of the file moves; the result is read back and checked (other
 * segments unchanged byte for byte, the new segment overlapping nothing in memory or in the
 * file) before it replaces out_path.
 */
#ifndef CAPDL_TOOL_IMAGE_EMBED_H
#define CAPDL_TOOL_IMAGE_EMBED_H

#include "diag.h"
#include "util.h"

/* Writes out_path. False with an error in d (naming the loader file and what was expected). */
bool image_embed(const char *loader_path, const void *blob, size_t blob_len, const char *out_path, diag_t *d);

/* The blob embedded in an image's loader ELF, copied to *out (heap); false with an error in d. */
bool image_extract_blob(const char *elf_path, uint8_t **out, size_t *out_len, diag_t *d);

#endif
