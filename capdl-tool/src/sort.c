/*
 * The sorts (sort.h). sort_by_key is a least-significant-digit-first radix sort that skips the
 * key bits all items share (a cap key, container << 32 | slot, differs in 27 of 64 bits at 4,000
 * components). sort_by_name is a most-significant-first radix sort eight name bytes at a time:
 * the bytes from depth, big endian and zero after the name's end, are a key that orders as
 * strcmp orders those bytes; items with equal keys whose names go on are sorted by their next
 * eight bytes. Short runs are sorted by insertion, which is stable, as the radix passes are.
 */
#include "sort.h"

#include "util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SORT_SHORT_RUN 32 /* runs this short are sorted by insertion */
#define PERMUTE_BLOCK_BYTES (512u << 10)   /* sort_permute's blocks: within the L2 cache */
#define PERMUTE_BLOCKED_BYTES (16u << 20)  /* records larger than this in all are permuted by blocks */

static void insertion_by_key(sort_item_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        sort_item_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1].key > x.key; j--) {
            v[j] = v[j - 1];
        }
        v[j] = x;
    }
}

/* One stable counting pass by the digit (key >> shift) & (buckets - 1), from src to dst. */
static void radix_pass(const sort_item_t *src, sort_item_t *dst, size_t n, unsigned shift, uint32_t *at,
                       size_t buckets)
{
    memset(at, 0, buckets * sizeof(*at));
    for (size_t i = 0; i < n; i++) {
        at[(src[i].key >> shift) & (buckets - 1)]++;
    }
    uint32_t sum = 0;
    for (size_t b = 0; b < buckets; b++) {
        uint32_t c = at[b];
        at[b] = sum;
        sum += c;
    }
    for (size_t i = 0; i < n; i++) {
        dst[at[(src[i].key >> shift) & (buckets - 1)]++] = src[i];
    }
}

void sort_by_key(sort_item_t *v, size_t n, sort_item_t *tmp)
{
    if (n <= SORT_SHORT_RUN) {
        insertion_by_key(v, n);
        return;
    }
    uint64_t all_and = ~0ull, all_or = 0;
    for (size_t i = 0; i < n; i++) {
        all_and &= v[i].key;
        all_or |= v[i].key;
    }
    uint64_t differ = all_and ^ all_or; /* the bits that are not the same in every key */
    /* Digits of 16 bits where there are items enough to fill their 65,536 buckets, else of 8;
     * each digit starts at the lowest differing bit not yet sorted by, so that bits all keys
     * share cost no pass. */
    unsigned width = n >= (1u << 16) ? 16 : 8;
    uint32_t small[256], *at = width == 8 ? small : xmalloc(((size_t)1 << width) * sizeof(uint32_t));
    sort_item_t *src = v, *dst = tmp;
    for (unsigned shift = 0; shift < 64 && (differ >> shift) != 0; shift += width) {
        while (((differ >> shift) & 1u) == 0) {
            shift++;
        }
        radix_pass(src, dst, n, shift, at, (size_t)1 << width);
        sort_item_t *t = src;
        src = dst;
        dst = t;
    }
    if (at != small) {
        free(at);
    }
    if (src != v) {
        memcpy(v, src, n * sizeof(*v));
    }
}

/* Eight bytes of a name from s, big endian, zero from the name's end on. */
static uint64_t name_chunk(const char *s)
{
    uint64_t k = 0;
    for (unsigned i = 0; i < 8; i++) {
        uint8_t c = (uint8_t)*s;
        k = k << 8 | c;
        s += c != 0;
    }
    return k;
}

static const char *name_of(sort_names_t names, uint32_t id)
{
    return *(const char *const *)((const char *)names.base + id * names.stride);
}

/* a's name before b's, both equal before depth and with their keys the chunks at depth. A key
 * whose last byte is not zero is a name that goes on past it. */
static bool name_before(const sort_item_t *a, const sort_item_t *b, sort_names_t names, size_t depth)
{
    if (a->key != b->key) {
        return a->key < b->key;
    }
    const char *an = name_of(names, a->id), *bn = name_of(names, b->id);
    return (a->key & 0xffu) != 0 && strcmp(an + depth + 8, bn + depth + 8) < 0;
}

