/*
 * Finding the embedded blob and its spec (capdl/blob.h). Nothing is created before the whole
 * spec passed cdl_spec_validate, the validator the tool uses too.
 */
#include "loader.h"

extern const uint8_t __capdl_blob_start[];
extern const uint8_t __loader_image_base[]; /* loader.ld: the first page of the loaded image */

static const uint8_t *blob_base(void)
{
    return __capdl_blob_start;
}

/* The bytes really loaded from the blob on: the kernel maps the image from its first page, one
 * frame cap each (BootInfo's userImageFrames), so the image ends that many pages later. The
 * blob header's own total size is outside the checksum and cannot be the bound. */
static uint64_t blob_loaded_bytes(void)
{
    uint64_t pages = loader.bi->userImageFrames.end - loader.bi->userImageFrames.start;
    uint64_t end = (uint64_t)(uintptr_t)__loader_image_base + pages * 4096u;
    uint64_t start = (uint64_t)(uintptr_t)blob_base();
    return end > start ? end - start : 0;
}

void loader_find_spec(void)
{
    cdl_blob_result_t b = cdl_blob_validate(blob_base(), blob_loaded_bytes());
    if (b.status == CDL_BLOB_NONE) {
        loader_fail_msg("no system embedded in this loader (build one with capdl-tool build)", NULL);
    }
    if (b.status != CDL_BLOB_OK) {
        loader_fail_msg("the embedded blob is corrupted, nothing was created: ", cdl_blob_status_text(b.status));
    }
    const cdl_blob_header_t *h = (const cdl_blob_header_t *)blob_base();
    cdl_result_t r = cdl_spec_validate(blob_base() + h->spec_offset, h->spec_size, &loader.spec);
    if (r.status != CDL_OK) {
        loader_fail_msg("the embedded spec is invalid, nothing was created: ", cdl_status_text(r.status));
    }
    const cdl_header_t *sh = (const cdl_header_t *)(blob_base() + h->spec_offset);
    if (sh->arch != CDL_ARCH_NATIVE) {
        loader_fail_msg("the embedded spec is for another architecture, nothing was created: ",
                        sh->arch == CDL_ARCH_AARCH64 ? "aarch64" : "x86_64");
    }
    if (!loader_spec_config_ok()) {
#ifdef CONFIG_KERNEL_MCS
        loader_fail_msg("the embedded spec is not for the MCS kernel, nothing was created: ",
                        "build it with the classic loader (capdl-loader.elf)");
#else
        loader_fail_msg("the embedded spec is for the MCS kernel, nothing was created: ",
                        "build it with the MCS loader (capdl-loader-mcs.elf)");
#endif
    }
    loader.blob = h;
}
