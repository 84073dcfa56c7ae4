/*
 * <sel4utils/util.h> as far as seL4 example code needs it: libsel4, libutils and the
 * x86_64 seL4_ARCH_* aliases of sel4utils.
 */
#pragma once

#include <sel4/sel4.h>
#include <utils/util.h>
#include <sel4utils/mapping.h>
