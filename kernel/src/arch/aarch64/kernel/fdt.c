/*
 * Reading a flattened device tree (devicetree specification v0.4, chapter 5): walks the
 * structure block token by token; all numbers are big-endian.
 */
#include <arch/kernel/fdt.h>
#include <kernel/printf.h>
#include <util.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;
    return ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
}

/* A value of `cells` 32-bit cells (1 or 2). */
static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? ((uint64_t)be32(p) << 32) | be32(p + 4) : be32(p);
}

/* QEMU's tree claims its whole 1 MiB buffer as totalsize; what is used ends with the last of
 * the memory reservation, structure and strings blocks (the size `dtc` would write). */
word_t fdt_size(const void *fdt)
{
    const uint8_t *b = fdt;
    if (be32(b) != FDT_MAGIC) {
        return 0;
    }
    word_t strings_end = (word_t)be32(b + 12) + be32(b + 32), struct_end = (word_t)be32(b + 8) + be32(b + 36);
    word_t used = MAX(MAX(strings_end, struct_end), (word_t)be32(b + 16));
    return MIN(ROUND_UP(used, 3), (word_t)be32(b + 4));
}

void fdt_set_size(void *fdt, word_t size)
{
    uint8_t *b = (uint8_t *)fdt + 4;
    b[0] = (uint8_t)(size >> 24), b[1] = (uint8_t)(size >> 16), b[2] = (uint8_t)(size >> 8), b[3] = (uint8_t)size;
}

static bool str_starts(const char *s, const char *prefix)
{
    while (*prefix && *s == *prefix) {
        s++, prefix++;
    }
    return *prefix == '\0';
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    return *a == *b;
}

typedef struct fdt_walk {
    const uint8_t *base, *p;
    const char *strings;
    int depth;
    uint32_t addr_cells, size_cells; /* the root's, which the memory nodes use */
    bool in_memory;
} fdt_walk_t;

static bool add_reg(const fdt_walk_t *w, const uint8_t *v, uint32_t len, region_list_t *ram)
{
    uint32_t step = 4 * (w->addr_cells + w->size_cells);
    for (uint32_t off = 0; step && off + step <= len; off += step) {
        uint64_t start = read_cells(v + off, w->addr_cells);
        uint64_t size = read_cells(v + off + 4 * w->addr_cells, w->size_cells);
        if (size && !region_list_add(ram, start, start + size)) {
            return false;
        }
    }
    return true;
}

static bool on_prop(fdt_walk_t *w, region_list_t *ram)
{
    uint32_t len = be32(w->p), nameoff = be32(w->p + 4);
    const uint8_t *v = w->p + 8;
    const char *name = w->strings + nameoff;
    w->p = v + ROUND_UP(len, 2);
    if (w->depth == 1 && str_eq(name, "#address-cells")) {
        w->addr_cells = be32(v);
    } else if (w->depth == 1 && str_eq(name, "#size-cells")) {
        w->size_cells = be32(v);
    } else if (w->depth == 2 && w->in_memory && str_eq(name, "reg")) {
        return add_reg(w, v, len, ram);
    }
    return true;
}

bool fdt_add_memory(const void *fdt, region_list_t *ram)
{
    const uint8_t *b = fdt;
    fdt_walk_t w = { b, b + be32(b + 8), (const char *)b + be32(b + 12), 0, 2, 1, false };
    for (;;) {
        uint32_t token = be32(w.p);
        w.p += 4;
        if (token == FDT_BEGIN_NODE) {
            const char *name = (const char *)w.p;
            w.depth++;
            w.in_memory = w.depth == 2 && str_starts(name, "memory");
            w.p += ROUND_UP(kstrnlen(name, 256) + 1, 2);
        } else if (token == FDT_END_NODE) {
            w.depth--;
        } else if (token == FDT_PROP) {
            if (!on_prop(&w, ram)) {
                return false;
            }
        } else if (token != FDT_NOP) {
            return true; /* FDT_END, or a token we do not know: stop */
        }
    }
}
