/*
 * ARM system call primitive (seL4's arch/syscalls.h): it lives in the aarch64 file; the stubs
 * are in sel4/syscalls.h. USER-ONLY.
 */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
