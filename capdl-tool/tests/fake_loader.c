/* A stand-in for the generic loader in the embedding tests: linked with capdl-loader/loader.ld,
 * so it has the loader's segments (text, rodata, data, the last one .capdl_blob). */
#include <capdl/blob.h>

__attribute__((section(".capdl_blob"), used, aligned(8))) const cdl_blob_header_t fake_empty_blob = { 0 };
const char fake_rodata[] = "rodata of the fake loader";
volatile int fake_data = 42;

void _start(void)
{
    for (;;) {
        fake_data += fake_rodata[fake_data & 7];
    }
}
