/*
 * Validation of the embedded blob's header and file table (capdl/blob.h). Shared by the loader
 * (before it reads anything of the blob) and the tool's `decode`, so both refuse the same blobs.
 * Every bound is checked with subtraction from a bound already checked, so no sum can wrap.
 */
#include <capdl/blob.h>

static const char *const status_text[CDL_BLOB_STATUS_COUNT] = {
    "ok",
    "no system embedded (build one with capdl-tool build)",
    "unsupported blob version",
    "its total size is larger than the loaded image or smaller than its header",
    "its spec lies outside it or is not 8-byte aligned",
    "its file table lies outside it or is not 8-byte aligned",
    "a file's name or data lies outside it, or a name is not terminated",
};

const char *cdl_blob_status_text(cdl_blob_status_t s)
{
    return (unsigned)s < CDL_BLOB_STATUS_COUNT ? status_text[s] : "unknown status";
}

static cdl_blob_result_t result(cdl_blob_status_t s, uint32_t file)
{
    cdl_blob_result_t r = { s, file };
    return r;
}

/* [off, off + size) inside [0, total) (no wrap-around). */
static int inside(uint64_t off, uint64_t size, uint64_t total)
{
    return off <= total && size <= total - off;
}

/* A name starting at off ends with a NUL before total. */
static int name_terminated(const uint8_t *b, uint64_t off, uint64_t total)
{
    for (uint64_t i = off; i < total; i++) {
        if (b[i] == 0) {
            return 1;
        }
    }
    return 0;
}

static cdl_blob_result_t check_files(const uint8_t *b, const cdl_blob_header_t *h)
{
    const cdl_blob_file_t *files = (const cdl_blob_file_t *)(b + h->files_offset);
    for (uint32_t i = 0; i < h->n_files; i++) {
        const cdl_blob_file_t *f = &files[i];
        if (f->name_offset >= h->total_size || !name_terminated(b, f->name_offset, h->total_size) ||
            !inside(f->data_offset, f->data_size, h->total_size)) {
            return result(CDL_BLOB_FILE, i);
        }
    }
    return result(CDL_BLOB_OK, 0);
}

cdl_blob_result_t cdl_blob_validate(const void *blob, uint64_t avail)
{
    const uint8_t *b = blob;
    const cdl_blob_header_t *h = blob;
    if (avail < sizeof(*h) || h->magic != CDL_BLOB_MAGIC) {
        return result(CDL_BLOB_NONE, 0);
    }
    if (h->version != CDL_BLOB_VERSION) {
        return result(CDL_BLOB_BAD_VERSION, 0);
    }
    if (h->total_size > avail || h->total_size < sizeof(*h)) {
        return result(CDL_BLOB_SIZE, 0);
    }
    if ((h->spec_offset & 7u) != 0 || !inside(h->spec_offset, h->spec_size, h->total_size)) {
        return result(CDL_BLOB_SPEC, 0);
    }
    if ((h->files_offset & 7u) != 0 || !inside(h->files_offset, 0, h->total_size) ||
        h->n_files > (h->total_size - h->files_offset) / sizeof(cdl_blob_file_t)) {
        return result(CDL_BLOB_TABLE, 0);
    }
    return check_files(b, h);
}
