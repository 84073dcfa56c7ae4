/*
 * Helpers for mapping code on ARM (seL4's arch/mapping.h): forwards to the aarch64 file.
 * USER-ONLY.
 */
#pragma once

#include <sel4/sel4_arch/mapping.h>
