/*
 * Capabilities: the two-word cap_t, its layout per cap type, and the accessors. This header is
 * the one declaration of the bit layout (style item 7); every other file goes through these
 * functions. The cap type numbers are seL4's (seL4_DebugCapIdentify returns them).
 *
 * word 0: [63:59] cap type   [58:47] small per-type fields   [46:0] object physical address
 * word 1: the per-type wide field
 *
 *   type           word 0 [58:47]                              word 1
 *   untyped        58 isDevice, 57:52 blockSize                freeIndex (bytes used)
 *   endpoint       50:47 rights (seL4_CapRights bits 3..0)     badge
 *   notification   50:47 rights                                badge
 *   reply          48 canGrant, 47 master                      -
 *                  (MCS: the address is the reply object's, master always 0)
 *   sched_context  52:47 size bits (MCS)                       -
 *   sched_control  -                                           core (MCS)
 *   cnode          58:53 guardSize, 52:47 radix                guard
 *   thread         -                                           -
 *   irq_handler    -                                           irq number
 *   frame          51 device, 50:49 VM rights (R,W), 48:47 size 63:52 mapped ASID, 47:0 mapped vaddr
 *   page tables    47 isMapped                                 63:52 mapped ASID, 47:0 mapped vaddr
 *   pml4           47 isMapped (assigned an ASID)              mapped ASID
 *   asid_pool      -                                           ASID base
 *   io_port        -                                           31:16 first port, 15:0 last port
 *   zombie         58 isTCB, 52:47 CNode radix                 parent zombie slot (kernel ptr)
 *                  (object address | slots left: the low radix+5 bits of a CNode's
 *                   address, or 11 of a TCB's, are zero, so the count fits there)
 * A mapped ASID of 0 means "not mapped" (ASID 0 is never handed out, as in seL4).
 */
#ifndef OBJECT_CAP_H
#define OBJECT_CAP_H

#include <types.h>
#include <util.h>

typedef struct cap {
    word_t words[2];
} cap_t;

enum cap_tag {
    cap_null_cap = 0,
    cap_untyped_cap = 2,
    cap_endpoint_cap = 4,
    cap_notification_cap = 6,
    cap_reply_cap = 8,
    cap_cnode_cap = 10,
    cap_thread_cap = 12,
    cap_irq_control_cap = 14,
    cap_irq_handler_cap = 16,
    cap_zombie_cap = 18,
    cap_domain_cap = 20,
    cap_sched_context_cap = 22, /* MCS only */
    cap_sched_control_cap = 24, /* MCS only */
    cap_frame_cap = 1,
    cap_page_table_cap = 3,
    cap_page_directory_cap = 5,
    cap_pdpt_cap = 7,
    cap_pml4_cap = 9,
    cap_asid_control_cap = 11,
    cap_asid_pool_cap = 13,
    cap_io_port_cap = 19,
    cap_io_port_control_cap = 31,
};
typedef word_t cap_tag_t;

/* Frame sizes as stored in a frame cap. */
enum vm_page_size { X86_SmallPage = 0, X86_LargePage = 1, X64_HugePage = 2 };

/* VM rights as stored in a frame cap: the Read and Write bits of seL4_CapRights. */
enum vm_rights { VMKernelOnly = 0, VMWriteOnly = 1, VMReadOnly = 2, VMReadWrite = 3 };

#define CAP_PTR_BITS 47

static inline cap_t cap_make(cap_tag_t type, word_t small, paddr_t ptr, word_t w1)
{
    cap_t c;
    c.words[0] = (type << 59) | ((small & MASK(12)) << CAP_PTR_BITS) | (ptr & MASK(CAP_PTR_BITS));
    c.words[1] = w1;
    return c;
}

static inline cap_tag_t cap_get_capType(cap_t c) { return c.words[0] >> 59; }
static inline paddr_t cap_get_capPaddr(cap_t c) { return c.words[0] & MASK(CAP_PTR_BITS); }
static inline word_t cap_small(cap_t c, unsigned hi, unsigned lo) { return bits_get(c.words[0], hi, lo); }
static inline bool cap_is_null(cap_t c) { return cap_get_capType(c) == cap_null_cap; }

static inline cap_t cap_with_small(cap_t c, unsigned hi, unsigned lo, word_t v)
{
    c.words[0] = bits_set(c.words[0], hi, lo, v);
    return c;
}

/* --- generic caps --------------------------------------------------------------------- */

static inline cap_t cap_null_cap_new(void) { return cap_make(cap_null_cap, 0, 0, 0); }

