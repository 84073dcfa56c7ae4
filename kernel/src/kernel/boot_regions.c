/*
 * Physical region lists and block splitting used while booting (portable; unit-tested on the
 * host in kernel/tests/boot_regions_test.c). Corresponds to the region handling in seL4's
 * src/kernel/boot.c, written for a sorted array instead of seL4's fixed slots.
 */
#include <kernel/boot.h>
#include <util.h>

static void remove_at(region_list_t *l, unsigned i)
{
    for (unsigned j = i; j + 1 < l->count; j++) {
        l->r[j] = l->r[j + 1];
    }
    l->count--;
}

static bool insert_at(region_list_t *l, unsigned i, paddr_t start, paddr_t end)
{
    if (l->count == CONFIG_MAX_BOOT_REGIONS) {
        return false;
    }
    for (unsigned j = l->count; j > i; j--) {
        l->r[j] = l->r[j - 1];
    }
    l->r[i] = (p_region_t){ start, end };
    l->count++;
    return true;
}

bool region_list_add(region_list_t *l, paddr_t start, paddr_t end)
{
    if (start >= end) {
        return true;
    }
    /* Absorb every region that overlaps or touches [start, end), then insert the union. */
    unsigned i = 0;
    while (i < l->count && l->r[i].end < start) {
        i++;
    }
    while (i < l->count && l->r[i].start <= end) {
        start = MIN(start, l->r[i].start);
        end = MAX(end, l->r[i].end);
        remove_at(l, i);
    }
    return insert_at(l, i, start, end);
}

bool region_list_remove(region_list_t *l, paddr_t start, paddr_t end)
{
    for (unsigned i = 0; i < l->count && start < end;) {
        p_region_t r = l->r[i];
        if (r.end <= start || r.start >= end) {
            i++;
            continue;
        }
        remove_at(l, i);
        /* Put back what lies outside [start, end): at most two pieces. */
        if (r.start < start) {
            if (!insert_at(l, i++, r.start, start)) {
                return false;
            }
        }
        if (r.end > end) {
            if (!insert_at(l, i++, end, r.end)) {
                return false;
            }
        }
    }
    return true;
}

void region_list_clip(region_list_t *l, paddr_t start, paddr_t end)
{
    for (unsigned i = 0; i < l->count;) {
        p_region_t *r = &l->r[i];
        r->start = MAX(r->start, start);
        r->end = MIN(r->end, end);
        if (r->start >= r->end) {
            remove_at(l, i);
        } else {
            i++;
        }
    }
}

paddr_t region_list_alloc(region_list_t *l, word_t size, unsigned align_bits)
{
    for (unsigned i = 0; i < l->count; i++) {
        paddr_t a = ROUND_UP(l->r[i].start, align_bits);
        if (a >= l->r[i].start && a + size > a && a + size <= l->r[i].end && a != 0) {
            /* Removing a piece of one region splits it into at most two: cannot overflow
             * unless the list is full, in which case the allocation is refused. */
            if (!region_list_remove(l, a, a + size)) {
                return 0;
            }
            return a;
        }
    }
    return 0;
}

word_t region_list_bytes(const region_list_t *l)
{
    word_t total = 0;
    for (unsigned i = 0; i < l->count; i++) {
        total += l->r[i].end - l->r[i].start;
    }
    return total;
}

/* The largest block size that starts at `start`, fits before `end` and is at most 2^max. */
static unsigned block_bits_at(paddr_t start, paddr_t end, unsigned max_bits)
{
    unsigned bits = msb_index(end - start);
    if (start != 0) {
        bits = MIN(bits, lsb_index(start));
    }
    return MIN(bits, max_bits);
}

unsigned split_into_blocks(paddr_t start, paddr_t end, unsigned min_bits, unsigned max_bits,
                           bool (*emit)(paddr_t, unsigned, void *), void *ctx)
{
    unsigned n = 0;
    start = ROUND_UP(start, min_bits);
    while (start < end && end - start >= BIT(min_bits)) {
        unsigned bits = block_bits_at(start, end, max_bits);
        if (!emit(start, bits, ctx)) {
            break;
        }
        n++;
        start += BIT(bits);
    }
    return n;
}
