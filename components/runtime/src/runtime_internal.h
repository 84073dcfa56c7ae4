/*
 * Internal interfaces between the runtime's source files (not installed for programs).
 * rt_tls_init and rt_tls_image_from_elf are portable and host-tested; rt_output/rt_flush/rt_halt are the target side.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* The TLS initialisation image, as described by the PT_TLS program header. */
struct rt_tls_image {
    const void *image; /* .tdata contents */
    size_t filesz;     /* bytes of .tdata */
    size_t memsz;      /* bytes of .tdata + .tbss */
    size_t align;      /* segment alignment (power of two; 0 or 1 for none) */
};

/* Reads the PT_TLS program header of the ELF image whose (mapped) ELF header is at ehdr;
 * an image without PT_TLS gives {NULL, 0, 0, 1}. Portable: reads only the headers. */
struct rt_tls_image rt_tls_image_from_elf(const void *ehdr);

/* The TLS image of the running program (its own headers, through __ehdr_start). Target only. */
struct rt_tls_image rt_program_tls_image(void);

/* Builds the TLS block inside [area, area + area_size) and returns the thread pointer,
 * or 0 if it does not fit or the image is malformed. Touches only the area. */
uintptr_t rt_tls_init(void *area, size_t area_size, const struct rt_tls_image *img);
/* The AArch64 layout (TLS variant I): tp points at a 16-byte TCB, the block follows it at
 * tp + round_up(16, p_align). Returns tp, or 0 when the area is too small. */
uintptr_t rt_tls_init_variant1(void *area, size_t area_size, const struct rt_tls_image *img);
/* The layout of the machine the program runs on. */
#ifdef __aarch64__
#define rt_tls_init_native rt_tls_init_variant1
#else
#define rt_tls_init_native rt_tls_init
#endif

/* Writes n bytes to the debug console through the stdout buffer. */
void rt_output(const char *s, size_t n);

/* Stops the machine through seL4_DebugHalt and never returns. */
__attribute__((noreturn)) void rt_halt(void);
