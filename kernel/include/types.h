/*
 * Basic kernel types. The kernel is freestanding: these come from the compiler's own headers
 * (stdint/stddef/stdbool) plus the ABI types libsel4 shares with us.
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t word_t;
typedef int64_t sword_t;
typedef word_t paddr_t;  /* a physical address */
typedef word_t vptr_t;   /* a user virtual address */
typedef word_t cptr_t;   /* a capability pointer as user code passes it */

#define wordBits 64
#define wordRadix 6

#endif
