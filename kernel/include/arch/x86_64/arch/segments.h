/* GDT selectors (x86_64). The order kernel code, kernel data, user data, user code is the one
 * SYSCALL/SYSRET require (STAR). Shared by C and assembly. */
#ifndef ARCH_SEGMENTS_H
#define ARCH_SEGMENTS_H

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS (0x18 | 3)
#define USER_CS (0x20 | 3)
#define TSS_SEL 0x28
#define GDT_ENTRIES 7 /* null, 4 segments, 16-byte TSS descriptor */

#endif
