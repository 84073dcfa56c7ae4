/*
 * ARM system call stubs (seL4's arch/syscalls.h): all of them live in the aarch64 file.
 * USER-ONLY.
 */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
