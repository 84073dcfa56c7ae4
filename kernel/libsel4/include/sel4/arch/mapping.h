/*
 * Helpers for mapping code on x86 (seL4's arch/mapping.h; sel4-facts.md 9.16): which paging
 * level is missing after a failed Page_Map / PageTable_Map. USER-ONLY (reads MR2).
 */
#pragma once

#include <sel4/sel4_arch/mapping.h>
