/*
 * Portable parts of building the root task's CSpace at boot: handing out slots of the root
 * CNode in order and turning physical regions into untyped caps with their BootInfo
 * descriptors (seL4's provide_cap, write_slot and create_untypeds_for_region).
 */
#include <kernel/boot.h>
#include <kernel/machine.h>
#include <kernel/printf.h>
#include <util.h>

void boot_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kputs("kernel: boot failed: ");
    kvprintf(fmt, ap);
    kputs("\n");
    va_end(ap);
    halt_machine(HALT_PANIC);
}

void boot_reserve(region_list_t *free, paddr_t start, paddr_t end, const char *what)
{
    if (!region_list_remove(free, ROUND_DOWN(start, 12), ROUND_UP(end, 12))) {
        boot_fail("too many physical regions while reserving %s", what);
    }
}

void boot_write_slot(root_cnode_filler_t *f, seL4_SlotPos index, cap_t cap)
{
    cte_t *slot = &f->slots[index];
    slot->cap = cap;
    /* Boot caps are originals: revocable roots of their derivation trees. */
    slot->mdb = mdb_node_new(NULL, NULL, true, true);
}

seL4_SlotPos boot_provide_cap(root_cnode_filler_t *f, cap_t cap)
{
    if (f->next >= f->num_slots) {
        return 0;
    }
    seL4_SlotPos index = f->next++;
    boot_write_slot(f, index, cap);
    return index;
}

struct untyped_ctx {
    root_cnode_filler_t *filler;
    seL4_BootInfo *bi;
    bool device;
    bool dropped;
};

static bool emit_untyped(paddr_t start, unsigned bits, void *p)
{
    struct untyped_ctx *ctx = p;
    seL4_BootInfo *bi = ctx->bi;
    word_t index = bi->untyped.end - bi->untyped.start;
    if (index >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        ctx->dropped = true;
        return false;
    }
    /* Boot untypeds look full until their first retype resets them (seL4 issue 1370). */
    cap_t cap = cap_untyped_cap_new(start, bits, ctx->device, BIT(bits));
    if (boot_provide_cap(ctx->filler, cap) == 0) {
        ctx->dropped = true;
        return false;
    }
    bi->untypedList[index] = (seL4_UntypedDesc){ .paddr = start, .sizeBits = (seL4_Uint8)bits,
                                                 .isDevice = ctx->device };
    bi->untyped.end++;
    return true;
}

bool boot_create_untypeds(root_cnode_filler_t *f, seL4_BootInfo *bi, paddr_t start, paddr_t end,
                          bool device)
{
    struct untyped_ctx ctx = { f, bi, device, false };
    split_into_blocks(start, end, seL4_MinUntypedBits, seL4_MaxUntypedBits, emit_untyped, &ctx);
    if (ctx.dropped) {
        kprintf("warning: no room for more untypeds: [0x%lx, 0x%lx) %s left out\n", start, end,
                device ? "(device)" : "(RAM)");
    }
    return !ctx.dropped;
}
