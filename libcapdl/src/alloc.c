/*
 * The shared allocation routine (capdl/alloc.h): the order in which the loader carves objects
 * out of untypeds, run for real by the loader and simulated by the host tool.
 */
#include <capdl/alloc.h>

static uint64_t ut_end(const cdl_untyped_t *u)
{
    return u->paddr + (1ull << u->size_bits);
}

/* True if untyped a should be used before untyped b (RAM first, larger first, lower first). */
static bool ut_before(const cdl_untyped_t *a, const cdl_untyped_t *b)
{
    if (a->is_device != b->is_device) {
        return !a->is_device;
    }
    if (a->size_bits != b->size_bits) {
        return a->size_bits > b->size_bits;
    }
    return a->paddr < b->paddr;
}

void cdl_alloc_init(cdl_alloc_state_t *st, const cdl_untyped_t *uts, uint32_t n, uint64_t *watermark,
                    uint32_t *order)
{
    st->uts = uts;
    st->n = n;
    st->watermark = watermark;
    st->order = order;
    st->cur = 0;
    st->n_ram = 0;
    /* Insertion sort: n is the kernel's BootInfo untyped count (a few hundred at most). */
    for (uint32_t i = 0; i < n; i++) {
        watermark[i] = uts[i].paddr;
        uint32_t j = i;
        while (j > 0 && ut_before(&uts[i], &uts[order[j - 1]])) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
        st->n_ram += uts[i].is_device ? 0 : 1;
    }
}

static cdl_status_t place_at(cdl_alloc_state_t *st, uint64_t size, uint64_t paddr, uint32_t *ut)
{
    for (uint32_t i = 0; i < st->n; i++) {
        const cdl_untyped_t *u = &st->uts[i];
        if (paddr >= u->paddr && paddr + size > paddr && paddr + size <= ut_end(u)) {
            if (paddr < st->watermark[i]) {
                return CDL_ERR_PADDR_TAKEN;
            }
            st->watermark[i] = paddr + size;
            *ut = i;
            return CDL_OK;
        }
    }
    return CDL_ERR_PADDR_UNREACHABLE;
}

cdl_status_t cdl_alloc_place(cdl_alloc_state_t *st, unsigned mem_bits, bool has_paddr, uint64_t paddr,
                             uint32_t *ut, uint64_t *addr)
{
    uint64_t size = 1ull << mem_bits;
    if (has_paddr) {
        *addr = paddr;
        return (paddr & (size - 1)) ? CDL_ERR_PADDR_UNREACHABLE : place_at(st, size, paddr, ut);
    }
    for (; st->cur < st->n_ram; st->cur++) {
        uint32_t i = st->order[st->cur];
        uint64_t a = (st->watermark[i] + size - 1) & ~(size - 1);
        if (a >= st->watermark[i] && a + size > a && a + size <= ut_end(&st->uts[i])) {
            st->watermark[i] = a + size;
            *ut = i;
            *addr = a;
            return CDL_OK;
        }
    }
    return CDL_ERR_OUT_OF_MEMORY;
}

cdl_result_t cdl_alloc_spec(const cdl_spec_t *spec, cdl_alloc_state_t *st, cdl_alloc_cb_t cb, void *ctx)
{
    cdl_result_t r = { CDL_OK, CDL_NONE };
    for (uint32_t i = 0; i < spec->n_objects; i++) {
        const cdl_object_t *o = &spec->objects[i];
        unsigned bits = cdl_obj_mem_bits(o->type, o->size_bits);
        if (bits == 0) {
            continue;
        }
        uint32_t ut;
        uint64_t addr;
        bool has_paddr = cdl_obj_has_paddr(o);
        cdl_status_t s = cdl_alloc_place(st, bits, has_paddr, has_paddr ? spec->wide[o->aux] : 0, &ut, &addr);
        if (s != CDL_OK) {
            r.status = s;
            r.index = i;
            return r;
        }
        if (cb) {
            cb(i, ut, addr, ctx);
        }
    }
    return r;
}
