/*
 * Invocation stubs for every object method of the x86_64 API, non-MCS or (CONFIG_KERNEL_MCS) MCS (seL4's generated
 * interfaces/sel4_client.h; wire format in sel4-facts.md 1.7). USER-ONLY.
 *
 * Every stub has seL4's name and parameter list and works the same way: put the extra caps
 * in caps_or_badges (seL4_SetCap, in the listed order), put MRs >= 4 in the IPC buffer,
 * pass MR0..3 in registers, seL4_Call the invoked cap with the method's label, and return
 * the reply label as seL4_Error. On an error reply the four register MRs are copied into
 * the IPC buffer so that seL4_GetMR(0..3) show the error details. Small parameters are
 * masked (depths & 0xff, booleans & 1, ports & 0xffff).
 */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/invocation.h>
#include <sel4/syscalls.h>

/* Return types of the methods that reply with data (the error comes first, as in seL4). */
#ifdef CONFIG_ARCH_X86
typedef struct seL4_X86_Page_GetAddress {
    int error;
    seL4_Word paddr;
} seL4_X86_Page_GetAddress_t;

typedef struct seL4_X86_IOPort_In8 {
    int error;
    seL4_Uint8 result;
} seL4_X86_IOPort_In8_t;

typedef struct seL4_X86_IOPort_In16 {
    int error;
    seL4_Uint16 result;
} seL4_X86_IOPort_In16_t;

typedef struct seL4_X86_IOPort_In32 {
    int error;
    seL4_Uint32 result;
} seL4_X86_IOPort_In32_t;

#endif

typedef struct seL4_TCB_SetFlags {
    int error;
    seL4_Word flags;
} seL4_TCB_SetFlags_t;

/* Performs one invocation: mr[0..3] go out in registers and come back with the reply. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_invoke(seL4_CPtr service, seL4_Word label, seL4_Word extra_caps,
                                              seL4_Word length, seL4_Word mr[4])
{
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(label, 0, extra_caps, length);
    seL4_MessageInfo_t reply = seL4_CallWithMRs(service, tag, &mr[0], &mr[1], &mr[2], &mr[3]);
    seL4_Error error = (seL4_Error)seL4_MessageInfo_get_label(reply);
    if (error != seL4_NoError) {
        libsel4_store_buffer_mrs(mr);
    }
    return error;
}

#define LIBSEL4_DEPTH(d) ((seL4_Word)((d) & 0xffu))
#define LIBSEL4_BOOL(b) ((seL4_Word)((b) & 1))

/* ================= Untyped ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_Untyped_Retype(seL4_Untyped _service, seL4_Word type, seL4_Word size_bits,
                                                   seL4_CNode root, seL4_Word node_index, seL4_Word node_depth,
                                                   seL4_Word node_offset, seL4_Word num_objects)
{
    seL4_Word mr[4] = {type, size_bits, node_index, node_depth};
    seL4_SetCap(0, root);
    seL4_SetMR(4, node_offset);
    seL4_SetMR(5, num_objects);
    return libsel4_invoke(_service, UntypedRetype, 1, 6, mr);
}

/* ================= TCB ================= */

