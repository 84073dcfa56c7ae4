/*
 * Sorting for model_finalize and the passes: records are sorted through an array of small items
 * (a 64-bit key and the record's index) whose order is then applied to the records. Both
 * sorts are stable and give exactly the order a stable comparison sort (glibc's qsort, a merge
 * sort) gives with the same comparison, in linear passes over the keys instead of n log n calls
 * of a comparison function: a radix sort by the key, and one by name, eight bytes at a time.
 */
#ifndef CAPDL_TOOL_SORT_H
#define CAPDL_TOOL_SORT_H

#include <stddef.h>
#include <stdint.h>

typedef struct sort_item {
    uint64_t key;
    uint32_t id;     /* the record's index */
} sort_item_t;

/* Where the records' names are: record id's is the char * at (const char *)base + id * stride
 * (the name field of an array of records). */
typedef struct sort_names {
    const void *base;
    size_t stride;
} sort_names_t;

/* Sorts v[0..n) by key, stable (equal keys keep their order). tmp holds n items (scratch). */
void sort_by_key(sort_item_t *v, size_t n, sort_item_t *tmp);

/* Sorts v[0..n) by their records' names as strcmp orders them, stable (equal names keep their
 * order). Overwrites the keys. tmp holds n items (scratch). */
void sort_by_name(sort_item_t *v, size_t n, sort_item_t *tmp, sort_names_t names);

/* Puts the n records of size bytes at records in the order given: record i becomes the old
 * record order[i], in place, without a second array of records (a copy of a large system's
 * objects was its peak memory): one cycle of the permutation at a time, or, beyond 16 MB of
 * records, by blocks that fit the cache (then with an array of 4 bytes a record). Leaves order
 * the identity. */
void sort_permute(void *records, size_t size, uint32_t *order, size_t n);

#endif