static void name_sort(sort_item_t *v, size_t n, sort_item_t *tmp, sort_names_t names, size_t depth)
{
    for (size_t i = 0; i < n; i++) {
        v[i].key = name_chunk(name_of(names, v[i].id) + depth);
    }
    if (n <= SORT_SHORT_RUN) {
        for (size_t i = 1; i < n; i++) {
            sort_item_t x = v[i];
            size_t j = i;
            for (; j > 0 && name_before(&x, &v[j - 1], names, depth); j--) {
                v[j] = v[j - 1];
            }
            v[j] = x;
        }
        return;
    }
    sort_by_key(v, n, tmp);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && v[b].key == v[a].key; b++) {
        }
        if (b - a > 1 && (v[a].key & 0xffu) != 0) {
            name_sort(v + a, b - a, tmp, names, depth + 8);
        }
    }
}

void sort_by_name(sort_item_t *v, size_t n, sort_item_t *tmp, sort_names_t names)
{
    name_sort(v, n, tmp, names, 0);
}

/* The cycles of order, one at a time, each record moved once (the small case). */
static void permute_by_cycles(char *v, size_t size, uint32_t *order, size_t n)
{
    char *first = xmalloc(size);
    for (size_t start = 0; start < n; start++) {
        if (order[start] == start) {
            continue;
        }
        memcpy(first, v + start * size, size);
        size_t i = start;
        while (order[i] != start) {
            size_t from = order[i];
            memcpy(v + i * size, v + from * size, size);
            order[i] = (uint32_t)i;
            i = from;
        }
        memcpy(v + i * size, first, size);
        order[i] = (uint32_t)i;
    }
    free(first);
}

/* Swaps records i and j and their destinations. */
static void swap_records(char *v, size_t size, uint32_t *dest, size_t i, size_t j, char *tmp)
{
    memcpy(tmp, v + i * size, size);
    memcpy(v + i * size, v + j * size, size);
    memcpy(v + j * size, tmp, size);
    uint32_t d = dest[i];
    dest[i] = dest[j];
    dest[j] = d;
}

/* A large permutation in two passes that stay in cache, where following its cycles would not:
 * each hop of a cycle is a record far from the last (at 2.6 million 64-byte objects, a cache
 * and TLB miss per record, a tenth of `check`). The places are cut in blocks of about
 * PERMUTE_BLOCK_BYTES. First every record goes to its block, as an in-place radix pass does:
 * a block's next free place takes a record, whose own record is examined next (one read
 * stream, one write stream per block). Then each block's records go to their places within
 * it, by swapping each to where it belongs: the block fits in the cache. */
static void permute_by_blocks(char *v, size_t size, uint32_t *order, size_t n)
{
    uint32_t *dest = xmalloc(n * sizeof(uint32_t)); /* dest[i]: the place of the record now at i */
    for (size_t i = 0; i < n; i++) {
        dest[order[i]] = (uint32_t)i;
    }
    unsigned shift = 0;
    while (((size_t)2 << shift) * size <= PERMUTE_BLOCK_BYTES) {
        shift++;
    }
    size_t blocks = ((n - 1) >> shift) + 1;
    size_t *next = xmalloc(blocks * sizeof(size_t));
    for (size_t b = 0; b < blocks; b++) {
        next[b] = b << shift;
    }
    char *tmp = xmalloc(size);
    for (size_t b = 0; b < blocks; b++) {
        size_t end = b + 1 < blocks ? (b + 1) << shift : n;
        while (next[b] < end) {
            size_t i = next[b], db = dest[i] >> shift;
            if (db == b) {
                next[b]++;
            } else {
                swap_records(v, size, dest, i, next[db]++, tmp);
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        while (dest[i] != i) {
            swap_records(v, size, dest, i, dest[i], tmp);
        }
        order[i] = (uint32_t)i;
    }
    free(tmp);
    free(next);
    free(dest);
}

void sort_permute(void *records, size_t size, uint32_t *order, size_t n)
{
    if (n * size >= PERMUTE_BLOCKED_BYTES) {
        permute_by_blocks(records, size, order, n);
    } else {
        permute_by_cycles(records, size, order, n);
    }
}
