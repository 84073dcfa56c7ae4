/*
 * ARM API types (seL4's arch/types.h for arm): capability typedefs for ARM objects and the VM
 * attributes of Page_Map / PageTable_Map (facts 4.3); then the aarch64 part (seL4_UserContext).
 * Kernel-shared.
 */
#pragma once

#include <sel4/simple_types.h>
#include <sel4/macros.h>

typedef seL4_CPtr seL4_ARM_ASIDControl;
typedef seL4_CPtr seL4_ARM_ASIDPool;
typedef seL4_CPtr seL4_ARM_Page;
typedef seL4_CPtr seL4_ARM_PageTable;
typedef seL4_CPtr seL4_ARM_PageDirectory;
typedef seL4_CPtr seL4_ARM_IOSpace;
typedef seL4_CPtr seL4_ARM_IOPageTable;
typedef seL4_CPtr seL4_ARM_VCPU;
typedef seL4_CPtr seL4_ARM_SIDControl;
typedef seL4_CPtr seL4_ARM_SID;
typedef seL4_CPtr seL4_ARM_CBControl;
typedef seL4_CPtr seL4_ARM_CB;
typedef seL4_CPtr seL4_ARM_SMC;
typedef seL4_CPtr seL4_ARM_SGISignal;

/* Memory attributes of a mapping: cacheable means Normal write-back, otherwise Device-nGnRnE;
 * ExecuteNever sets UXN. Parity is ignored on aarch64. */
typedef enum {
    seL4_ARM_PageCacheable = 0x01,
    seL4_ARM_ParityEnabled = 0x02,
    seL4_ARM_Default_VMAttributes = 0x03,
    seL4_ARM_ExecuteNever = 0x04,
    SEL4_FORCE_LONG_ENUM(seL4_ARM_VMAttributes),
} seL4_ARM_VMAttributes;

/* Arguments and results of seL4_ARM_SMC_Call (x0..x7). */
typedef struct seL4_ARM_SMCContext_ {
    seL4_Word x0, x1, x2, x3, x4, x5, x6, x7;
} seL4_ARM_SMCContext;

#include <sel4/sel4_arch/types.h>
