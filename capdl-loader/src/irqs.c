/*
 * IRQ handlers: each IRQ object becomes a handler cap from the loader's IRQControl cap (a
 * legacy ISA IRQ, an IOAPIC pin with its trigger and polarity, or an MSI vector for a PCI
 * function and handle; on AArch64 a GIC INTID, with its trigger for an ARM IRQ), and the notification in its
 * slot 0 is bound with the badge of that cap (a minted copy).
 */
#include "loader.h"

static void create_handler(uint32_t i, const cdl_irq_t *irq)
{
    seL4_CPtr ctl = seL4_CapIRQControl, cnode = seL4_CapInitThreadCNode;
    switch (irq->kind) {
    case CDL_IRQ_LEGACY:
        loader_check(seL4_IRQControl_Get(ctl, irq->irq, cnode, obj_slot(i), seL4_WordBits), i, "seL4_IRQControl_Get");
        break;
#ifndef CONFIG_ARCH_X86 /* AArch64: a legacy IRQ is a GIC INTID; IOAPIC pins and MSIs do not exist */
    case CDL_IRQ_ARM: /* a GIC INTID with its trigger (the validator admits core 0 only) */
        loader_check(seL4_IRQControl_GetTrigger(ctl, irq->irq, irq->level, cnode, obj_slot(i), seL4_WordBits), i,
                     "seL4_IRQControl_GetTrigger");
        break;
    default:
        loader_fail_msg("IOAPIC and MSI interrupts exist on x86 only", NULL);
#else
    case CDL_IRQ_ARM:
        loader_fail_msg("GIC interrupts exist on AArch64 only", NULL);
        break;
    case CDL_IRQ_IOAPIC:
        loader_check(seL4_IRQControl_GetIOAPIC(ctl, cnode, obj_slot(i), seL4_WordBits, irq->ioapic, irq->pin,
                                               irq->level, irq->polarity, irq->irq),
                     i, "seL4_IRQControl_GetIOAPIC");
        break;
    default: /* CDL_IRQ_MSI (the validator admits no other kind) */
        loader_check(seL4_IRQControl_GetMSI(ctl, cnode, obj_slot(i), seL4_WordBits, CDL_PCI_BUS(irq->pci_address),
                                            CDL_PCI_DEV(irq->pci_address), CDL_PCI_FUN(irq->pci_address),
                                            irq->handle, irq->irq),
                     i, "seL4_IRQControl_GetMSI");
        break;
#endif
    }
}

static void bind_notification(uint32_t i, const cdl_cap_t *c)
{
    seL4_CPtr badged = loader_alloc_slot();
    loader_check(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, seL4_WordBits, seL4_CapInitThreadCNode,
                                 obj_slot(c->obj), seL4_WordBits, seL4_AllRights, cdl_cap_data(&loader.spec, c)),
                 c->obj, "seL4_CNode_Mint (IRQ notification)");
    loader_check(seL4_IRQHandler_SetNotification(obj_slot(i), badged), i, "seL4_IRQHandler_SetNotification");
    /* An interrupt taken between the handler's creation and now reached no notification and left
     * its line masked, waiting for an Ack that nobody would send: the component only acknowledges
     * interrupts it was told of. seL4 does not stop the PIT the firmware leaves ticking, so on
     * seL4 this happened to the PIT's line (a timed-out capdl_sel4_cdl_irq_timer_on_sel4). */
    loader_check(seL4_IRQHandler_Ack(obj_slot(i)), i, "seL4_IRQHandler_Ack");
}

void loader_create_irqs(void)
{
    uint32_t first_cap = 0; /* caps follow object order (capdl/spec.h) */
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        uint32_t first = first_cap;
        first_cap += o->num_caps;
        if (o->type != CDL_IRQ) {
            continue;
        }
        create_handler(i, &loader.spec.irqs[o->aux]);
        for (uint32_t k = 0; k < o->num_caps; k++) {
            const cdl_cap_t *c = &loader.spec.caps[first + k];
            if (cdl_cap_slot(c) == 0 && loader.spec.objects[c->obj].type == CDL_NOTIFICATION) {
                bind_notification(i, c);
            }
        }
    }
}
