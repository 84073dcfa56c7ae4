/*
 * seL4_DebugCapDescribe (syscall -64, not in seL4: docs/deviations.md): what the cap in one
 * slot of a CNode or TCB is, read in place, so a debug tool can compare the live capability
 * state with a capDL spec (capdl-loader's capability dump, docs/verification.md).
 */
#ifndef API_DEBUG_DESCRIBE_H
#define API_DEBUG_DESCRIBE_H

#include <object/structures.h>

/*
 * In: REG_CAP = the container (a CNode or TCB cap, looked up in t's CSpace as an invocation
 * does), MR0 = the slot index. Out: REG_CAP = seL4_NoError, seL4_InvalidCapability (no CNode
 * or TCB cap there) or seL4_RangeError (index >= the container's slot count); MR0 = the cap
 * type (0 for an empty slot), MR1 = the object: its physical address, the IRQ number of an IRQ
 * handler cap, first << 16 | last of an I/O port cap (with RangeError: the slot count);
 * MR2 = the rights (seL4_CapRights bits of endpoint and notification caps, the VM rights Read
 * and Write of frame caps, Grant of a reply cap that may grant); MR3 = the badge of an endpoint
 * or notification cap. Nothing is copied or changed.
 */
void debug_cap_describe(tcb_t *t);

#endif
