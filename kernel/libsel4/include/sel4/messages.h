/*
 * Message-register layouts of kernel-generated messages (seL4's sel4/messages.h): the fault
 * message MR indices. Kernel-shared; everything lives in sel4/fault_types.h.
 */
#pragma once

#include <sel4/fault_types.h>
