/*
 * CRC-32 (IEEE 802.3, reflected, as zlib) of the spec's checksum. The loader checks it over the
 * whole spec before anything else, once per boot: bit by bit that was about 40 instructions a
 * byte, a third of the loader's time; one table lookup a byte, 9 (docs/benchmarks.md). Slicing
 * by 8 folds eight bytes into the register with eight lookups in eight tables (crc32_tables.h)
 * and one shift-free step, about 4 instructions a byte; the few bytes after the last whole
 * 8-byte block go one at a time. The tables are const, so host threads may share them.
 */
#include <capdl/spec.h>

#include "crc32_tables.h"

/* Little-endian 32-bit load from any alignment (the compiler makes it one load on x86). */
static uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint32_t cdl_crc32(uint32_t crc, const void *data, size_t len)
{
    const uint8_t *p = data;
    crc = ~crc;
    for (; len >= 8; p += 8, len -= 8) {
        uint32_t lo = crc ^ load_le32(p), hi = load_le32(p + 4);
        crc = crc_tables[7][lo & 0xffu] ^ crc_tables[6][(lo >> 8) & 0xffu] ^ crc_tables[5][(lo >> 16) & 0xffu] ^
              crc_tables[4][lo >> 24] ^ crc_tables[3][hi & 0xffu] ^ crc_tables[2][(hi >> 8) & 0xffu] ^
              crc_tables[1][(hi >> 16) & 0xffu] ^ crc_tables[0][hi >> 24];
    }
    for (; len > 0; p++, len--) {
        crc = (crc >> 8) ^ crc_tables[0][(crc ^ *p) & 0xffu];
    }
    return ~crc;
}
