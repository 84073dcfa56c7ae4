/*
 * The blob builder (image_blob.h), byte for byte the layout of capdl/blob.h.
 */
#include "image_blob.h"

#include <capdl/blob.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static size_t align8(size_t v)
{
    return (v + 7) & ~(size_t)7;
}

void blob_build_mem(const void *spec, size_t spec_len, const blob_file_t *files, const uint8_t *const *datas,
                    const size_t *sizes, size_t n, uint8_t **out, size_t *out_len)
{
    size_t off = align8(sizeof(cdl_blob_header_t));
    size_t spec_off = off;
    off = align8(off + spec_len);
    size_t table_off = off;
    off += n * sizeof(cdl_blob_file_t);
    size_t *name_off = xcalloc(n + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        name_off[i] = off;
        off += strlen(files[i].name) + 1;
    }
    off = align8(off);
    /* Contents: a file equal to an earlier one shares its bytes. */
    size_t *data_off = xcalloc(n + 1, sizeof(size_t));
    size_t *same = xcalloc(n + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        same[i] = i;
        for (size_t j = 0; j < i; j++) {
            if (same[j] == j && sizes[j] == sizes[i] &&
                (datas[j] == datas[i] || memcmp(datas[j], datas[i], sizes[i]) == 0)) {
                same[i] = j;
                break;
            }
        }
        if (same[i] == i) {
            data_off[i] = off;
            off = align8(off + sizes[i]);
        } else {
            data_off[i] = data_off[same[i]];
        }
    }
    uint8_t *b = xcalloc(1, off);
    cdl_blob_header_t h = {
        .magic = CDL_BLOB_MAGIC,
        .version = CDL_BLOB_VERSION,
        .total_size = off,
        .spec_offset = spec_off,
        .spec_size = spec_len,
        .files_offset = table_off,
        .n_files = (uint32_t)n,
    };
    memcpy(b, &h, sizeof(h));
    if (spec_len) {
        memcpy(b + spec_off, spec, spec_len);
    }
    for (size_t i = 0; i < n; i++) {
        cdl_blob_file_t f = { name_off[i], data_off[i], sizes[i] };
        memcpy(b + table_off + i * sizeof(f), &f, sizeof(f));
        memcpy(b + name_off[i], files[i].name, strlen(files[i].name) + 1);
        if (same[i] == i && sizes[i]) {
            memcpy(b + data_off[i], datas[i], sizes[i]);
        }
    }
    free(name_off);
    free(data_off);
    free(same);
    *out = b;
    *out_len = off;
}

static const blob_file_t *sort_files;

static int by_path(const void *a, const void *b)
{
    int c = strcmp(sort_files[*(const size_t *)a].path, sort_files[*(const size_t *)b].path);
    return c ? c : (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

static int by_name(const void *a, const void *b)
{
    int c = strcmp(sort_files[*(const size_t *)a].name, sort_files[*(const size_t *)b].name);
    return c ? c : (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* The files' indexes in the order cmp gives (by_name, by_path; ties by index). */
static size_t *sorted_files(const blob_file_t *files, size_t n, int (*cmp)(const void *, const void *))
{
    size_t *order = xcalloc(n + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    sort_files = files;
    qsort(order, n, sizeof(size_t), cmp);
    return order;
}

/* For each file, how many files before it (in table order) have its name: by sorting, as
 * first_with_path does (comparing each name with all earlier ones was 8 million strcmp calls
 * for 4,000 components). */
static size_t *earlier_same_name(const blob_file_t *files, size_t n)
{
    size_t *order = sorted_files(files, n, by_name), *count = xcalloc(n + 1, sizeof(size_t));
    for (size_t k = 1; k < n; k++) {
        if (strcmp(files[order[k]].name, files[order[k - 1]].name) == 0) {
            count[order[k]] = count[order[k - 1]] + 1;
        }
    }
    free(order);
    return count;
}

/* For each file, the first file (in table order) with the same path: components built from
 * one ELF are read once, not once each (a 4,000-component system of one 130 KiB ELF held
 * 520 MB of copies). */
static size_t *first_with_path(const blob_file_t *files, size_t n)
{
    size_t *order = sorted_files(files, n, by_path), *first = xcalloc(n + 1, sizeof(size_t));
    for (size_t k = 0; k < n; k++) {
        bool same = k > 0 && strcmp(files[order[k]].path, files[order[k - 1]].path) == 0;
        first[order[k]] = same ? first[order[k - 1]] : order[k];
    }
    free(order);
    return first;
}

bool blob_build(const void *spec, size_t spec_len, const blob_file_t *files, size_t n, uint8_t **out,
                size_t *out_len, diag_t *d)
{
    uint8_t **datas = xcalloc(n + 1, sizeof(uint8_t *));
    size_t *sizes = xcalloc(n + 1, sizeof(size_t));
    size_t *first = first_with_path(files, n), *same_name = earlier_same_name(files, n);
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (files[i].name[0] == '\0') {
            diag_error(d, (pos_t){ 0 }, NULL, NULL, "blob: file '%s' has an empty name", files[i].path);
            ok = false;
        }
        for (size_t j = 0; j < same_name[i]; j++) { /* one error for each earlier file of that name */
            diag_error(d, (pos_t){ 0 }, NULL, NULL, "blob: two files are called '%s'", files[i].name);
            ok = false;
        }
        if (first[i] != i) {
            datas[i] = datas[first[i]];
            sizes[i] = sizes[first[i]];
            continue;
        }
        datas[i] = (uint8_t *)read_file(files[i].path, &sizes[i]);
        if (!datas[i]) {
            diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot read '%s' (the ELF of '%s'): %s", files[i].path,
                       files[i].name, strerror(errno));
            ok = false;
        }
    }
    if (ok) {
        blob_build_mem(spec, spec_len, files, (const uint8_t *const *)datas, sizes, n, out, out_len);
    }
    for (size_t i = 0; i < n; i++) {
        if (first[i] == i) {
            free(datas[i]);
        }
    }
    free(datas);
    free(sizes);
    free(first);
    free(same_name);
    return ok;
}

bool blob_find_spec(const uint8_t *blob, size_t len, const char *path, size_t *spec_off, size_t *spec_len, diag_t *d)
{
    cdl_blob_result_t r = cdl_blob_validate(blob, len);
    if (r.status != CDL_BLOB_OK) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "'%s': the embedded blob is refused: %s", path,
                   cdl_blob_status_text(r.status));
        return false;
    }
    const cdl_blob_header_t *h = (const cdl_blob_header_t *)blob;
    *spec_off = h->spec_offset;
    *spec_len = h->spec_size;
    return true;
}
