/*
 * The capability dump (spec flag CDL_SPEC_F_DUMP_CAPS, docs/verification.md): after loading,
 * before any thread runs, the loader asks the kernel what every slot of every spec CNode and
 * the capDL slots (CSpace, VSpace, IPC buffer) of every spec TCB hold, and prints one line per
 * cap in the format `capdl-tool verify --against` reads:
 *
 *   capdl-dump 1
 *   cap CONTAINER SLOT OBJECT RIGHTS [BADGE]
 *   # end of capdl-dump
 *
 * The caps are read in place (seL4_DebugCapDescribe), so what is printed is the kernel's state,
 * not the spec: each cap's object is found through the index of dump_index.c.
 */
#include "loader.h"
#include <stdio.h>

/* The kernel's TCB cap slots (what seL4_DebugCapDescribe indexes) and the capDL slots they are.
 * Classic: 0 CSpace, 1 VSpace, 4 IPC buffer (2 and 3, reply and caller, are not capDL's). MCS
 * (sel4-mcs-facts 2.1): 0, 1, 2 IPC buffer, 3 fault handler (the spec names it by CPtr instead),
 * 4 timeout handler; an SC or bound notification is no cap in a slot, and is not in the dump. */
static const struct { seL4_Word kernel; uint32_t capdl; } tcb_slots[] = {
    { 0, CDL_TCB_SLOT_CSPACE }, { 1, CDL_TCB_SLOT_VSPACE },
#ifdef CONFIG_KERNEL_MCS
    { 2, CDL_TCB_SLOT_IPC_BUFFER }, { 4, CDL_TCB_SLOT_TIMEOUT_EP },
#else
    { 4, CDL_TCB_SLOT_IPC_BUFFER },
#endif
};

/* A spec object's name as `decode` prints it: unnamed objects are obj_<index>. */
static void print_name(uint32_t obj)
{
    const char *name = cdl_spec_string(&loader.spec, loader.spec.objects[obj].name);
    if (name[0]) {
        printf("%s", name);
    } else {
        printf("obj_%u", obj);
    }
}

/* Rights letters in verify's order (R W G P); the kernel reports none for caps without rights. */
static void print_rights(seL4_Word rights)
{
    static const struct { seL4_Word bit; char letter; } order[] = {
        { CDL_RIGHT_READ, 'R' }, { CDL_RIGHT_WRITE, 'W' }, { CDL_RIGHT_GRANT, 'G' }, { CDL_RIGHT_GRANT_REPLY, 'P' },
    };
    char text[5] = "-";
    unsigned n = 0;
    for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        if (rights & order[i].bit) {
            text[n++] = order[i].letter;
            text[n] = '\0';
        }
    }
    printf(" %s", text);
}

static void print_cap(uint32_t container, seL4_Word slot, const seL4_DebugCapInfo *info)
{
    uint32_t obj = loader_dump_lookup(info->type, info->object);
    printf("cap ");
    print_name(container);
    printf(" %lu ", (unsigned long)slot);
    if (obj != CDL_NONE) {
        print_name(obj);
    } else { /* no spec object: verify names the line */
        printf("unknown:type%lu@0x%lx", (unsigned long)info->type, (unsigned long)info->object);
    }
    print_rights(info->rights);
    if (info->badge) {
        printf(" 0x%lx", (unsigned long)info->badge);
    }
    printf("\n");
}

/* Prints the cap in the container's slot `slot` (the kernel's index) as capDL slot `as`. */
static void dump_slot(uint32_t container, seL4_Word slot, seL4_Word as)
{
    seL4_DebugCapInfo info;
    loader_check(seL4_DebugCapDescribe(obj_slot(container), slot, &info), container, "seL4_DebugCapDescribe");
    if (info.type != 0) {
        print_cap(container, as, &info);
    }
}

void loader_dump_caps(void)
{
    if (!loader_dump_wanted()) {
        return;
    }
    printf("%s\n# the live capability state after loading, before any thread runs\n", CDL_DUMP_FIRST_LINE);
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type == CDL_CNODE) {
            for (seL4_Word slot = 0; slot < (1ul << o->size_bits); slot++) {
                dump_slot(i, slot, slot);
            }
        } else if (o->type == CDL_TCB) {
            for (unsigned k = 0; k < sizeof(tcb_slots) / sizeof(tcb_slots[0]); k++) {
                dump_slot(i, tcb_slots[k].kernel, tcb_slots[k].capdl);
            }
        }
    }
    printf("%s\n", CDL_DUMP_LAST_LINE);
    fflush(stdout);
}
