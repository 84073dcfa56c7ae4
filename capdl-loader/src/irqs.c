/*
 * IRQ handlers: each IRQ object becomes a handler cap from the loader's IRQControl cap (a
 * legacy ISA IRQ, or an IOAPIC pin with its trigger and polarity), and the notification in its
 * slot 0 is bound with the badge of that cap (a minted copy).
 */
#include "loader.h"

static void create_handler(uint32_t i, const cdl_irq_t *irq)
{
    seL4_Error e;
    if (irq->kind == 0) {
        e = seL4_IRQControl_Get(seL4_CapIRQControl, irq->irq, seL4_CapInitThreadCNode, obj_slot(i), seL4_WordBits);
    } else {
        e = seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, seL4_CapInitThreadCNode, obj_slot(i), seL4_WordBits,
                                      irq->ioapic, irq->pin, irq->level, irq->polarity, irq->irq);
    }
    loader_check(e, i, irq->kind == 0 ? "seL4_IRQControl_Get" : "seL4_IRQControl_GetIOAPIC");
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
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type != CDL_IRQ) {
            continue;
        }
        create_handler(i, &loader.spec.irqs[o->aux]);
        for (uint32_t k = 0; k < o->num_caps; k++) {
            const cdl_cap_t *c = &loader.spec.caps[o->first_cap + k];
            if (c->slot == 0 && loader.spec.objects[c->obj].type == CDL_NOTIFICATION) {
                bind_notification(i, c);
            }
        }
    }
}
