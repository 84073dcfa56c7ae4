/*
 * The ABI configuration test: a root task built with the same build options as the kernel it
 * boots on (libsel4's gen_config.h: KERNEL_HUGE_PAGE, CONFIG_ROOT_CNODE_SIZE_BITS) checks that
 * the kernel numbers object types and sizes the root CNode as libsel4 says (sel4-facts 1.6,
 * 9.17): type 7 is a 1 GiB frame with huge pages and a 4 KiB frame without; the first type past
 * seL4_ObjectTypeCount is refused; the root CNode has 2^CONFIG_ROOT_CNODE_SIZE_BITS slots.
 * It prints the configuration it was built with, so the expectation file can name it.
 */
#include <sel4/sel4.h>
#include <stdio.h>

#include "../boot/root_check.h"

/* seL4's kernel cap type numbers (seL4_DebugCapIdentify). */
enum { NULL_CAP = 0, FRAME_CAP = 1, PAGE_DIRECTORY_CAP = 5 };



/* The smallest RAM untyped of 2^16..2^29 bytes: a 1 GiB object never fits in it. */
static seL4_CPtr small_untyped(const seL4_BootInfo *bi)
{
    seL4_CPtr best = 0;
    seL4_Word best_bits = 64;
    for (seL4_CPtr i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        if (!d->isDevice && d->sizeBits >= 16 && d->sizeBits < 30 && d->sizeBits < best_bits) {
            best = bi->untyped.start + i;
            best_bits = d->sizeBits;
        }
    }
    return best;
}

static void check_root_cnode(const seL4_BootInfo *bi)
{
    CHECK(bi->initThreadCNodeSizeBits == CONFIG_ROOT_CNODE_SIZE_BITS, "root CNode of %lu bits, built for %d",
          (seL4_Word)bi->initThreadCNodeSizeBits, CONFIG_ROOT_CNODE_SIZE_BITS);
    CHECK(bi->empty.end == 1ul << CONFIG_ROOT_CNODE_SIZE_BITS, "empty region ends at %lu", bi->empty.end);
    CHECK(seL4_DebugCapIdentify(bi->empty.end - 1) == NULL_CAP, "the last slot is not an empty slot");
}

/* Retypes one object of type into slot; returns the error. */
static seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_CPtr slot)
{
    return seL4_Untyped_Retype(untyped, type, 0, seL4_CapInitThreadCNode, 0, 0, slot, 1);
}

static void check_object_types(const seL4_BootInfo *bi)
{
    seL4_CPtr ut = small_untyped(bi), slot = bi->empty.start;
    CHECK(ut != 0, "no RAM untyped of 2^16..2^29 bytes");
    seL4_Error e = retype(ut, 7, slot);
#ifdef CONFIG_HUGE_PAGE
    CHECK(e == seL4_NotEnoughMemory, "type 7 (1 GiB frame) from a small untyped: error %d, expected NotEnoughMemory", (int)e);
#else
    CHECK(e == seL4_NoError && seL4_DebugCapIdentify(slot) == FRAME_CAP,
          "type 7 (4 KiB frame): error %d, cap type %u", (int)e, seL4_DebugCapIdentify(slot));
    slot++;
#endif
    e = retype(ut, seL4_X86_PageDirectoryObject, slot);
    CHECK(e == seL4_NoError && seL4_DebugCapIdentify(slot) == PAGE_DIRECTORY_CAP,
          "type %d (page directory): error %d, cap type %u", (int)seL4_X86_PageDirectoryObject, (int)e,
          seL4_DebugCapIdentify(slot));
    e = retype(ut, seL4_ObjectTypeCount, slot + 1);
    CHECK(e == seL4_InvalidArgument && seL4_GetMR(0) == 0, "type %d (seL4_ObjectTypeCount): error %d, MR0 %lu",
          (int)seL4_ObjectTypeCount, (int)e, seL4_GetMR(0));
}

int main(void)
{
    const seL4_BootInfo *bi = seL4_GetBootInfo();
#ifdef CONFIG_HUGE_PAGE
    const char *huge = "on";
#else
    const char *huge = "off";
#endif
    printf("abi_config: CONFIG_HUGE_PAGE %s, seL4_X86_4K = %d, seL4_ObjectTypeCount = %d, root CNode %d bits\n", huge,
           (int)seL4_X86_4K, (int)seL4_ObjectTypeCount, CONFIG_ROOT_CNODE_SIZE_BITS);
    check_root_cnode(bi);
    check_object_types(bi);
    printf("abi_config: %d checks, %d failed\n", root_checks, root_failures);
    seL4_DebugHalt();
    return 0;
}
