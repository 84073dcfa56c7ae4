/*
 * x86 system call primitive (seL4's arch/syscalls.h): it is 64-bit specific and lives
 * in sel4/sel4_arch/syscalls.h; the stubs are in sel4/syscalls.h. USER-ONLY.
 */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