/* Reads `count` registers (seL4_UserContext order) of a thread into *regs. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_ReadRegisters(seL4_TCB _service, seL4_Bool suspend_source,
                                                      seL4_Uint8 arch_flags, seL4_Word count,
                                                      seL4_UserContext *regs)
{
    seL4_Word mr[4] = {LIBSEL4_BOOL(suspend_source) | ((seL4_Word)arch_flags << 8), count, 0, 0};
    seL4_Error error = libsel4_invoke(_service, TCBReadRegisters, 0, 2, mr);
    if (error != seL4_NoError) {
        return error;
    }
    seL4_Word *words = (seL4_Word *)regs;
    seL4_Word n = count < sizeof(*regs) / sizeof(seL4_Word) ? count : sizeof(*regs) / sizeof(seL4_Word);
    for (seL4_Word i = 0; i < n; i++) {
        words[i] = i < 4 ? mr[i] : seL4_GetMR((int)i);
    }
    return error;
}

/* Writes `count` registers of *regs (seL4_UserContext order) into a thread. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_WriteRegisters(seL4_TCB _service, seL4_Bool resume_target,
                                                       seL4_Uint8 arch_flags, seL4_Word count,
                                                       seL4_UserContext *regs)
{
    const seL4_Word *words = (const seL4_Word *)regs;
    seL4_Word nregs = sizeof(*regs) / sizeof(seL4_Word);
    seL4_Word mr[4] = {LIBSEL4_BOOL(resume_target) | ((seL4_Word)arch_flags << 8), count, words[0], words[1]};
    for (seL4_Word i = 2; i < nregs; i++) {
        seL4_SetMR((int)(i + 2), words[i]);
    }
    return libsel4_invoke(_service, TCBWriteRegisters, 0, nregs + 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_CopyRegisters(seL4_TCB _service, seL4_TCB source, seL4_Bool suspend_source,
                                                      seL4_Bool resume_target, seL4_Bool transfer_frame,
                                                      seL4_Bool transfer_integer, seL4_Uint8 arch_flags)
{
    seL4_Word flags = LIBSEL4_BOOL(suspend_source) | (LIBSEL4_BOOL(resume_target) << 1) |
                      (LIBSEL4_BOOL(transfer_frame) << 2) | (LIBSEL4_BOOL(transfer_integer) << 3) |
                      ((seL4_Word)arch_flags << 8);
    seL4_Word mr[4] = {flags, 0, 0, 0};
    seL4_SetCap(0, source);
    return libsel4_invoke(_service, TCBCopyRegisters, 1, 1, mr);
}

#ifdef CONFIG_KERNEL_MCS
/* MCS: no fault endpoint here (it is a cap given to SetSpace or SetSchedParams). */
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_Configure(seL4_TCB _service, seL4_CNode cspace_root,
                                                  seL4_Word cspace_root_data, seL4_CPtr vspace_root,
                                                  seL4_Word vspace_root_data, seL4_Word buffer,
                                                  seL4_CPtr bufferFrame)
{
    seL4_Word mr[4] = {cspace_root_data, vspace_root_data, buffer, 0};
    seL4_SetCap(0, cspace_root);
    seL4_SetCap(1, vspace_root);
    seL4_SetCap(2, bufferFrame);
    return libsel4_invoke(_service, TCBConfigure, 3, 3, mr);
}

#else
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_Configure(seL4_TCB _service, seL4_Word fault_ep, seL4_CNode cspace_root,
                                                  seL4_Word cspace_root_data, seL4_CPtr vspace_root,
                                                  seL4_Word vspace_root_data, seL4_Word buffer,
                                                  seL4_CPtr bufferFrame)
{
    seL4_Word mr[4] = {fault_ep, cspace_root_data, vspace_root_data, buffer};
    seL4_SetCap(0, cspace_root);
    seL4_SetCap(1, vspace_root);
    seL4_SetCap(2, bufferFrame);
    return libsel4_invoke(_service, TCBConfigure, 3, 4, mr);
}

