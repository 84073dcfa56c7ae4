/*
 * Unit tests of the sorts (sort.c) against qsort with the comparison they replace, (key, id) and
 * (strcmp of the names, id), on generated items: every run length around the insertion-sort
 * cutoff and large ones, keys that differ in few or all bytes, names with long shared prefixes,
 * names ending inside and at the end of an eight-byte chunk, bytes from 0x80 on, duplicates.
 * Sizes up to 70,000 (the 16-bit digits from 65,536 items on). And sort_permute against a copy,
 * both ways it works (by cycles, and by blocks for more than 16 MB).
 */
#include "test_util.h"

#include "sort.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int by_key_then_id(const void *pa, const void *pb)
{
    const sort_item_t *a = pa, *b = pb;
    if (a->key != b->key) {
        return a->key < b->key ? -1 : 1;
    }
    return (a->id > b->id) - (a->id < b->id);
}

static char **sort_names; /* by_name_then_id's: the name of item id */

static int by_name_then_id(const void *pa, const void *pb)
{
    const sort_item_t *a = pa, *b = pb;
    int c = strcmp(sort_names[a->id], sort_names[b->id]);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

static const size_t sizes[] = { 0, 1, 2, 3, 31, 32, 33, 34, 64, 100, 257, 1000, 5000, 70000 };

/* Keys of one of three shapes: few distinct (many equal), a cap's (container << 32 | slot),
 * any 64 bits. */
static uint64_t gen_key(unsigned shape)
{
    switch (shape) {
    case 0: return rnd() % 5;
    case 1: return (rnd() % 3000) << 32 | (rnd() % 300);
    default: return rnd();
    }
}

static void test_by_key(void **state)
{
    (void)state;
    for (unsigned shape = 0; shape < 3; shape++) {
        for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
            size_t n = sizes[s];
            sort_item_t *v = calloc(n + 1, sizeof(*v)), *want = calloc(n + 1, sizeof(*v));
            sort_item_t *tmp = calloc(n + 1, sizeof(*v));
            for (size_t i = 0; i < n; i++) {
                v[i] = (sort_item_t){ gen_key(shape), (uint32_t)i };
            }
            memcpy(want, v, n * sizeof(*v));
            qsort(want, n, sizeof(*v), by_key_then_id);
            sort_by_key(v, n, tmp);
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(v[i].id, want[i].id);
            }
            free(v);
            free(want);
            free(tmp);
        }
    }
}

/* A name such as the passes make ("c12.page_40a000") or one of random bytes from a small
 * alphabet with high bytes, 0 to 40 long: many share long prefixes or are equal. */
static char *gen_name(unsigned shape)
{
    char buf[64];
    if (shape == 0) {
        snprintf(buf, sizeof buf, "c%u.%s_%llx", (unsigned)(rnd() % 40), rnd() % 2 ? "page" : "stack",
                 (unsigned long long)(0x400000 + (rnd() % 64) * 0x1000));
        return xstrdup(buf);
    }
    static const char alphabet[] = { 'a', 'b', '.', '_', (char)0x80, (char)0xff };
    size_t len = rnd() % 41, prefix = shape == 2 ? len / 2 : 0;
    for (size_t i = 0; i < len; i++) {
        buf[i] = i < prefix ? 'p' : alphabet[rnd() % sizeof(alphabet)];
    }
    buf[len] = '\0';
    return xstrdup(buf);
}

static void test_by_name(void **state)
{
    (void)state;
    for (unsigned shape = 0; shape < 3; shape++) {
        for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
            size_t n = sizes[s];
            sort_item_t *v = calloc(n + 1, sizeof(*v)), *want = calloc(n + 1, sizeof(*v));
            sort_item_t *tmp = calloc(n + 1, sizeof(*v));
            sort_names = calloc(n + 1, sizeof(char *));
            for (size_t i = 0; i < n; i++) {
                v[i] = (sort_item_t){ rnd(), (uint32_t)i };
                sort_names[i] = gen_name(shape);
            }
            memcpy(want, v, n * sizeof(*v));
            qsort(want, n, sizeof(*v), by_name_then_id);
            sort_by_name(v, n, tmp, (sort_names_t){ sort_names, sizeof(char *) });
            for (size_t i = 0; i < n; i++) {
                assert_int_equal(v[i].id, want[i].id);
            }
            for (size_t i = 0; i < n; i++) {
                free(sort_names[i]);
            }
            free(sort_names);
            free(v);
            free(want);
            free(tmp);
        }
    }
}

static void test_permute(void **state)
{
    (void)state;
    enum { N = 1000 };
    struct rec { uint64_t a; uint32_t b; char c[13]; } recs[N], old[N];
    uint32_t order[N];
    for (uint32_t i = 0; i < N; i++) {
        recs[i] = (struct rec){ rnd(), i, "x" };
        order[i] = i;
    }
    for (uint32_t i = N - 1; i > 0; i--) { /* a random permutation */
        uint32_t j = (uint32_t)(rnd() % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    uint32_t want[N];
    memcpy(old, recs, sizeof(recs));
    memcpy(want, order, sizeof(order));
    sort_permute(recs, sizeof(recs[0]), order, N);
    for (uint32_t i = 0; i < N; i++) {
        assert_memory_equal(&recs[i], &old[want[i]], sizeof(recs[0]));
        assert_int_equal(order[i], i);
    }
}

/* A permutation of more than 16 MB of records takes the blocked way (sort.c): every record at
 * its place, the order left the identity; also with a block count that does not divide n. */
static void test_permute_blocked(void **state)
{
    (void)state;
    enum { N = 300007 };
    struct rec { uint64_t a, b, c, d, e, f, g, h; } *recs = calloc(N, sizeof(*recs)), *old = calloc(N, sizeof(*old));
    uint32_t *order = calloc(N, sizeof(uint32_t)), *want = calloc(N, sizeof(uint32_t));
    assert_true(recs && old && order && want && N * sizeof(*recs) >= (16u << 20));
    for (uint32_t i = 0; i < N; i++) {
        recs[i] = (struct rec){ rnd(), i, rnd(), i, i, i, i, ~(uint64_t)i };
        order[i] = i;
    }
    for (uint32_t i = N - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(rnd() % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    memcpy(old, recs, N * sizeof(*recs));
    memcpy(want, order, N * sizeof(uint32_t));
    sort_permute(recs, sizeof(recs[0]), order, N);
    for (uint32_t i = 0; i < N; i++) {
        if (memcmp(&recs[i], &old[want[i]], sizeof(recs[0])) != 0 || order[i] != i) {
            fail_msg("place %u: record %llu, want %u", i, (unsigned long long)recs[i].b, want[i]);
        }
    }
    free(recs);
    free(old);
    free(order);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_key),
        cmocka_unit_test(test_by_name),
        cmocka_unit_test(test_permute),
        cmocka_unit_test(test_permute_blocked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
