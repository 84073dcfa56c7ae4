/*
 * Fixed-width integer types of the seL4 ABI (seL4's sel4/simple_types.h plus the x86_64
 * sel4_arch part). Kernel-shared. seL4_Word is `unsigned long` so that "%lu"/"%lx" print it
 * without warnings, exactly as with seL4 on x86_64.
 */
#pragma once

#include <sel4/macros.h>
#include <sel4/sel4_arch/simple_types.h>

typedef signed char seL4_Int8;
typedef unsigned char seL4_Uint8;
typedef signed short seL4_Int16;
typedef unsigned short seL4_Uint16;
typedef signed int seL4_Int32;
typedef unsigned int seL4_Uint32;

typedef seL4_Int8 seL4_Bool;
#define seL4_True 1
#define seL4_False 0

#define seL4_Null ((void *)0)

typedef seL4_Uint64 seL4_Word;
typedef seL4_Word seL4_CPtr;

#define SEL4_PRId_word "ld"
#define SEL4_PRIu_word "lu"
#define SEL4_PRIx_word "lx"
#define SEL4_PRIo_word "lo"

_Static_assert(sizeof(seL4_Word) == 8, "seL4_Word must be 64 bits");
_Static_assert(sizeof(seL4_Uint32) == 4, "seL4_Uint32 must be 32 bits");
_Static_assert(sizeof(seL4_Uint16) == 2, "seL4_Uint16 must be 16 bits");
