/*
 * TLS blocks for the program's main thread (used by start.c) and for extra threads
 * (sel4runtime/thread.h). Target only: reads the program's own ELF headers through
 * __ehdr_start; the block layout itself is rt_tls_init (tls.c, host-tested).
 */
#include <sel4runtime/thread.h>

#include "runtime_internal.h"

extern const char __ehdr_start[];

struct rt_tls_image rt_program_tls_image(void)
{
    return rt_tls_image_from_elf(__ehdr_start);
}

uintptr_t sel4runtime_tls_for_thread(void *area, size_t size)
{
    struct rt_tls_image img = rt_program_tls_image();
    return rt_tls_init_native(area, size, &img);
}
