/*
 * x86 constants (seL4's arch/constants.h): IPC buffer size, ASID layout, user address-space
 * top, VM attribute-independent limits, then the x86_64 object sizes. Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/sel4_arch/constants.h>

#define seL4_IPCBufferSizeBits 10
#define seL4_FastMessageRegisters 4

#define seL4_NumASIDPoolsBits 3
#define seL4_ASIDPoolIndexBits 9
#define seL4_NumASIDPools LIBSEL4_BIT(seL4_NumASIDPoolsBits)

/* x86 I/O ports are 16 bits wide */
#define seL4_X86_IOPortBits 16
