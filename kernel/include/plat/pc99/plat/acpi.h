/*
 * The ACPI root pointer (RSDP) of a PC: where the firmware's ACPI tables begin. The kernel does
 * not parse ACPI (one IOAPIC is assumed: docs/deviations.md) but hands the root task a copy of
 * the RSDP in its extra BootInfo, as seL4 does (chunk SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP), so
 * that a root task can find the tables without scanning the BIOS area itself.
 */
#ifndef PLAT_ACPI_H
#define PLAT_ACPI_H

#include <types.h>

/* Bytes of an ACPI 2.0 RSDP (signature, checksum, OEM, revision, RSDT address, length, XSDT
 * address, extended checksum, reserved); seL4 copies this many whatever the revision. */
#define ACPI_RSDP_BYTES 36u

/* The offset of the first RSDP in [base, base + len) on a 16-byte boundary: "RSD PTR " whose
 * first 20 bytes sum to 0 modulo 256 (the ACPI 1.0 checksum); -1 when there is none. */
long acpi_rsdp_scan(const uint8_t *base, unsigned long len);

/* Looks where the ACPI specification says the firmware puts the RSDP (the first KiB of the
 * extended BIOS data area, then 0xe0000..0xfffff) and copies ACPI_RSDP_BYTES from it into out.
 * Returns false when there is none. */
bool acpi_find_rsdp(uint8_t out[ACPI_RSDP_BYTES]);

#endif
