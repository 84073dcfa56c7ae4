/*
 * Unit tests of the binary spec (spec_write.c, libcapdl's validator and allocator,
 * spec_decode.c) and of the CSpace/VSpace layout results they carry.
 */
#include "test_util.h"

#include "gen_source.h"

#include "alloc_sim.h"
#include "spec_decode.h"

static void test_layout_slots(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, echo_like);
    sys_comp_t *a = &r.m.comps.v[0];
    assert_int_equal(a->caps.v[0].slot, 1);
    assert_int_equal(a->caps.v[6].slot, 7);
    assert_int_equal(a->threads.v[0].fault_slot, 9); /* after the 8 named caps */
    assert_int_equal(r.m.objs.v[a->cnode].size_bits, 4);
    assert_int_equal(r.m.tcbs.v[r.m.objs.v[a->threads.v[0].tcb].aux].fault_ep, 9);
    pipeline_free(&r);
}

static void test_spec_valid_and_compact(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, echo_like);
    assert_true(pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED));
    cdl_spec_t s;
    assert_int_equal(cdl_spec_validate(r.spec, r.spec_len, &s).status, CDL_OK);
    assert_int_equal(s.n_objects, r.m.objs.n);
    assert_int_equal(s.n_caps, r.m.caps.n);
    assert_true(r.stats.caps_bytes == 12 * r.stats.n_caps); /* 12-byte cap records (format 5) */
    /* The wide badge survived. */
    bool found = false;
    for (uint32_t i = 0; i < s.n_caps; i++) {
        found |= cdl_cap_data(&s, &s.caps[i]) == 0x123456789ull;
    }
    assert_true(found);
    pipeline_free(&r);
}

static void test_spec_corruption_detected(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, echo_like);
    spec_write(&r.m, &r.spec, &r.spec_len, &r.stats);
    cdl_spec_t s;
    r.spec[r.spec_len - 1] ^= 1;
    assert_int_equal(cdl_spec_validate(r.spec, r.spec_len, &s).status, CDL_ERR_CHECKSUM);
    r.spec[r.spec_len - 1] ^= 1;
    assert_int_equal(cdl_spec_validate(r.spec, r.spec_len - 8, &s).status, CDL_ERR_TRUNCATED);
    r.spec[0] ^= 1;
    assert_int_equal(cdl_spec_validate(r.spec, r.spec_len, &s).status, CDL_ERR_MAGIC);
    pipeline_free(&r);
}

static void test_decode(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, echo_like);
    spec_write(&r.m, &r.spec, &r.spec_len, &r.stats);
    strbuf_t out = { 0 };
    assert_int_equal(spec_decode(r.spec, r.spec_len, &out).status, CDL_OK);
    assert_non_null(strstr(out.s, "vga = frame (12 bits) paddr=0xb8000"));
    assert_non_null(strstr(out.s, "a.tcb = tcb"));
    assert_non_null(strstr(out.s, "timer = irq irq=0"));
    assert_non_null(strstr(out.s, "badge: 0xbeef"));
    sb_free(&out);
    pipeline_free(&r);
}

static void test_alloc_out_of_memory(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, "system: t\nmemory: 64M\nobjects:\n  big: {type: untyped, bits: 26}\n"
                "components:\n  a:\n    elf: a.elf\n    caps:\n      u: {object: big}\n");
    assert_false(pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED));
    char *msg = diag_render(&r.d);
    assert_non_null(strstr(msg, "test.yaml:4:3: error: out of memory: 'big' (ut, 67108864 bytes) does not fit"));
    free(msg);
    pipeline_free(&r);
}

static void test_alloc_device_unreachable(void **state)
{
    (void)state;
    tool_run_t r;
    /* 0x200000 is RAM for 64M: no device untyped covers it. */
    load_ok(&r, "system: t\nmemory: 64M\nobjects:\n  dev: {type: frame, paddr: 0x200000}\n"
                "components:\n  a:\n    elf: a.elf\n    caps:\n      d: {object: dev, rights: [read]}\n");
    assert_true(pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED) == false);
    char *msg = diag_render(&r.d);
    assert_non_null(strstr(msg, "'dev' at paddr 0x200000 is not inside any untyped"));
    free(msg);
    pipeline_free(&r);
}

