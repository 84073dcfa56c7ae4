/*
 * ARM constants (seL4's arch/constants.h for arm, aarch64 non-hyp): IPC buffer size, message
 * registers in CPU registers, the ASID layout (128 pools of 512; facts 4.1). Kernel-shared.
 */
#pragma once

#include <sel4/gen_config.h>
#include <sel4/sel4_arch/constants.h>

#define seL4_IPCBufferSizeBits 10
#define seL4_FastMessageRegisters 4

#define seL4_NumASIDPoolsBits 7
#define seL4_NumASIDPools LIBSEL4_BIT(seL4_NumASIDPoolsBits)
