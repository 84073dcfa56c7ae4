/*
 * The seL4 API types (seL4's sel4/types.h with its arch and sel4_arch parts): capability
 * typedefs for each object, seL4_UserContext, VM attributes, and everything from
 * shared_types.h, constants.h, errors.h, objecttype.h and bootinfo_types.h.
 * Kernel-shared.
 */
#pragma once

#include <sel4/config.h>
#include <sel4/macros.h>
#include <sel4/simple_types.h>
#include <sel4/constants.h>
#include <sel4/errors.h>
#include <sel4/objecttype.h>
#include <sel4/shared_types.h>
#include <sel4/fault_types.h>
#include <sel4/bootinfo_types.h>

typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_IRQControl;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_DomainSet;
typedef seL4_CPtr seL4_SchedContext;
typedef seL4_CPtr seL4_SchedControl;

typedef seL4_Uint64 seL4_Time;

#define seL4_NilData 0

#include <sel4/arch/types.h>
