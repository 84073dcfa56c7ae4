/*
 * libFuzzer harness for the binary spec: the input is a spec file. Runs the shared validator
 * and `capdl-tool decode` on an exactly sized, 8-byte aligned copy (so ASan sees every read past
 * the end), and for a spec that validates, the loader's allocation routine over the untyped
 * list the kernel hands out with 512 MiB. Checks crashes, leaks and UB (the sanitizers).
 * Most mutations break the CRC-32, which the validator checks first: a second pass patches the
 * checksum so the checks behind it are reached too. The same bytes also go through the blob
 * validator (libcapdl/src/blob.c) as an embedded blob would, and for a blob it accepts, every
 * file name is read to its NUL as the loader reads it.
 */
#include "kernel_untypeds.h"
#include "spec_decode.h"

#include <capdl/blob.h>

#include <stdlib.h>
#include <string.h>

static void run(const void *buf, size_t size)
{
    strbuf_t out = { 0 };
    cdl_result_t r = spec_decode(buf, size, &out);
    sb_free(&out);
    if (r.status != CDL_OK) {
        return;
    }
    cdl_spec_t s;
    cdl_spec_validate(buf, size, &s);
    static cdl_untyped_t uts[KERNEL_UNTYPEDS_MAX];
    static uint64_t wm[KERNEL_UNTYPEDS_MAX];
    static uint32_t order[KERNEL_UNTYPEDS_MAX];
    unsigned n = kernel_untypeds(512ull << 20, 32ull << 20, uts);
    cdl_alloc_state_t st;
    cdl_alloc_init(&st, uts, n, wm, order);
    cdl_alloc_spec(&s, &st, NULL, NULL);
}

/* The input as a blob: what cdl_blob_validate accepts must be safe to read through. */
static void run_blob(const uint8_t *buf, size_t size)
{
    if (cdl_blob_validate(buf, size).status != CDL_BLOB_OK) {
        return;
    }
    const cdl_blob_header_t *h = (const cdl_blob_header_t *)buf;
    const cdl_blob_file_t *files = (const cdl_blob_file_t *)(buf + h->files_offset);
    size_t total = 0;
    for (uint32_t i = 0; i < h->n_files; i++) {
        total += strlen((const char *)buf + files[i].name_offset);
        total += files[i].data_size ? buf[files[i].data_offset + files[i].data_size - 1] : 0;
    }
    (void)total;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = malloc(size ? size : 1); /* malloc's alignment is at least 8 */
    memcpy(buf, data, size);
    run_blob(buf, size);
    run(buf, size);
    const cdl_header_t *h = (const cdl_header_t *)buf;
    if (size >= sizeof(cdl_header_t) && h->total_size >= 16 && h->total_size <= size) {
        ((cdl_header_t *)buf)->checksum = cdl_crc32(0, buf + 16, h->total_size - 16);
        run(buf, size);
    }
    free(buf);
    return 0;
}