static inline cap_t cap_untyped_cap_new(paddr_t p, word_t blockSize, bool isDevice, word_t freeIndex)
{
    return cap_make(cap_untyped_cap, ((word_t)isDevice << 11) | (blockSize << 5), p, freeIndex);
}
static inline word_t cap_untyped_cap_get_capBlockSize(cap_t c) { return cap_small(c, 57, 52); }
static inline bool cap_untyped_cap_get_capIsDevice(cap_t c) { return cap_small(c, 58, 58); }
static inline word_t cap_untyped_cap_get_capFreeIndex(cap_t c) { return c.words[1]; }

static inline cap_t cap_endpoint_cap_new(paddr_t p, word_t badge, word_t rights)
{
    return cap_make(cap_endpoint_cap, rights & 0xf, p, badge);
}
static inline cap_t cap_notification_cap_new(paddr_t p, word_t badge, word_t rights)
{
    return cap_make(cap_notification_cap, rights & 0xf, p, badge);
}
/* Rights (seL4_CapRights word: GrantReply, Grant, Read, Write) of an endpoint/notification cap. */
static inline word_t cap_get_capRights(cap_t c) { return cap_small(c, 50, 47); }
static inline word_t cap_get_capBadge(cap_t c) { return c.words[1]; }

static inline cap_t cap_reply_cap_new(paddr_t tcb, bool master, bool canGrant)
{
    return cap_make(cap_reply_cap, ((word_t)canGrant << 1) | (word_t)master, tcb, 0);
}

static inline bool cap_reply_cap_get_master(cap_t c) { return cap_small(c, 47, 47); }
static inline bool cap_reply_cap_get_canGrant(cap_t c) { return cap_small(c, 48, 48); }
/* The reply cap derived from a master reply cap: the same thread, not master, canGrant. */
static inline cap_t cap_reply_cap_from_master(cap_t master, bool canGrant)
{
    master.words[0] = (master.words[0] & ~((word_t)3 << CAP_PTR_BITS)) | ((word_t)canGrant << (CAP_PTR_BITS + 1));
    return master;
}

static inline cap_t cap_cnode_cap_new(paddr_t p, word_t radix, word_t guardSize, word_t guard)
{
    return cap_make(cap_cnode_cap, (guardSize << 6) | radix, p, guard);
}
static inline word_t cap_cnode_cap_get_capCNodeRadix(cap_t c) { return cap_small(c, 52, 47); }
static inline word_t cap_cnode_cap_get_capCNodeGuardSize(cap_t c) { return cap_small(c, 58, 53); }
static inline word_t cap_cnode_cap_get_capCNodeGuard(cap_t c) { return c.words[1]; }
/* A CNode cap that resolves a whole word in one level (guardSize + radix = 64), the usual
 * CSpace root, in one comparison of the type and both sizes: the fastpath's every lookup. */
static inline bool cap_cnode_cap_is_one_level(cap_t c)
{
    word_t fields = c.words[0] >> CAP_PTR_BITS; /* type 16:12, guardSize 11:6, radix 5:0 */
    word_t radix = fields & MASK(6);
    return fields == (((word_t)cap_cnode_cap << 12) | ((64 - radix) << 6)) + radix;
}

static inline cap_t cap_sched_context_cap_new(paddr_t sc, word_t sizeBits)
{
    return cap_make(cap_sched_context_cap, sizeBits, sc, 0);
}
static inline word_t cap_sched_context_cap_get_sizeBits(cap_t c) { return cap_small(c, 52, 47); }
static inline cap_t cap_sched_control_cap_new(word_t core) { return cap_make(cap_sched_control_cap, 0, 0, core); }

static inline cap_t cap_thread_cap_new(paddr_t tcb) { return cap_make(cap_thread_cap, 0, tcb, 0); }
static inline cap_t cap_irq_control_cap_new(void) { return cap_make(cap_irq_control_cap, 0, 0, 0); }
static inline cap_t cap_domain_cap_new(void) { return cap_make(cap_domain_cap, 0, 0, 0); }
static inline cap_t cap_irq_handler_cap_new(word_t irq) { return cap_make(cap_irq_handler_cap, 0, 0, irq); }

/* A zombie: a container (CNode or TCB) being emptied by deletion (kernel/src/object/cnode.c). */
static inline cap_t cap_zombie_cap_new(paddr_t obj, bool isTCB, word_t radix, word_t n, word_t parent)
{
    return cap_make(cap_zombie_cap, ((word_t)isTCB << 11) | radix, obj | n, parent);
}
static inline bool cap_zombie_cap_get_isTCB(cap_t c) { return cap_small(c, 58, 58); }
static inline word_t cap_zombie_cap_get_radix(cap_t c) { return cap_small(c, 52, 47); }
static inline word_t cap_zombie_cap_get_objBits(cap_t c)
{
    return cap_zombie_cap_get_isTCB(c) ? 11 : cap_zombie_cap_get_radix(c) + 5;
}
static inline paddr_t cap_zombie_cap_get_obj(cap_t c)
{
    return ROUND_DOWN(cap_get_capPaddr(c), cap_zombie_cap_get_objBits(c));
}
static inline word_t cap_zombie_cap_get_number(cap_t c)
{
    return cap_get_capPaddr(c) & MASK(cap_zombie_cap_get_objBits(c));
}
static inline cap_t cap_zombie_cap_set_number(cap_t c, word_t n)
{
    c.words[0] = (c.words[0] & ~MASK(cap_zombie_cap_get_objBits(c))) | n;
    return c;
}
static inline word_t cap_zombie_cap_get_parent(cap_t c) { return c.words[1]; }
static inline cap_t cap_zombie_cap_set_parent(cap_t c, word_t parent)
{
    c.words[1] = parent;
    return c;
}

