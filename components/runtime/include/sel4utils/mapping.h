/*
 * <sel4utils/mapping.h>: here only the architecture-neutral seL4_ARCH_* names for mapping
 * (sel4utils' mapping helper functions are not provided).
 */
#pragma once

#include <sel4/sel4.h>
#include <sel4utils/arch/mapping.h>
