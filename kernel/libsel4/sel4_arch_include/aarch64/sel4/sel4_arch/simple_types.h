/*
 * AArch64 part of the simple types (the same LP64 integers as x86_64) (seL4's sel4_arch/simple_types.h): the 64-bit integers,
 * which decide seL4_Word's C type. Kernel-shared.
 */
#pragma once

typedef signed long seL4_Int64;
typedef unsigned long seL4_Uint64;

#define SEL4_WORD_IS_UINT64
#define _seL4_int64_type long