static inline cap_t cap_with_badge(cap_t c, word_t badge)
{
    c.words[1] = badge;
    return c;
}
static inline cap_t cap_with_rights(cap_t c, word_t rights) { return cap_with_small(c, 50, 47, rights); }
static inline cap_t cap_untyped_cap_set_capFreeIndex(cap_t c, word_t freeIndex)
{
    c.words[1] = freeIndex;
    return c;
}
static inline word_t cap_io_port_cap_get_first(cap_t c) { return (c.words[1] >> 16) & 0xffff; }
static inline word_t cap_io_port_cap_get_last(cap_t c) { return c.words[1] & 0xffff; }
static inline word_t cap_irq_handler_cap_get_irq(cap_t c) { return c.words[1]; }

/* --- x86_64 caps ------------------------------------------------------------------------ */

static inline word_t mapping_word(word_t asid, vptr_t vaddr)
{
    return (asid << 52) | (vaddr & MASK(48));
}
static inline word_t cap_get_mappedASID(cap_t c) { return c.words[1] >> 52; }
static inline vptr_t cap_get_mappedAddress(cap_t c) { return c.words[1] & MASK(48); }

static inline cap_t cap_frame_cap_new(paddr_t p, word_t size, word_t vmRights, bool device,
                                      word_t asid, vptr_t vaddr)
{
    word_t small = ((word_t)device << 4) | ((vmRights & 3) << 2) | (size & 3);
    return cap_make(cap_frame_cap, small, p, mapping_word(asid, vaddr));
}
static inline word_t cap_frame_cap_get_capFSize(cap_t c) { return cap_small(c, 48, 47); }
static inline word_t frame_size_bits(word_t size) { return 12 + 9 * size; }
static inline cap_t cap_frame_cap_set_capFVMRights(cap_t c, word_t r) { return cap_with_small(c, 50, 49, r); }
static inline cap_t cap_set_mapping(cap_t c, word_t asid, vptr_t vaddr)
{
    c.words[1] = mapping_word(asid, vaddr);
    return c;
}
static inline word_t cap_frame_cap_get_capFVMRights(cap_t c) { return cap_small(c, 50, 49); }
static inline bool cap_frame_cap_get_capFIsDevice(cap_t c) { return cap_small(c, 51, 51); }

/* A page table, page directory or PDPT cap (same layout, different type). */
static inline cap_t cap_paging_cap_new(cap_tag_t type, paddr_t p, bool mapped, word_t asid, vptr_t vaddr)
{
    return cap_make(type, mapped, p, mapping_word(asid, vaddr));
}
static inline bool cap_paging_cap_get_isMapped(cap_t c) { return cap_small(c, 47, 47); }
/* A PML4 cap assigned an ASID, in one comparison (type in 63:59, isMapped in 47, the PML4's
 * other small fields zero): the fastpath asks it on every switch. */
static inline bool cap_is_mapped_pml4(cap_t c)
{
    return (c.words[0] >> CAP_PTR_BITS) == (((word_t)cap_pml4_cap << (59 - CAP_PTR_BITS)) | 1);
}
static inline cap_t cap_paging_cap_set_isMapped(cap_t c, bool m) { return cap_with_small(c, 47, 47, m); }

static inline cap_t cap_pml4_cap_new(paddr_t p, bool mapped, word_t asid)
{
    return cap_make(cap_pml4_cap, mapped, p, asid << 52);
}

static inline cap_t cap_asid_control_cap_new(void) { return cap_make(cap_asid_control_cap, 0, 0, 0); }
static inline cap_t cap_asid_pool_cap_new(paddr_t p, word_t asidBase)
{
    return cap_make(cap_asid_pool_cap, 0, p, asidBase);
}
static inline word_t cap_asid_pool_cap_get_capASIDBase(cap_t c) { return c.words[1]; }

static inline cap_t cap_io_port_control_cap_new(void) { return cap_make(cap_io_port_control_cap, 0, 0, 0); }
static inline cap_t cap_io_port_cap_new(word_t first, word_t last)
{
    return cap_make(cap_io_port_cap, 0, 0, (first << 16) | (last & 0xffff));
}

#endif