#endif

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetPriority(seL4_TCB _service, seL4_TCB authority, seL4_Word priority)
{
    seL4_Word mr[4] = {priority, 0, 0, 0};
    seL4_SetCap(0, authority);
    return libsel4_invoke(_service, TCBSetPriority, 1, 1, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetMCPriority(seL4_TCB _service, seL4_TCB authority, seL4_Word mcp)
{
    seL4_Word mr[4] = {mcp, 0, 0, 0};
    seL4_SetCap(0, authority);
    return libsel4_invoke(_service, TCBSetMCPriority, 1, 1, mr);
}

#ifdef CONFIG_KERNEL_MCS
/* MCS: the scheduling context (a null cap unbinds) and the fault endpoint are caps. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetSchedParams(seL4_TCB _service, seL4_TCB authority, seL4_Word mcp,
                                                       seL4_Word priority, seL4_CPtr sched_context,
                                                       seL4_CPtr fault_ep)
{
    seL4_Word mr[4] = {mcp, priority, 0, 0};
    seL4_SetCap(0, authority);
    seL4_SetCap(1, sched_context);
    seL4_SetCap(2, fault_ep);
    return libsel4_invoke(_service, TCBSetSchedParams, 3, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetTimeoutEndpoint(seL4_TCB _service, seL4_CPtr timeout_fault_ep)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, timeout_fault_ep);
    return libsel4_invoke(_service, TCBSetTimeoutEndpoint, 1, 0, mr);
}

#else
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetSchedParams(seL4_TCB _service, seL4_TCB authority, seL4_Word mcp,
                                                       seL4_Word priority)
{
    seL4_Word mr[4] = {mcp, priority, 0, 0};
    seL4_SetCap(0, authority);
    return libsel4_invoke(_service, TCBSetSchedParams, 1, 2, mr);
}

#endif

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetIPCBuffer(seL4_TCB _service, seL4_Word buffer, seL4_CPtr bufferFrame)
{
    seL4_Word mr[4] = {buffer, 0, 0, 0};
    seL4_SetCap(0, bufferFrame);
    return libsel4_invoke(_service, TCBSetIPCBuffer, 1, 1, mr);
}

#ifdef CONFIG_KERNEL_MCS
/* MCS: the fault endpoint is a cap (looked up in the caller's CSpace, copied into the TCB). */
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetSpace(seL4_TCB _service, seL4_CPtr fault_ep, seL4_CNode cspace_root,
                                                 seL4_Word cspace_root_data, seL4_CPtr vspace_root,
                                                 seL4_Word vspace_root_data)
{
    seL4_Word mr[4] = {cspace_root_data, vspace_root_data, 0, 0};
    seL4_SetCap(0, fault_ep);
    seL4_SetCap(1, cspace_root);
    seL4_SetCap(2, vspace_root);
    return libsel4_invoke(_service, TCBSetSpace, 3, 2, mr);
}

#else
LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetSpace(seL4_TCB _service, seL4_Word fault_ep, seL4_CNode cspace_root,
                                                 seL4_Word cspace_root_data, seL4_CPtr vspace_root,
                                                 seL4_Word vspace_root_data)
{
    seL4_Word mr[4] = {fault_ep, cspace_root_data, vspace_root_data, 0};
    seL4_SetCap(0, cspace_root);
    seL4_SetCap(1, vspace_root);
    return libsel4_invoke(_service, TCBSetSpace, 2, 3, mr);
}

#endif

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_Suspend(seL4_TCB _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, TCBSuspend, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_Resume(seL4_TCB _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, TCBResume, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_BindNotification(seL4_TCB _service, seL4_CPtr notification)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, notification);
    return libsel4_invoke(_service, TCBBindNotification, 1, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_UnbindNotification(seL4_TCB _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, TCBUnbindNotification, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_TCB_SetTLSBase(seL4_TCB _service, seL4_Word tls_base)
{
    seL4_Word mr[4] = {tls_base, 0, 0, 0};
    return libsel4_invoke(_service, TCBSetTLSBase, 0, 1, mr);
}

/* Clears then sets TCB flags (seL4_TCBFlag); the reply carries the resulting flags. */
LIBSEL4_INLINE_FUNC seL4_TCB_SetFlags_t seL4_TCB_SetFlags(seL4_TCB _service, seL4_Word clear, seL4_Word set)
{
    seL4_Word mr[4] = {clear, set, 0, 0};
    seL4_TCB_SetFlags_t result = {0, 0};
    result.error = libsel4_invoke(_service, TCBSetFlags, 0, 2, mr);
    if (result.error == seL4_NoError) {
        result.flags = mr[0];
    }
    return result;
}

/* ================= CNode ================= */

/* The four CNode methods that take only (index, depth). */
#ifdef CONFIG_KERNEL_MCS
/* ---- Scheduling contexts and SchedControl (MCS; sel4-mcs-facts 2.3) ---- */

typedef struct seL4_SchedContext_Consumed {
    int error;
    seL4_Time consumed;
} seL4_SchedContext_Consumed_t;

typedef struct seL4_SchedContext_YieldTo {
    int error;
    seL4_Time consumed;
} seL4_SchedContext_YieldTo_t;

/* Flag bits of ConfigureFlags. */
typedef enum {
    seL4_SchedContext_NoFlag = 0,
    seL4_SchedContext_Sporadic = 1,
} seL4_SchedContextFlag;

/* budget and period in microseconds; flags (MR4) goes in the IPC buffer. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedControl_ConfigureFlags(seL4_SchedControl _service,
                                                                seL4_SchedContext schedcontext, seL4_Time budget,
                                                                seL4_Time period, seL4_Word extra_refills,
                                                                seL4_Word badge, seL4_Word flags)
{
    seL4_Word mr[4] = {budget, period, extra_refills, badge};
    seL4_SetCap(0, schedcontext);
    seL4_SetMR(4, flags);
    return libsel4_invoke(_service, SchedControlConfigureFlags, 1, 5, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedControl_Configure(seL4_SchedControl _service,
                                                           seL4_SchedContext schedcontext, seL4_Time budget,
                                                           seL4_Time period, seL4_Word extra_refills,
                                                           seL4_Word badge)
{
    return seL4_SchedControl_ConfigureFlags(_service, schedcontext, budget, period, extra_refills, badge,
                                            seL4_SchedContext_NoFlag);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedContext_Bind(seL4_SchedContext _service, seL4_CPtr cap)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, cap);
    return libsel4_invoke(_service, SchedContextBind, 1, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedContext_Unbind(seL4_SchedContext _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, SchedContextUnbind, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_SchedContext_UnbindObject(seL4_SchedContext _service, seL4_CPtr cap)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, cap);
    return libsel4_invoke(_service, SchedContextUnbindObject, 1, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_SchedContext_Consumed_t seL4_SchedContext_Consumed(seL4_SchedContext _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SchedContext_Consumed_t r;
    r.error = libsel4_invoke(_service, SchedContextConsumed, 0, 0, mr);
    r.consumed = mr[0];
    return r;
}

LIBSEL4_INLINE_FUNC seL4_SchedContext_YieldTo_t seL4_SchedContext_YieldTo(seL4_SchedContext _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SchedContext_YieldTo_t r;
    r.error = libsel4_invoke(_service, SchedContextYieldTo, 0, 0, mr);
    r.consumed = mr[0];
    return r;
}
#endif

LIBSEL4_INLINE_FUNC seL4_Error libsel4_cnode_slot_op(seL4_CNode _service, seL4_Word label, seL4_Word index,
                                                     seL4_Uint8 depth)
{
    seL4_Word mr[4] = {index, LIBSEL4_DEPTH(depth), 0, 0};
    return libsel4_invoke(_service, label, 0, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Revoke(seL4_CNode _service, seL4_Word index, seL4_Uint8 depth)
{
    return libsel4_cnode_slot_op(_service, CNodeRevoke, index, depth);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Delete(seL4_CNode _service, seL4_Word index, seL4_Uint8 depth)
{
    return libsel4_cnode_slot_op(_service, CNodeDelete, index, depth);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_CancelBadgedSends(seL4_CNode _service, seL4_Word index, seL4_Uint8 depth)
{
    return libsel4_cnode_slot_op(_service, CNodeCancelBadgedSends, index, depth);
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_SaveCaller(seL4_CNode _service, seL4_Word index, seL4_Uint8 depth)
{
    return libsel4_cnode_slot_op(_service, CNodeSaveCaller, index, depth);
}

#endif

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Copy(seL4_CNode _service, seL4_Word dest_index, seL4_Uint8 dest_depth,
                                               seL4_CNode src_root, seL4_Word src_index, seL4_Uint8 src_depth,
                                               seL4_CapRights_t rights)
{
    seL4_Word mr[4] = {dest_index, LIBSEL4_DEPTH(dest_depth), src_index, LIBSEL4_DEPTH(src_depth)};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, rights.words[0]);
    return libsel4_invoke(_service, CNodeCopy, 1, 5, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Mint(seL4_CNode _service, seL4_Word dest_index, seL4_Uint8 dest_depth,
                                               seL4_CNode src_root, seL4_Word src_index, seL4_Uint8 src_depth,
                                               seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_Word mr[4] = {dest_index, LIBSEL4_DEPTH(dest_depth), src_index, LIBSEL4_DEPTH(src_depth)};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, rights.words[0]);
    seL4_SetMR(5, badge);
    return libsel4_invoke(_service, CNodeMint, 1, 6, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Move(seL4_CNode _service, seL4_Word dest_index, seL4_Uint8 dest_depth,
                                               seL4_CNode src_root, seL4_Word src_index, seL4_Uint8 src_depth)
{
    seL4_Word mr[4] = {dest_index, LIBSEL4_DEPTH(dest_depth), src_index, LIBSEL4_DEPTH(src_depth)};
    seL4_SetCap(0, src_root);
    return libsel4_invoke(_service, CNodeMove, 1, 4, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Mutate(seL4_CNode _service, seL4_Word dest_index, seL4_Uint8 dest_depth,
                                                 seL4_CNode src_root, seL4_Word src_index, seL4_Uint8 src_depth,
                                                 seL4_Word badge)
{
    seL4_Word mr[4] = {dest_index, LIBSEL4_DEPTH(dest_depth), src_index, LIBSEL4_DEPTH(src_depth)};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, badge);
    return libsel4_invoke(_service, CNodeMutate, 1, 5, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_CNode_Rotate(seL4_CNode _service, seL4_Word dest_index, seL4_Uint8 dest_depth,
                                                 seL4_Word dest_badge, seL4_CNode pivot_root, seL4_Word pivot_index,
                                                 seL4_Uint8 pivot_depth, seL4_Word pivot_badge, seL4_CNode src_root,
                                                 seL4_Word src_index, seL4_Uint8 src_depth)
{
    seL4_Word mr[4] = {dest_index, LIBSEL4_DEPTH(dest_depth), dest_badge, pivot_index};
    seL4_SetCap(0, pivot_root);
    seL4_SetCap(1, src_root);
    seL4_SetMR(4, LIBSEL4_DEPTH(pivot_depth));
    seL4_SetMR(5, pivot_badge);
    seL4_SetMR(6, src_index);
    seL4_SetMR(7, LIBSEL4_DEPTH(src_depth));
    return libsel4_invoke(_service, CNodeRotate, 2, 8, mr);
}

/* ================= IRQ ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQControl_Get(seL4_IRQControl _service, seL4_Word irq, seL4_CNode root,
                                                   seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {irq, index, LIBSEL4_DEPTH(depth), 0};
    seL4_SetCap(0, root);
    return libsel4_invoke(_service, IRQIssueIRQHandler, 1, 3, mr);
}

#ifdef CONFIG_ARCH_X86
LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQControl_GetIOAPIC(seL4_IRQControl _service, seL4_CNode root, seL4_Word index,
                                                         seL4_Uint8 depth, seL4_Word ioapic, seL4_Word pin,
                                                         seL4_Word level, seL4_Word polarity, seL4_Word vector)
{
    seL4_Word mr[4] = {index, LIBSEL4_DEPTH(depth), ioapic, pin};
    seL4_SetCap(0, root);
    seL4_SetMR(4, level);
    seL4_SetMR(5, polarity);
    seL4_SetMR(6, vector);
    return libsel4_invoke(_service, X86IRQIssueIRQHandlerIOAPIC, 1, 7, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQControl_GetMSI(seL4_IRQControl _service, seL4_CNode root, seL4_Word index,
                                                      seL4_Uint8 depth, seL4_Word pci_bus, seL4_Word pci_dev,
                                                      seL4_Word pci_func, seL4_Word handle, seL4_Word vector)
{
    seL4_Word mr[4] = {index, LIBSEL4_DEPTH(depth), pci_bus, pci_dev};
    seL4_SetCap(0, root);
    seL4_SetMR(4, pci_func);
    seL4_SetMR(5, handle);
    seL4_SetMR(6, vector);
    return libsel4_invoke(_service, X86IRQIssueIRQHandlerMSI, 1, 7, mr);
}

#endif

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQHandler_Ack(seL4_IRQHandler _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, IRQAckIRQ, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQHandler_SetNotification(seL4_IRQHandler _service, seL4_CPtr notification)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, notification);
    return libsel4_invoke(_service, IRQSetIRQHandler, 1, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_IRQHandler_Clear(seL4_IRQHandler _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, IRQClearIRQHandler, 0, 0, mr);
}

/* ================= Domains ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_DomainSet_Set(seL4_DomainSet _service, seL4_Uint8 domain, seL4_TCB thread)
{
    seL4_Word mr[4] = {(seL4_Word)(domain & 0xffu), 0, 0, 0};
    seL4_SetCap(0, thread);
    return libsel4_invoke(_service, DomainSetSet, 1, 1, mr);
}

/* Writes entry index of the domain schedule: domain for duration kernel ticks (0: end marker). */
LIBSEL4_INLINE_FUNC seL4_Error seL4_DomainSet_ScheduleConfigure(seL4_DomainSet _service, seL4_Word index,
                                                                seL4_Uint8 domain, seL4_Uint64 duration)
{
    seL4_Word mr[4] = {index, (seL4_Word)(domain & 0xffu), (seL4_Word)duration, 0};
    return libsel4_invoke(_service, DomainScheduleConfigure, 0, 3, mr);
}

/* Makes entry index the start of the domain schedule and switches to it at once. */
LIBSEL4_INLINE_FUNC seL4_Error seL4_DomainSet_ScheduleSetStart(seL4_DomainSet _service, seL4_Word index)
{
    seL4_Word mr[4] = {index, 0, 0, 0};
    return libsel4_invoke(_service, DomainScheduleSetStart, 0, 1, mr);
}

#ifdef CONFIG_ARCH_X86
/* ================= x86 paging ================= */

/* Map of a paging structure: cap = the VSpace root, MR0 vaddr, MR1 attributes. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_map_table(seL4_CPtr _service, seL4_Word label, seL4_CPtr vspace,
                                                 seL4_Word vaddr, seL4_X86_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, (seL4_Word)attr, 0, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, label, 1, 2, mr);
}

/* Unmap of a paging structure or frame: no arguments. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_unmap(seL4_CPtr _service, seL4_Word label)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return libsel4_invoke(_service, label, 0, 0, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PDPT_Map(seL4_X86_PDPT _service, seL4_X64_PML4 pml4, seL4_Word vaddr,
                                                 seL4_X86_VMAttributes attr)
{
    return libsel4_map_table(_service, X86PDPTMap, pml4, vaddr, attr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PDPT_Unmap(seL4_X86_PDPT _service)
{
    return libsel4_unmap(_service, X86PDPTUnmap);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PageDirectory_Map(seL4_X86_PageDirectory _service, seL4_CPtr vspace,
                                                          seL4_Word vaddr, seL4_X86_VMAttributes attr)
{
    return libsel4_map_table(_service, X86PageDirectoryMap, vspace, vaddr, attr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PageDirectory_Unmap(seL4_X86_PageDirectory _service)
{
    return libsel4_unmap(_service, X86PageDirectoryUnmap);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PageTable_Map(seL4_X86_PageTable _service, seL4_CPtr vspace, seL4_Word vaddr,
                                                      seL4_X86_VMAttributes attr)
{
    return libsel4_map_table(_service, X86PageTableMap, vspace, vaddr, attr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_PageTable_Unmap(seL4_X86_PageTable _service)
{
    return libsel4_unmap(_service, X86PageTableUnmap);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_Page_Map(seL4_X86_Page _service, seL4_CPtr vspace, seL4_Word vaddr,
                                                 seL4_CapRights_t rights, seL4_X86_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, rights.words[0], (seL4_Word)attr, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, X86PageMap, 1, 3, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_Page_Unmap(seL4_X86_Page _service)
{
    return libsel4_unmap(_service, X86PageUnmap);
}

LIBSEL4_INLINE_FUNC seL4_X86_Page_GetAddress_t seL4_X86_Page_GetAddress(seL4_X86_Page _service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_X86_Page_GetAddress_t result = {0, 0};
    result.error = libsel4_invoke(_service, X86PageGetAddress, 0, 0, mr);
    if (result.error == seL4_NoError) {
        result.paddr = mr[0];
    }
    return result;
}

/* ================= x86 ASIDs ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_ASIDControl_MakePool(seL4_X86_ASIDControl _service, seL4_Untyped untyped,
                                                             seL4_CNode root, seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {index, LIBSEL4_DEPTH(depth), 0, 0};
    seL4_SetCap(0, untyped);
    seL4_SetCap(1, root);
    return libsel4_invoke(_service, X86ASIDControlMakePool, 2, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_ASIDPool_Assign(seL4_X86_ASIDPool _service, seL4_CPtr vspace)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, vspace);
    return libsel4_invoke(_service, X86ASIDPoolAssign, 1, 0, mr);
}

/* ================= x86 I/O ports ================= */

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_IOPortControl_Issue(seL4_X86_IOPortControl _service, seL4_Word first_port,
                                                            seL4_Word last_port, seL4_CNode root, seL4_Word index,
                                                            seL4_Uint8 depth)
{
    seL4_Word mr[4] = {first_port, last_port, index, LIBSEL4_DEPTH(depth)};
    seL4_SetCap(0, root);
    return libsel4_invoke(_service, X86IOPortControlIssue, 1, 4, mr);
}

/* Reads a port; on success *value gets MR0 of the reply. */
LIBSEL4_INLINE_FUNC int libsel4_port_in(seL4_X86_IOPort _service, seL4_Word label, seL4_Uint16 port,
                                        seL4_Word *value)
{
    seL4_Word mr[4] = {(seL4_Word)(port & 0xffffu), 0, 0, 0};
    seL4_Error error = libsel4_invoke(_service, label, 0, 1, mr);
    *value = error == seL4_NoError ? mr[0] : 0;
    return error;
}

LIBSEL4_INLINE_FUNC seL4_X86_IOPort_In8_t seL4_X86_IOPort_In8(seL4_X86_IOPort _service, seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In8_t result = {0, 0};
    result.error = libsel4_port_in(_service, X86IOPortIn8, port, &value);
    result.result = (seL4_Uint8)value;
    return result;
}

LIBSEL4_INLINE_FUNC seL4_X86_IOPort_In16_t seL4_X86_IOPort_In16(seL4_X86_IOPort _service, seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In16_t result = {0, 0};
    result.error = libsel4_port_in(_service, X86IOPortIn16, port, &value);
    result.result = (seL4_Uint16)value;
    return result;
}

LIBSEL4_INLINE_FUNC seL4_X86_IOPort_In32_t seL4_X86_IOPort_In32(seL4_X86_IOPort _service, seL4_Uint16 port)
{
    seL4_Word value;
    seL4_X86_IOPort_In32_t result = {0, 0};
    result.error = libsel4_port_in(_service, X86IOPortIn32, port, &value);
    result.result = (seL4_Uint32)value;
    return result;
}

/* Writes a port: MR0 port, MR1 data. */
LIBSEL4_INLINE_FUNC seL4_Error libsel4_port_out(seL4_X86_IOPort _service, seL4_Word label, seL4_Word port,
                                                seL4_Word data)
{
    seL4_Word mr[4] = {port & 0xffffu, data, 0, 0};
    return libsel4_invoke(_service, label, 0, 2, mr);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_IOPort_Out8(seL4_X86_IOPort _service, seL4_Word port, seL4_Word data)
{
    return libsel4_port_out(_service, X86IOPortOut8, port, data);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_IOPort_Out16(seL4_X86_IOPort _service, seL4_Word port, seL4_Word data)
{
    return libsel4_port_out(_service, X86IOPortOut16, port, data);
}

LIBSEL4_INLINE_FUNC seL4_Error seL4_X86_IOPort_Out32(seL4_X86_IOPort _service, seL4_Word port, seL4_Word data)
{
    return libsel4_port_out(_service, X86IOPortOut32, port, data);
}
#else
/* The ARM methods (paging, cache maintenance, ASIDs, GIC interrupts). */
#include <interfaces/arm_client.h>
#endif
