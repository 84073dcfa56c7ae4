/*
 * CSpaces: every cap in every CNode object is copied or minted from the loader's original cap
 * of its target, with the spec's rights, badge (endpoints, notifications) or guard (CNodes).
 * The slot is addressed in the destination CNode itself, at depth = its radix.
 */
#include "loader.h"

static seL4_CapRights_t rights_of(const cdl_cap_t *c)
{
    uint32_t r = cdl_cap_rights(c);
    return seL4_CapRights_new((r & CDL_RIGHT_GRANT_REPLY) != 0, (r & CDL_RIGHT_GRANT) != 0, (r & CDL_RIGHT_READ) != 0,
                              (r & CDL_RIGHT_WRITE) != 0);
}

/* The word Mint applies: a badge, or a CNode cap's guard and guard size, which the spec holds as
 * the word Mint takes (seL4's CNode cap data); 0 means a plain copy. The validator allows data
 * only on caps to endpoints, notifications and CNodes. */
static seL4_Word mint_data(const cdl_cap_t *c, bool *mint)
{
    uint64_t data = cdl_cap_data(&loader.spec, c);
    *mint = data != 0;
    return data;
}

static void place_cap(uint32_t cnode, const cdl_cap_t *c)
{
    seL4_Word depth = loader.spec.objects[cnode].size_bits, src = obj_slot(c->obj);
    uint32_t type = loader.spec.objects[c->obj].type;
    bool mint;
    seL4_Word data = mint_data(c, &mint);
    seL4_Error e;
    if (type == CDL_IRQ_CONTROL || type == CDL_IOPORT_CONTROL) {
        /* These caps cannot be copied (seL4 derives them to nothing): the loader gives its own. */
        e = seL4_CNode_Move(obj_slot(cnode), cdl_cap_slot(c), depth, seL4_CapInitThreadCNode, src, seL4_WordBits);
    } else if (mint) {
        e = seL4_CNode_Mint(obj_slot(cnode), cdl_cap_slot(c), depth, seL4_CapInitThreadCNode, src, seL4_WordBits, rights_of(c),
                            data);
    } else {
        e = seL4_CNode_Copy(obj_slot(cnode), cdl_cap_slot(c), depth, seL4_CapInitThreadCNode, src, seL4_WordBits, rights_of(c));
    }
    loader_check(e, c->obj, mint ? "seL4_CNode_Mint" : "seL4_CNode_Copy");
    loader.caps_placed++;
}

void loader_fill_cspaces(void)
{
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type != CDL_CNODE) {
            continue;
        }
        const cdl_cap_t *c = &loader.spec.caps[o->aux], *end = c + o->num_caps; /* a CNode's aux: its first cap */
        for (; c < end; c++) {
            place_cap(i, c);
        }
    }
}
