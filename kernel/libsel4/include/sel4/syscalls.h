/*
 * The seL4 system calls for a non-MCS kernel (seL4's sel4/syscalls.h): Send, NBSend, Call,
 * Recv, NBRecv, Reply, ReplyRecv, Yield, the WithMRs variants, Signal/Wait/Poll, SetTLSBase
 * and the debug calls. USER-ONLY; implementation in sel4/sel4_arch/syscalls.h.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/arch/syscalls.h>
