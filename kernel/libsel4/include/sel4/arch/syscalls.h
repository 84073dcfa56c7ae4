/*
 * x86 system call stubs (seL4's arch/syscalls.h): all of them are 64-bit specific and live
 * in sel4/sel4_arch/syscalls.h. USER-ONLY.
 */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
