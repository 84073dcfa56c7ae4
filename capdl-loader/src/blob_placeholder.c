/* The empty blob of the generic loader: capdl-tool replaces .capdl_blob in a copy of this ELF
 * with a real system (capdl/blob.h). Magic 0: the loader reports that nothing is embedded. */
#include <capdl/blob.h>

__attribute__((section(".capdl_blob"), used, aligned(8))) const cdl_blob_header_t capdl_empty_blob = { 0 };
