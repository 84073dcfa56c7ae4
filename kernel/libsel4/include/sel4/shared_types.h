/*
 * Word-sized bitfield types of the ABI and the IPC buffer layout (sel4-facts.md 1.3, 1.4),
 * corresponding to seL4's generated shared_types_gen.h and sel4/shared_types.h.
 * Kernel-shared. No C bitfields: each type is a struct holding one word, and the accessors
 * below shift and mask by hand. Layouts (bit 63 on the left):
 *
 *   seL4_MessageInfo   label 63..12 | capsUnwrapped 11..9 | extraCaps 8..7 | length 6..0
 *   seL4_CapRights     0 63..4 | GrantReply 3 | Grant 2 | Read 1 | Write 0
 *   seL4_CNode_CapData guard 63..6 | guardSize 5..0
 *
 * For each field F of type T there are T_get_F, T_set_F (value style), T_ptr_get_F and
 * T_ptr_set_F (pointer style), as seL4's bitfield generator produces. Values that do not
 * fit their field are truncated to it.
 */
#pragma once

#include <sel4/macros.h>
#include <sel4/simple_types.h>
#include <sel4/constants.h>

#define SEL4_BF_MASK(bits) (((bits) >= 64) ? ~0ull : ((1ull << (bits)) - 1ull))

/* Defines the four accessors of field `field` (bits shift .. shift+bits-1) of type `T`. */
#define SEL4_BF_FIELD(T, field, shift, bits)                                              \
    LIBSEL4_INLINE_FUNC seL4_Uint64 T##_get_##field(T##_t x)                              \
    {                                                                                     \
        return (x.words[0] >> (shift)) & SEL4_BF_MASK(bits);                              \
    }                                                                                     \
    LIBSEL4_INLINE_FUNC T##_t T##_set_##field(T##_t x, seL4_Uint64 v)                     \
    {                                                                                     \
        x.words[0] &= ~(SEL4_BF_MASK(bits) << (shift));                                   \
        x.words[0] |= (v & SEL4_BF_MASK(bits)) << (shift);                                \
        return x;                                                                         \
    }                                                                                     \
    LIBSEL4_INLINE_FUNC seL4_Uint64 T##_ptr_get_##field(const T##_t *p)                   \
    {                                                                                     \
        return T##_get_##field(*p);                                                       \
    }                                                                                     \
    LIBSEL4_INLINE_FUNC void T##_ptr_set_##field(T##_t *p, seL4_Uint64 v)                 \
    {                                                                                     \
        *p = T##_set_##field(*p, v);                                                      \
    }

/* ---- seL4_MessageInfo ---- */
typedef struct seL4_MessageInfo {
    seL4_Uint64 words[1];
} seL4_MessageInfo_t;

SEL4_BF_FIELD(seL4_MessageInfo, label, 12, 52)
SEL4_BF_FIELD(seL4_MessageInfo, capsUnwrapped, 9, 3)
SEL4_BF_FIELD(seL4_MessageInfo, extraCaps, 7, 2)
SEL4_BF_FIELD(seL4_MessageInfo, length, 0, 7)

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped,
                                                            seL4_Uint64 extraCaps, seL4_Uint64 length)
{
    seL4_MessageInfo_t m = {{0}};
    m = seL4_MessageInfo_set_label(m, label);
    m = seL4_MessageInfo_set_capsUnwrapped(m, capsUnwrapped);
    m = seL4_MessageInfo_set_extraCaps(m, extraCaps);
    return seL4_MessageInfo_set_length(m, length);
}

/* ---- seL4_CapRights ---- */
typedef struct seL4_CapRights {
    seL4_Uint64 words[1];
} seL4_CapRights_t;

SEL4_BF_FIELD(seL4_CapRights, capAllowGrantReply, 3, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowGrant, 2, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowRead, 1, 1)
SEL4_BF_FIELD(seL4_CapRights, capAllowWrite, 0, 1)

LIBSEL4_INLINE_FUNC seL4_CapRights_t seL4_CapRights_new(seL4_Uint64 capAllowGrantReply, seL4_Uint64 capAllowGrant,
                                                        seL4_Uint64 capAllowRead, seL4_Uint64 capAllowWrite)
{
    seL4_CapRights_t r = {{0}};
    r = seL4_CapRights_set_capAllowGrantReply(r, capAllowGrantReply);
    r = seL4_CapRights_set_capAllowGrant(r, capAllowGrant);
    r = seL4_CapRights_set_capAllowRead(r, capAllowRead);
    return seL4_CapRights_set_capAllowWrite(r, capAllowWrite);
}

/* Rights constants (expressions of type seL4_CapRights_t, as in seL4) */
#define seL4_NoWrite seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights seL4_CapRights_new(0, 0, 0, 0)
#define seL4_ReadWrite seL4_CapRights_new(0, 0, 1, 1)
#define seL4_AllRights seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)

/* ---- seL4_CNode_CapData ---- */
typedef struct seL4_CNode_CapData {
    seL4_Uint64 words[1];
} seL4_CNode_CapData_t;

SEL4_BF_FIELD(seL4_CNode_CapData, guard, 6, 58)
SEL4_BF_FIELD(seL4_CNode_CapData, guardSize, 0, 6)

LIBSEL4_INLINE_FUNC seL4_CNode_CapData_t seL4_CNode_CapData_new(seL4_Uint64 guard, seL4_Uint64 guardSize)
{
    seL4_CNode_CapData_t d = {{0}};
    d = seL4_CNode_CapData_set_guard(d, guard);
    return seL4_CNode_CapData_set_guardSize(d, guardSize);
}

/* ---- IPC buffer (sel4-facts.md 1.4): 128 words, 1 KiB, 1 KiB aligned ---- */
typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(sizeof(struct seL4_IPCBuffer_))));

_Static_assert(sizeof(seL4_IPCBuffer) == 1024, "seL4_IPCBuffer is 1 KiB");
_Static_assert(__builtin_offsetof(seL4_IPCBuffer, msg) == 8, "IPC buffer msg at word 1");
_Static_assert(__builtin_offsetof(seL4_IPCBuffer, userData) == 121 * 8, "IPC buffer userData at word 121");
_Static_assert(__builtin_offsetof(seL4_IPCBuffer, caps_or_badges) == 122 * 8, "caps_or_badges at word 122");
_Static_assert(__builtin_offsetof(seL4_IPCBuffer, receiveCNode) == 125 * 8, "receiveCNode at word 125");
_Static_assert(__builtin_offsetof(seL4_IPCBuffer, receiveDepth) == 127 * 8, "receiveDepth at word 127");
