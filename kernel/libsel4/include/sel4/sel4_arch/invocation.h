/*
 * x86_64-only invocation labels (seL4's sel4_arch/invocation.h): the PDPT level.
 * Kernel-shared; continues the numbering of sel4/invocation.h.
 */
#pragma once

enum sel4_arch_invocation_label {
    X86PDPTMap = nInvocationLabels,
    X86PDPTUnmap,
    nSeL4ArchInvocationLabels
};
