/*
 * Frame fills: a frame's contents come from an embedded file (the component's ELF) at an
 * offset. The loader maps the frame's own cap in its scratch window (scratch.c), copies, and
 * unmaps it again, so the cap is free for the frame's first mapping in a component (vspace.c).
 */
#include "loader.h"
#include <stdio.h>

/* rep movsq moves 8 bytes a step (one instruction a step under -icount), where the runtime's
 * memcpy moves one byte in four instructions: the ELF data is most of what the loader copies. */
static void copy_bytes(uint8_t *dst, const uint8_t *src, uint64_t len)
{
#ifdef __aarch64__
    /* AArch64: 8-byte loads and stores (unaligned ones work on the Normal memory both sides
     * are mapped as), then the tail */
    uint64_t words = len / 8;
    for (uint64_t i = 0; i < words; i++) {
        uint64_t w;
        __builtin_memcpy(&w, src + 8 * i, 8);
        __builtin_memcpy(dst + 8 * i, &w, 8);
    }
    for (uint64_t i = words * 8; i < len; i++) {
        dst[i] = src[i];
    }
#else
    uint64_t words = len / 8, rest = len % 8;
    __asm__ volatile("rep movsq" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(rest) : : "memory");
#endif
}

static void copy_fill(uint32_t frame, const cdl_fill_t *f, uint8_t *window)
{
    const char *file = cdl_spec_string(&loader.spec, f->file);
    const uint8_t *data;
    uint64_t size;
    if (!loader_file(file, &data, &size) || f->src_off > size || f->len > size - f->src_off) {
        printf("capdl-loader: frame %u: fill from '%s' [%lu, +%u) is not in the embedded files\n", frame, file,
               (unsigned long)f->src_off, f->len);
        loader_fail_msg("missing fill data", NULL);
    }
    copy_bytes(window + f->dest_off, data + f->src_off, f->len);
}

/* Copies the fills of frame i, from fill k on; returns the first fill past them. */
static uint32_t fill_frame(uint32_t i, uint32_t k)
{
    uint8_t *window = loader_scratch_map(i);
    for (; k < loader.spec.n_fills && loader.spec.fills[k].frame == i; k++) {
        copy_fill(i, &loader.spec.fills[k], window);
    }
    loader_scratch_unmap(i);
    return k;
}

/* Fills are sorted by frame and name only frames (the validator): walking the fill table
 * visits each filled frame once, with its fills together, and the object record needs no index
 * of its first fill. */
void loader_fill_frames(void)
{
    for (uint32_t k = 0; k < loader.spec.n_fills;) {
        uint32_t i = loader.spec.fills[k].frame;
        if (loader.spec.objects[i].size_bits > 21) {
            loader_fail(i, "filling a 1 GiB frame (not supported)", seL4_IllegalOperation);
        }
        k = fill_frame(i, k);
    }
}
