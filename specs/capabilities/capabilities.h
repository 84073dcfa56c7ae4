/* The seed's capability code, as a function of a BootInfo (capabilities.c). */
#pragma once
#include <sel4/sel4.h>

void capabilities_example(seL4_BootInfo *info);
