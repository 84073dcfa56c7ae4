/*
 * The embedded files (capdl/blob.h's file table) by name: fills name their file, one a
 * component. A scan of the table per fill grew with the system (1,316 files at 50,000
 * objects, and the tool's spec order is not the table's), so the first lookup builds a hash
 * index: open addressing with linear probing over a power-of-two table of at least twice the
 * files, in pages of the loader's own (scratch.c). A bucket holds a file's table index + 1
 * (the pages come zeroed: 0 is empty).
 */
#include "loader.h"

static uint32_t *buckets;
static uint32_t bucket_mask;

/* FNV-1a: cheap, and good enough for names that differ in their last digits. */
static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++) {
        h = (h ^ (uint8_t)*s) * 16777619u;
    }
    return h;
}

static bool name_equals(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static const cdl_blob_file_t *file_table(void)
{
    return (const cdl_blob_file_t *)((const uint8_t *)loader.blob + loader.blob->files_offset);
}

static const char *file_name(uint32_t i)
{
    return (const char *)loader.blob + file_table()[i].name_offset; /* every entry passed cdl_blob_validate */
}

static uint32_t bucket_count(void)
{
    uint32_t n = 1;
    while (n < 2 * loader.blob->n_files) {
        n *= 2;
    }
    return n;
}

seL4_Word loader_file_index_pages(void)
{
    return loader.blob->n_files ? ((seL4_Word)bucket_count() * sizeof(uint32_t) + 4095) / 4096 : 0;
}

/* Files are inserted in table order, so of two files with one name (which the tool never
 * writes) the lookup meets the first, as a scan of the table would. */
static void build_index(void)
{
    bucket_mask = bucket_count() - 1;
    buckets = loader_own_pages(loader_file_index_pages());
    for (uint32_t i = 0; i < loader.blob->n_files; i++) {
        uint32_t b = name_hash(file_name(i)) & bucket_mask;
        while (buckets[b] != 0) {
            b = (b + 1) & bucket_mask;
        }
        buckets[b] = i + 1;
    }
}

bool loader_file(const char *name, const uint8_t **data, uint64_t *size)
{
    if (loader.blob->n_files == 0) {
        return false;
    }
    if (!buckets) {
        build_index();
    }
    for (uint32_t b = name_hash(name) & bucket_mask; buckets[b] != 0; b = (b + 1) & bucket_mask) {
        uint32_t i = buckets[b] - 1;
        if (name_equals(file_name(i), name)) {
            *data = (const uint8_t *)loader.blob + file_table()[i].data_offset;
            *size = file_table()[i].data_size;
            return true;
        }
    }
    return false;
}