static void test_alloc_routine(void **state)
{
    (void)state;
    cdl_untyped_t uts[3] = { { 0x100000, 20, 0 }, { 0x400000, 22, 0 }, { 0xb8000, 12, 1 } };
    uint64_t wm[3];
    uint32_t order[3], ut;
    uint64_t addr;
    cdl_alloc_state_t st;
    cdl_alloc_init(&st, uts, 3, wm, order);
    assert_int_equal(order[0], 1); /* largest RAM first, device last */
    assert_int_equal(cdl_alloc_place(&st, 12, true, 0xb8000, &ut, &addr), CDL_OK);
    assert_int_equal(ut, 2);
    assert_int_equal(cdl_alloc_place(&st, 12, true, 0xb8000, &ut, &addr), CDL_ERR_PADDR_TAKEN);
    assert_int_equal(cdl_alloc_place(&st, 22, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(addr, 0x400000);
    assert_int_equal(cdl_alloc_place(&st, 12, false, 0, &ut, &addr), CDL_OK);
    assert_int_equal(addr, 0x100000);
    assert_int_equal(cdl_alloc_place(&st, 21, false, 0, &ut, &addr), CDL_ERR_OUT_OF_MEMORY);
}

static void test_kernel_untypeds(void **state)
{
    (void)state;
    cdl_untyped_t uts[KERNEL_UNTYPEDS_MAX];
    unsigned n = kernel_untypeds(512ull << 20, 32ull << 20, uts);
    uint64_t ram = 0;
    bool device_first = true, seen_ram = false;
    for (unsigned i = 0; i < n; i++) {
        ram += uts[i].is_device ? 0 : 1ull << uts[i].size_bits;
        device_first &= !(seen_ram && uts[i].is_device);
        seen_ram |= !uts[i].is_device;
    }
    assert_true(device_first);
    assert_int_equal(ram, ((512ull - 1 - 32) << 20) - (128 << 10));
}

/* QEMU virt (kernel_untypeds_aarch64.c): device untypeds first, covering [0, 2^44) but RAM and
 * the two GIC pages; then RAM only inside [0x40000000, 0x40000000 + RAM), never below the
 * kernel's start plus the reserved bytes except the root task ELF's pages at 0x48000000. */
static void test_kernel_untypeds_aarch64(void **state)
{
    (void)state;
    cdl_untyped_t uts[KERNEL_UNTYPEDS_MAX];
    const uint64_t mib = 1ull << 20, ram_end = 0x40000000ull + 512 * mib, reserved = 32 * mib;
    unsigned n = kernel_untypeds_aarch64(512 * mib, reserved, uts);
    uint64_t ram = 0, device = 0;
    bool seen_ram = false;
    for (unsigned i = 0; i < n; i++) {
        uint64_t s = uts[i].paddr, e = s + (1ull << uts[i].size_bits);
        assert_false(seen_ram && uts[i].is_device);
        seen_ram |= !uts[i].is_device;
        if (uts[i].is_device) {
            device += e - s;
            assert_true(e <= 0x40000000ull || s >= ram_end);
            assert_true(e <= 0x08000000ull || s >= 0x08011000ull || (s >= 0x08001000ull && e <= 0x08010000ull));
        } else {
            ram += e - s;
            assert_true(s >= 0x40200000ull + reserved && e <= ram_end);
        }
    }
    assert_int_equal(device, (1ull << 44) - 512 * mib - 2 * 4096);
    assert_int_equal(ram, 512 * mib - 2 * mib - reserved);
    assert_int_equal(kernel_aarch64_min_ram(reserved), 160 * mib);
    uint64_t s, e;
    assert_int_equal(kernel_ram_ranges_aarch64(1ull << 30, &s, &e), 1);
    assert_int_equal(s, 0x40000000ull);
    assert_int_equal(e, 0x80000000ull);
}

/* The RAM ranges are the ones QEMU's memory map gives the kernel (measured, docs/capdl-tool.md). */
static void test_kernel_ram_ranges(void **state)
{
    (void)state;
    uint64_t s[2], e[2];
    assert_int_equal(kernel_ram_ranges(512ull << 20, s, e), 1);
    assert_int_equal(s[0], 0x100000);
    assert_int_equal(e[0], 0x1ffe0000);
    assert_int_equal(kernel_ram_ranges(3500ull << 20, s, e), 1); /* below 0xe0000000: all low */
    assert_int_equal(e[0], (3500ull << 20) - 0x20000);
    assert_int_equal(kernel_ram_ranges(4096ull << 20, s, e), 2);
    assert_int_equal(e[0], 0xbffe0000);
    assert_int_equal(s[1], 4ull << 30);
    assert_int_equal(e[1], 5ull << 30);
}

/* The case: 2^28 + 2^27 + 2^26 bytes of untypeds seemed to fit 512 MiB, but the top of
 * RAM is 128 KiB short of 512 MiB, so no 2^28 block exists. */
static void test_alloc_uses_real_ram_top(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, "system: t\nmemory: 512M\nobjects:\n  u28: {type: untyped, bits: 28}\n"
                "  u27: {type: untyped, bits: 27}\n  u26: {type: untyped, bits: 26}\n"
                "components:\n  a:\n    elf: a.elf\n    caps:\n      a: {object: u28}\n      b: {object: u27}\n"
                "      c: {object: u26}\n");
    assert_false(pipeline_back(&r, 0, ALLOC_DEFAULT_RESERVED));
    char *msg = diag_render(&r.d);
    assert_non_null(strstr(msg, "test.yaml:4:3: error: out of memory: 'u28' (ut, 268435456 bytes) does not fit; the "
                                "system needs 458790 KiB of RAM objects, the kernel leaves 490368 KiB for 512 MiB of "
                                "RAM, in aligned blocks of at most 131072 KiB"));
    free(msg);
    pipeline_free(&r);
}

/* A cap to the component's own main thread becomes capdl_self_tcb, the runtime's quiet exit; a
 * component without one gets a notification of its own to wait on, after its other caps. */
static void test_gen_source_self_tcb(void **state)
{
    (void)state;
    tool_run_t r;
    load_ok(&r, "system: t\ncomponents:\n  a:\n    elf: a.elf\n    caps:\n      x: empty\n      me: {tcb: self}\n"
                "  b:\n    elf: b.elf\n    caps:\n      a_tcb: {tcb: a}\n");
    strbuf_t out = { 0 };
    gen_source(&r.m, 0, &out);
    assert_non_null(strstr(out.s, "seL4_CPtr me = 2;\n/* The main thread's cap to itself: the runtime's exit() "
                                  "suspends the thread through it,\n * a quiet end. */\n"
                                  "const seL4_CPtr capdl_self_tcb = 2;\n"));
    assert_null(strstr(out.s, "capdl_exit_notification"));
    assert_int_equal(model_find(&r.m, "a.exit"), CDL_NONE);
    sb_free(&out);
    gen_source(&r.m, 1, &out); /* a cap to another component's thread is not its own */
    assert_null(strstr(out.s, "capdl_self_tcb"));
    assert_non_null(strstr(out.s, "seL4_CPtr a_tcb = 1;\n/* A notification nobody signals (added by capdl-tool): "));
    assert_non_null(strstr(out.s, "const seL4_CPtr capdl_exit_notification = 2;\n"));
    assert_int_not_equal(model_find(&r.m, "b.exit"), CDL_NONE);
    sb_free(&out);
    pipeline_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_slots),
        cmocka_unit_test(test_spec_valid_and_compact),
        cmocka_unit_test(test_spec_corruption_detected),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_alloc_out_of_memory),
        cmocka_unit_test(test_alloc_device_unreachable),
        cmocka_unit_test(test_alloc_routine),
        cmocka_unit_test(test_kernel_untypeds),
        cmocka_unit_test(test_kernel_untypeds_aarch64),
        cmocka_unit_test(test_gen_source_self_tcb),
        cmocka_unit_test(test_kernel_ram_ranges),
        cmocka_unit_test(test_alloc_uses_real_ram_top),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
