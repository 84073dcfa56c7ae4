/*
 * Declarations shared by the test files of vm_test (beyond the framework's test.h/helpers.h).
 */
#pragma once

#include <sel4/sel4.h>
#include <stdbool.h>

/* Retypes and maps, in vspace at vaddr, a PDPT, a page directory and a page table, each only
 * if its out pointer is non-NULL (in that order); records failures and returns false. */
bool map_tables(seL4_CPtr vspace, seL4_Word vaddr, seL4_CPtr *pdpt_out, seL4_CPtr *pd_out, seL4_CPtr *pt_out);
