/*
 * Finding the ACPI RSDP (plat/acpi.h). The scan is pure (host-tested in kernel/tests);
 * acpi_find_rsdp reads low physical memory through the kernel window.
 */
#include <arch/memlayout.h>
#include <plat/acpi.h>
#include <util.h>

#define RSDP_V1_BYTES 20 /* what the ACPI 1.0 checksum covers */
#define EBDA_SEGMENT_PTR 0x40eu
#define BIOS_AREA_START 0xe0000u
#define BIOS_AREA_END 0x100000u

static bool rsdp_at(const uint8_t *p)
{
    static const char sig[8] = { 'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ' };
    for (unsigned i = 0; i < sizeof(sig); i++) {
        if (p[i] != (uint8_t)sig[i]) {
            return false;
        }
    }
    uint8_t sum = 0;
    for (unsigned i = 0; i < RSDP_V1_BYTES; i++) {
        sum = (uint8_t)(sum + p[i]);
    }
    return sum == 0;
}

long acpi_rsdp_scan(const uint8_t *base, unsigned long len)
{
    for (unsigned long off = 0; off + ACPI_RSDP_BYTES <= len; off += 16) {
        if (rsdp_at(base + off)) {
            return (long)off;
        }
    }
    return -1;
}

/* Scans [start, end) of physical memory; copies the RSDP into out when found. */
static bool find_in(paddr_t start, paddr_t end, uint8_t out[ACPI_RSDP_BYTES])
{
    const uint8_t *base = paddr_to_pptr(start);
    long off = acpi_rsdp_scan(base, end - start);
    if (off < 0) {
        return false;
    }
    kmemcpy(out, base + off, ACPI_RSDP_BYTES);
    return true;
}

bool acpi_find_rsdp(uint8_t out[ACPI_RSDP_BYTES])
{
    paddr_t ebda = (paddr_t)*(const uint16_t *)paddr_to_pptr(EBDA_SEGMENT_PTR) << 4;
    if (ebda != 0 && ebda < BIOS_AREA_START && find_in(ebda, ebda + 1024, out)) {
        return true;
    }
    return find_in(BIOS_AREA_START, BIOS_AREA_END, out);
}
