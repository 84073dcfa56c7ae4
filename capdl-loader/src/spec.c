/*
 * Finding the embedded blob and its spec (capdl/blob.h). Nothing is created before the whole
 * spec passed cdl_spec_validate, the validator the tool uses too.
 */
#include "loader.h"

extern const uint8_t __capdl_blob_start[];

static const uint8_t *blob_base(void)
{
    return __capdl_blob_start;
}

void loader_find_spec(void)
{
    const cdl_blob_header_t *h = (const cdl_blob_header_t *)blob_base();
    if (h->magic != CDL_BLOB_MAGIC || h->version != CDL_BLOB_VERSION) {
        loader_fail_msg("no system embedded in this loader (build one with capdl-tool build)", NULL);
    }
    if (h->spec_offset > h->total_size || h->spec_size > h->total_size - h->spec_offset ||
        h->files_offset > h->total_size || h->n_files > (h->total_size - h->files_offset) / sizeof(cdl_blob_file_t)) {
        loader_fail_msg("the embedded blob is corrupted: ", "its tables lie outside it");
    }
    cdl_result_t r = cdl_spec_validate(blob_base() + h->spec_offset, h->spec_size, &L.spec);
    if (r.status != CDL_OK) {
        loader_fail_msg("the embedded spec is invalid, nothing was created: ", cdl_status_text(r.status));
    }
    L.blob = h;
}

static bool name_equals(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

bool loader_file(const char *name, const uint8_t **data, uint64_t *size)
{
    const cdl_blob_file_t *files = (const cdl_blob_file_t *)(blob_base() + L.blob->files_offset);
    for (uint32_t i = 0; i < L.blob->n_files; i++) {
        const cdl_blob_file_t *f = &files[i];
        if (f->name_offset < L.blob->total_size && f->data_offset <= L.blob->total_size &&
            f->data_size <= L.blob->total_size - f->data_offset &&
            name_equals((const char *)blob_base() + f->name_offset, name)) {
            *data = blob_base() + f->data_offset;
            *size = f->data_size;
            return true;
        }
    }
    return false;
}
