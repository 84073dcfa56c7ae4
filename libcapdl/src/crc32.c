/*
 * CRC-32 (IEEE 802.3, reflected, as zlib) of the spec's checksum. The loader checks it over the
 * whole spec before anything else, once per boot: bit by bit that was about 40 instructions a
 * byte, a third of the loader's time (docs/benchmarks.md). A 256-entry table takes one step a
 * byte. The table is computed by the preprocessor from the polynomial (no literal constants to
 * get wrong) and is const, so host threads may share it.
 */
#include <capdl/spec.h>

#define CRC_POLY 0xEDB88320u
/* One shift of the reflected CRC register: the polynomial enters when the low bit was set. */
#define CRC_STEP(c) (((c) >> 1) ^ (((c) & 1u) * CRC_POLY))
#define CRC_BYTE(c) CRC_STEP(CRC_STEP(CRC_STEP(CRC_STEP(CRC_STEP(CRC_STEP(CRC_STEP(CRC_STEP((uint32_t)(c)))))))))
#define CRC_ROW4(n) CRC_BYTE(n), CRC_BYTE((n) + 1), CRC_BYTE((n) + 2), CRC_BYTE((n) + 3)
#define CRC_ROW16(n) CRC_ROW4(n), CRC_ROW4((n) + 4), CRC_ROW4((n) + 8), CRC_ROW4((n) + 12)
#define CRC_ROW64(n) CRC_ROW16(n), CRC_ROW16((n) + 16), CRC_ROW16((n) + 32), CRC_ROW16((n) + 48)

/* crc_table[b]: the register after shifting byte b through it eight times. */
static const uint32_t crc_table[256] = {
    CRC_ROW64(0u), CRC_ROW64(64u), CRC_ROW64(128u), CRC_ROW64(192u),
};

uint32_t cdl_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc = (crc >> 8) ^ crc_table[(crc ^ p[i]) & 0xffu];
    }
    return ~crc;
}
