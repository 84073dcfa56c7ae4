/*
 * <sel4/sel4.h>: the whole user API of the kernel, in the order seL4's own sel4.h includes
 * it (sel4-facts.md section 7): configuration, types, syscall stubs, invocation labels and
 * stubs, BootInfo, faults, deprecated names and constants. USER-ONLY.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/macros.h>
#include <sel4/syscalls.h>
#include <sel4/arch/syscalls.h>
#include <sel4/sel4_arch/syscalls.h>
#include <sel4/invocation.h>
#include <interfaces/sel4_client.h>
#include <sel4/bootinfo.h>
#include <sel4/faults.h>
#include <sel4/deprecated.h>
#include <sel4/constants.h>
#include <sel4/arch/constants.h>
#include <sel4/sel4_arch/constants.h>
#include <sel4/arch/mapping.h>
