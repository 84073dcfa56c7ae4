/*
 * Invocation stubs of the ARM (aarch64, non-hyp) object methods (seL4's generated
 * interfaces/sel4_client.h for arm; wire formats in sel4-aarch64-facts.md 4.3). Included at
 * the end of the shared interfaces/sel4_client.h, whose libsel4_invoke they use. USER-ONLY.
 */
#pragma once

typedef struct seL4_ARM_Page_GetAddress {
    int error;
    seL4_Word paddr;
} seL4_ARM_Page_GetAddress_t;

/* Unmap of a page table or frame: no arguments. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_arm_unmap(seL4_CPtr _service, seL4_Word label)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, label, 0, 0, mr);
}

/* A cache operation on [start, end): offsets in a page, or addresses in a VSpace. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_arm_cache_op(seL4_CPtr _service, seL4_Word label, seL4_Word start,
                                                    seL4_Word end)
{
    seL4_Word mr[4] = {start, end, 0, 0};
    return libsel4_invoke(_service, label, 0, 2, mr);
}

/* ================= ARM paging ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_PageTable_Map(seL4_ARM_PageTable _service, seL4_CPtr vspace, seL4_Word vaddr,
                                                      seL4_ARM_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, (seL4_Word)attr, 0, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, ARMPageTableMap, 1, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_PageTable_Unmap(seL4_ARM_PageTable _service)
{
    return libsel4_arm_unmap(_service, ARMPageTableUnmap);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_Map(seL4_ARM_Page _service, seL4_CPtr vspace, seL4_Word vaddr,
                                                 seL4_CapRights_t rights, seL4_ARM_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, rights.words[0], (seL4_Word)attr, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, ARMPageMap, 1, 3, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_Unmap(seL4_ARM_Page _service)
{
    return libsel4_arm_unmap(_service, ARMPageUnmap);
}

LIBSEL4_INLINE_FUNC seL4_ARM_Page_GetAddress_t seL4_ARM_Page_GetAddress(seL4_ARM_Page _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_ARM_Page_GetAddress_t r;
    r.error = libsel4_invoke(_service, ARMPageGetAddress, 0, 0, mr);
    r.paddr = mr[0];
    return r;
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_Clean_Data(seL4_ARM_Page _service, seL4_Word start, seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMPageClean_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_Invalidate_Data(seL4_ARM_Page _service, seL4_Word start, seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMPageInvalidate_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_CleanInvalidate_Data(seL4_ARM_Page _service, seL4_Word start,
                                                                  seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMPageCleanInvalidate_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_Page_Unify_Instruction(seL4_ARM_Page _service, seL4_Word start, seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMPageUnify_Instruction, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_VSpace_Clean_Data(seL4_ARM_VSpace _service, seL4_Word start, seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMVSpaceClean_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_VSpace_Invalidate_Data(seL4_ARM_VSpace _service, seL4_Word start,
                                                               seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMVSpaceInvalidate_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_VSpace_CleanInvalidate_Data(seL4_ARM_VSpace _service, seL4_Word start,
                                                                    seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMVSpaceCleanInvalidate_Data, start, end);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_VSpace_Unify_Instruction(seL4_ARM_VSpace _service, seL4_Word start,
                                                                 seL4_Word end)
{
    return libsel4_arm_cache_op(_service, ARMVSpaceUnify_Instruction, start, end);
}

/* ================= ARM ASIDs ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_ASIDControl_MakePool(seL4_ARM_ASIDControl _service, seL4_Untyped untyped,
                                                             seL4_CNode root, seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {index, LIBSEL4_DEPTH(depth), 0, 0};
    seL4_SetCap(0, untyped);
    seL4_SetCap(1, root);
    return libsel4_invoke(_service, ARMASIDControlMakePool, 2, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_ARM_ASIDPool_Assign(seL4_ARM_ASIDPool _service, seL4_CPtr vspace)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, ARMASIDPoolAssign, 1, 0, mr);
}

/* ================= GIC interrupts ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQControl_GetTrigger(seL4_IRQControl _service, seL4_Word irq,
                                                          seL4_Word trigger, seL4_CNode root, seL4_Word index,
                                                          seL4_Uint8 depth)
{
    seL4_Word mr[4] = {irq, trigger, index, LIBSEL4_DEPTH(depth)};
    seL4_SetCap(0, root);
    return libsel4_invoke(_service, ARMIRQIssueIRQHandlerTrigger, 1, 4, mr);
}
