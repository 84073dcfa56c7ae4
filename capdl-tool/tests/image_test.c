/*
 * Unit tests of the image step: the blob layout (image_blob.c: offsets, alignment, names,
 * identical files stored once), the embedding into a loader ELF (image_embed.c) on a stand-in
 * linked with the loader's own link map (fake_loader.elf): the segment and section point at the
 * blob, every other segment is unchanged byte for byte, nothing overlaps, the output is
 * deterministic and can be embedded again; and the errors: no .capdl_blob, its segment not the
 * last PT_LOAD, not an ELF, unreadable loader and component files, unwritable output. Also the
 * run script (image_folder.c), the QEMU command of `run` (run_cmd.c) and how `run --dump-caps`
 * finds the loader's capability dump in the output (run_dump.c).
 */
#include "test_util.h"

#include "image_blob.h"
#include "image_embed.h"
#include "image_folder.h"
#include "run_cmd.h"
#include "run_dump.h"

#include <capdl/blob.h>

#include <fcntl.h>
#include <gelf.h>
#include <unistd.h>

static const char *bin(void)
{
    const char *b = getenv("CAPDL_BIN");
    return b ? b : ".";
}

static char *bin_path(const char *name)
{
    return xasprintf("%s/%s", bin(), name);
}

/* The single error in d, rendered, must contain want. */
static void assert_error(diag_t *d, const char *want)
{
    char *text = diag_render(d);
    if (!strstr(text, want)) {
        fprintf(stderr, "got: %s\nwant: %s\n", text, want);
    }
    assert_non_null(strstr(text, want));
    free(text);
}

static void test_blob_layout(void **state)
{
    (void)state;
    static const uint8_t spec[13] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 };
    static const uint8_t f1[5] = { 'a', 'b', 'c', 'd', 'e' }, f2[3] = { 'x', 'y', 'z' };
    blob_file_t files[3] = { { "one", NULL }, { "two", NULL }, { "three_same_as_one", NULL } };
    const uint8_t *datas[3] = { f1, f2, f1 };
    size_t sizes[3] = { 5, 3, 5 };
    uint8_t *b;
    size_t len;
    blob_build_mem(spec, sizeof(spec), files, datas, sizes, 3, &b, &len);
    cdl_blob_header_t h;
    memcpy(&h, b, sizeof(h));
    assert_int_equal(h.magic, CDL_BLOB_MAGIC);
    assert_int_equal(h.version, CDL_BLOB_VERSION);
    assert_int_equal(h.total_size, len);
    assert_int_equal(h.spec_offset, sizeof(h));
    assert_int_equal(h.spec_size, 13);
    assert_memory_equal(b + h.spec_offset, spec, 13);
    assert_int_equal(h.files_offset, 48 + 16); /* spec rounded up to 8 */
    assert_int_equal(h.n_files, 3);
    cdl_blob_file_t f[3];
    memcpy(f, b + h.files_offset, sizeof(f));
    assert_string_equal((const char *)b + f[0].name_offset, "one");
    assert_string_equal((const char *)b + f[1].name_offset, "two");
    assert_string_equal((const char *)b + f[2].name_offset, "three_same_as_one");
    for (int i = 0; i < 3; i++) {
        assert_int_equal(f[i].data_offset % 8, 0);
        assert_int_equal(f[i].data_size, sizes[i]);
        assert_true(f[i].data_offset + f[i].data_size <= len);
        assert_memory_equal(b + f[i].data_offset, datas[i], sizes[i]);
    }
    assert_int_equal(f[2].data_offset, f[0].data_offset); /* stored once */
    assert_int_equal(len % 8, 0);
    assert_int_equal(len, f[1].data_offset + 8);
    free(b);
}

/* decode's check of an extracted blob is the loader's (cdl_blob_validate): a valid blob gives its
 * spec; a wrong version or a lying total size is refused with the validator's words. */
static void test_blob_find_spec(void **state)
{
    (void)state;
    static const uint8_t spec[16] = { 1 };
    blob_file_t files[1] = { { "one", NULL } };
    const uint8_t *datas[1] = { spec };
    size_t sizes[1] = { 3 }, len, off, slen;
    uint8_t *b;
    blob_build_mem(spec, sizeof(spec), files, datas, sizes, 1, &b, &len);
    diag_t d = { 0 };
    assert_true(blob_find_spec(b, len, "l.elf", &off, &slen, &d));
    assert_int_equal(off, sizeof(cdl_blob_header_t));
    assert_int_equal(slen, 16);
    cdl_blob_header_t h;
    memcpy(&h, b, sizeof(h));
    h.version = 2;
    memcpy(b, &h, sizeof(h));
    assert_false(blob_find_spec(b, len, "l.elf", &off, &slen, &d));
    assert_error(&d, "'l.elf': the embedded blob is refused: unsupported blob version");
    h.version = CDL_BLOB_VERSION;
    h.total_size = 1ull << 40;
    memcpy(b, &h, sizeof(h));
    assert_false(blob_find_spec(b, len, "l.elf", &off, &slen, &d));
    assert_error(&d, "'l.elf': the embedded blob is refused: its total size is larger than the loaded image");
    diag_free(&d);
    free(b);
}

static void test_blob_unreadable_file(void **state)
{
    (void)state;
    diag_t d = { 0 };
    blob_file_t files[2] = { { "a", "/nonexistent/a.elf" }, { "a", "/nonexistent/b.elf" } };
    uint8_t *b = NULL;
    size_t len;
    assert_false(blob_build("", 0, files, 2, &b, &len, &d));
    assert_null(b);
    assert_error(&d, "cannot read '/nonexistent/a.elf' (the ELF of 'a'): No such file or directory");
    assert_error(&d, "blob: two files are called 'a'");
    diag_free(&d);
}

/* Components built from one ELF path: the file is read once and its bytes stored once; a
 * second path with the same bytes shares them too, a third with other bytes does not. */
static void test_blob_shared_paths(void **state)
{
    (void)state;
    char dir[] = "/tmp/capdl-blob-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *same = xasprintf("%s/same.elf", dir), *copy = xasprintf("%s/copy.elf", dir);
    char *other = xasprintf("%s/other.elf", dir);
    assert_true(write_file(same, "0123456789abcdef", 16) && write_file(copy, "0123456789abcdef", 16) &&
                write_file(other, "fedcba9876543210", 16));
    blob_file_t files[4] = { { "c1", same }, { "c2", other }, { "c3", same }, { "c4", copy } };
    diag_t d = { 0 };
    uint8_t *b = NULL;
    size_t len;
    assert_true(blob_build("", 0, files, 4, &b, &len, &d));
    const cdl_blob_header_t *h = (const cdl_blob_header_t *)b;
    const cdl_blob_file_t *t = (const cdl_blob_file_t *)(b + h->files_offset);
    assert_int_equal(h->n_files, 4);
    assert_int_equal(t[0].data_offset, t[2].data_offset);
    assert_int_equal(t[0].data_offset, t[3].data_offset);
    assert_true(t[1].data_offset != t[0].data_offset);
    assert_memory_equal(b + t[2].data_offset, "0123456789abcdef", 16);
    assert_memory_equal(b + t[1].data_offset, "fedcba9876543210", 16);
    assert_int_equal(len, t[1].data_offset > t[0].data_offset ? t[1].data_offset + 16 : t[0].data_offset + 16);
    free(b);
    unlink(same), unlink(copy), unlink(other), rmdir(dir);
    free(same), free(copy), free(other);
}

/* A spilling string builder writes everything, in order, through its file. */
static void test_strbuf_spill(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    strbuf_t sb = { .spill = f }, whole = { 0 };
    for (int i = 0; i < 20000; i++) {
        sb_printf(&sb, "line %d of the spilled text\n", i);
        sb_printf(&whole, "line %d of the spilled text\n", i);
    }
    assert_true(sb.len < 65536 + 64); /* spilled as it went */
    assert_true(sb_flush(&sb));
    rewind(f);
    char *back = xmalloc(whole.len + 1);
    assert_int_equal(fread(back, 1, whole.len + 1, f), whole.len);
    assert_memory_equal(back, whole.s, whole.len);
    free(back);
    fclose(f);
    sb_free(&sb);
    sb_free(&whole);
}

/* A blob of n bytes with a pattern, through the builder (spec = pattern). */
static uint8_t *pattern_blob(size_t spec_len, size_t *len)
{
    uint8_t *spec = xmalloc(spec_len);
    for (size_t i = 0; i < spec_len; i++) {
        spec[i] = (uint8_t)(i * 7 + 3);
    }
    uint8_t *b;
    blob_build_mem(spec, spec_len, NULL, NULL, NULL, 0, &b, len);
    free(spec);
    return b;
}

typedef struct loaded {
    char *buf;
    size_t len;
    Elf *e;
} loaded_t;

static loaded_t load(const char *path)
{
    loaded_t l;
    l.buf = read_file(path, &l.len);
    assert_non_null(l.buf);
    elf_version(EV_CURRENT);
    l.e = elf_memory(l.buf, l.len);
    assert_non_null(l.e);
    return l;
}

static void unload(loaded_t *l)
{
    elf_end(l->e);
    free(l->buf);
}

static Elf_Scn *section(Elf *e, const char *want, GElf_Shdr *sh)
{
    size_t strndx;
    elf_getshdrstrndx(e, &strndx);
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        gelf_getshdr(s, sh);
        if (strcmp(elf_strptr(e, strndx, sh->sh_name), want) == 0) {
            return s;
        }
    }
    return NULL;
}

static void check_embedded(const char *orig_path, const char *out_path, const uint8_t *blob, size_t blob_len)
{
    loaded_t a = load(orig_path), b = load(out_path);
    GElf_Shdr sa, sb;
    assert_non_null(section(a.e, ".capdl_blob", &sa));
    assert_non_null(section(b.e, ".capdl_blob", &sb));
    assert_int_equal(sb.sh_addr, sa.sh_addr);
    assert_int_equal(sb.sh_size, blob_len);
    assert_int_equal(sb.sh_offset % 0x1000, sb.sh_addr % 0x1000);
    assert_true(sb.sh_offset >= a.len); /* appended */
    assert_memory_equal(b.buf + sb.sh_offset, blob, blob_len);
    size_t na, nb;
    elf_getphdrnum(a.e, &na);
    elf_getphdrnum(b.e, &nb);
    assert_int_equal(na, nb);
    int blob_segments = 0;
    for (size_t i = 0; i < na; i++) {
        GElf_Phdr pa, pb;
        gelf_getphdr(a.e, (int)i, &pa);
        gelf_getphdr(b.e, (int)i, &pb);
        if (pa.p_type == PT_LOAD && pa.p_vaddr == sa.sh_addr) {
            blob_segments++;
            assert_int_equal(pb.p_offset, sb.sh_offset);
            assert_int_equal(pb.p_filesz, blob_len);
            assert_int_equal(pb.p_memsz, blob_len);
            assert_int_equal(pb.p_vaddr, pa.p_vaddr);
            continue;
        }
        assert_memory_equal(&pa, &pb, sizeof(pa));
        if (pa.p_type == PT_LOAD && pa.p_offset > 0) { /* the first holds the patched header table */
            assert_memory_equal(a.buf + pa.p_offset, b.buf + pb.p_offset, pa.p_filesz);
        }
        if (pa.p_type == PT_LOAD) {
            assert_true(pb.p_vaddr + pb.p_memsz <= sb.sh_addr);
            assert_true(pb.p_offset + pb.p_filesz <= sb.sh_offset);
        }
    }
    assert_int_equal(blob_segments, 1);
    /* Every other section's bytes are where they were. */
    for (Elf_Scn *s = elf_nextscn(a.e, NULL); s; s = elf_nextscn(a.e, s)) {
        GElf_Shdr x, y;
        gelf_getshdr(s, &x);
        gelf_getshdr(elf_getscn(b.e, elf_ndxscn(s)), &y);
        if (x.sh_offset != sa.sh_offset || x.sh_size != sa.sh_size) {
            assert_memory_equal(&x, &y, sizeof(x));
            if (x.sh_type != SHT_NOBITS) {
                assert_memory_equal(a.buf + x.sh_offset, b.buf + y.sh_offset, x.sh_size);
            }
        }
    }
    unload(&a);
    unload(&b);
}

static void test_embed_fake_loader(void **state)
{
    (void)state;
    char *loader = bin_path("fake_loader.elf"), *out = bin_path("image_test_out.elf");
    char *out2 = bin_path("image_test_out2.elf"), *out3 = bin_path("image_test_out3.elf");
    size_t len;
    uint8_t *blob = pattern_blob(3 * 4096 + 5, &len);
    diag_t d = { 0 };
    bool ok = image_embed(loader, blob, len, out, &d);
    diag_print(&d, stderr);
    assert_true(ok);
    check_embedded(loader, out, blob, len);
    /* Deterministic. */
    assert_true(image_embed(loader, blob, len, out2, &d));
    size_t l1, l2;
    char *b1 = read_file(out, &l1), *b2 = read_file(out2, &l2);
    assert_int_equal(l1, l2);
    assert_memory_equal(b1, b2, l1);
    free(b1);
    free(b2);
    /* Read back; and an image's loader can be embedded into again. */
    uint8_t *back;
    size_t back_len;
    assert_true(image_extract_blob(out, &back, &back_len, &d));
    assert_int_equal(back_len, len);
    assert_memory_equal(back, blob, len);
    free(back);
    size_t small_len;
    uint8_t *small = pattern_blob(10, &small_len);
    assert_true(image_embed(out, small, small_len, out3, &d));
    assert_true(image_extract_blob(out3, &back, &back_len, &d));
    assert_int_equal(back_len, small_len);
    assert_memory_equal(back, small, small_len);
    assert_int_equal(d.n, 0);
    free(back);
    free(small);
    free(blob);
    free(loader), free(out), free(out2), free(out3);
}

static void expect_embed_error(const char *loader, const char *want)
{
    diag_t d = { 0 };
    char *out = bin_path("image_test_err.elf");
    unlink(out);
    size_t len;
    uint8_t *blob = pattern_blob(100, &len);
    assert_false(image_embed(loader, blob, len, out, &d));
    assert_error(&d, want);
    assert_int_equal(access(out, F_OK), -1); /* nothing written */
    char *tmp = xasprintf("%s.tmp", out);
    assert_int_equal(access(tmp, F_OK), -1);
    free(tmp);
    free(blob);
    free(out);
    diag_free(&d);
}

static void test_embed_no_section(void **state)
{
    (void)state;
    char *p = bin_path("echo_server.elf"); /* a component: user.ld, no .capdl_blob */
    char *want = xasprintf("loader '%s': no section '.capdl_blob': expected the generic capdl-loader ELF", p);
    expect_embed_error(p, want);
    free(want);
    free(p);
}

static void test_embed_not_last_segment(void **state)
{
    (void)state;
    /* A copy of the fake loader whose PT_TLS header (after the blob's) is made a PT_LOAD. */
    char *src = bin_path("fake_loader.elf"), *p = bin_path("image_test_notlast.elf");
    size_t len;
    char *buf = read_file(src, &len);
    assert_true(write_file(p, buf, len));
    free(buf);
    int fd = open(p, O_RDWR);
    Elf *e = elf_begin(fd, ELF_C_RDWR, NULL);
    size_t n;
    elf_getphdrnum(e, &n);
    bool changed = false;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        gelf_getphdr(e, (int)i, &ph);
        if (ph.p_type == PT_TLS) {
            ph.p_type = PT_LOAD;
            gelf_update_phdr(e, (int)i, &ph);
            changed = true;
        }
    }
    assert_true(changed);
    elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
    assert_true(elf_update(e, ELF_C_WRITE) >= 0);
    elf_end(e);
    close(fd);
    expect_embed_error(p, "the segment of '.capdl_blob' (program header 3) is not the last PT_LOAD (4)");
    free(src);
    free(p);
}

static void test_embed_bad_files(void **state)
{
    (void)state;
    expect_embed_error("/nonexistent/loader.elf",
                       "cannot read the loader '/nonexistent/loader.elf': No such file or directory");
    char *p = bin_path("image_test_text.elf");
    assert_true(write_file(p, "not an ELF at all", 17));
    expect_embed_error(p, "not an ELF file");
    free(p);
    /* An unwritable output. */
    diag_t d = { 0 };
    char *loader = bin_path("fake_loader.elf");
    size_t len;
    uint8_t *blob = pattern_blob(8, &len);
    assert_false(image_embed(loader, blob, len, "/nonexistent/dir/loader.elf", &d));
    assert_error(&d, "cannot write '/nonexistent/dir/loader.elf.tmp'");
    diag_free(&d);
    free(blob);
    free(loader);
}

static void test_run_script(void **state)
{
    (void)state;
    char *s = image_run_script("demo", 256ull << 20);
    assert_non_null(strstr(s, "# Boots the image \"demo\" in QEMU"));
    assert_non_null(strstr(s, "\nmemory=256M\n"));
    assert_non_null(strstr(s, "-machine pc -cpu qemu64 -display none -vga none -serial stdio -monitor none "
                              "-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -m \"$memory\""));
    assert_non_null(strstr(s, "cd \"$here\" || exit 2\n")); /* the module's name alone: no path in the log */
    assert_non_null(strstr(s, "-kernel \"$here/kernel.elf32\" -initrd \"loader.elf\""));
    assert_non_null(strstr(s, "  3) echo \"run: panic (QEMU status 3)\" >&2; exit 1 ;;"));
    assert_null(strstr(s, "@CAPDL"));
    free(s);
    char *m;
    assert_string_equal(m = image_memory_arg(2ull << 30), "2G"), free(m);
    assert_string_equal(m = image_memory_arg(1536ull << 20), "1536M"), free(m);
    assert_string_equal(m = image_memory_arg((16ull << 20) + 1), "17M"), free(m);
}

/* An AArch64 system's folder: QEMU virt's line (cmake/qemu.cmake QEMU_AARCH64_*), kernel.elf,
 * the loader put at 0x48000000 by the generic loader device, the same exit mapping. */
static void test_run_script_aarch64(void **state)
{
    (void)state;
    char *s = image_run_script_arch("demo", 1ull << 30, true);
    assert_non_null(strstr(s, "\nmemory=1G\n"));
    assert_non_null(strstr(s, "qemu=${QEMU:-qemu-system-aarch64}"));
    assert_non_null(strstr(s, "-machine virt,gic-version=2 -cpu cortex-a57 -display none -serial stdio -monitor none "
                              "-no-reboot -semihosting -m \"$memory\""));
    assert_non_null(strstr(s, "-kernel \"$here/kernel.elf\" -device \"loader,file=loader.elf,addr=0x48000000,"
                              "force-raw=on\""));
    assert_non_null(strstr(s, "icount=\"-icount shift=0,sleep=off\""));
    assert_non_null(strstr(s, "apt-get install qemu-system-arm"));
    assert_non_null(strstr(s, "  3) echo \"run: panic (QEMU status 3)\" >&2; exit 1 ;;"));
    assert_null(strstr(s, "-initrd \""));
    assert_null(strstr(s, "@CAPDL"));
    free(s);
    assert_string_equal(image_kernel_name(true), "kernel.elf");
    assert_string_equal(image_kernel_name(false), "kernel.elf32");
}

/* A checked AArch64 run: the harness on QEMU virt (--arch aarch64), the folder's kernel.elf. */
static void test_run_argv_aarch64(void **state)
{
    (void)state;
    run_opts_t o = { .dir = "/img", .system = "demo", .memory = 512ull << 20, .qemu_test = "/bin/qemu-test",
                     .expect = "x.expect", .aarch64 = true };
    char **v = run_argv(&o);
    const char *checked[] = { "/bin/qemu-test", "--arch", "aarch64", "--name", "demo", "--expect", "x.expect",
                              "--memory", "512M", "--kernel", "/img/kernel.elf", "--module", "/img/loader.elf", NULL };
    for (int i = 0; checked[i]; i++) {
        assert_string_equal(v[i], checked[i]);
    }
    assert_null(v[13]);
    run_free_argv(v);
}

static void test_run_argv(void **state)
{
    (void)state;
    char *extra[] = { "-d", "int" };
    run_opts_t o = { .dir = "/img", .system = "demo", .memory = 512ull << 20, .qemu_test = "/bin/qemu-test" };
    char **v = run_argv(&o);
    const char *plain[] = { "/img/run", "--memory", "512M", NULL };
    for (int i = 0; plain[i]; i++) {
        assert_string_equal(v[i], plain[i]);
    }
    assert_null(v[3]);
    run_free_argv(v);
    o.expect = "x.expect";
    o.timeout = "30";
    o.end = "panic";
    o.extra = extra;
    o.n_extra = 2;
    v = run_argv(&o);
    const char *checked[] = { "/bin/qemu-test", "--name", "demo", "--timeout", "30", "--expect", "x.expect",
                              "--end", "panic", "--memory", "512M", "--kernel", "/img/kernel.elf32", "--module",
                              "/img/loader.elf", "--", "-d", "int", NULL };
    for (int i = 0; checked[i]; i++) {
        assert_string_equal(v[i], checked[i]);
    }
    assert_null(v[18]);
    run_free_argv(v);
    /* a log alone makes the run a checked one (run --dump-caps reads the output from it) */
    run_opts_t logged = { .dir = "/img", .system = "demo", .memory = 1ull << 30, .qemu_test = "/bin/qemu-test",
                          .log = "/img/capdl-run.log" };
    v = run_argv(&logged);
    const char *with_log[] = { "/bin/qemu-test", "--name", "demo", "--log", "/img/capdl-run.log", "--memory", "1G",
                               "--kernel", "/img/kernel.elf32", "--module", "/img/loader.elf", NULL };
    for (int i = 0; with_log[i]; i++) {
        assert_string_equal(v[i], with_log[i]);
    }
    assert_null(v[11]);
    run_free_argv(v);
}

static void test_dump_extract(void **state)
{
    (void)state;
    static const char out[] = "capdl-loader: 9 objects\r\n"
                              "capdl-dump 1\r\n"
                              "cap a.cnode 1 ep RW 0x5\r\n"
                              "# end of capdl-dump\r\n"
                              "hello from a\n";
    strbuf_t b = { 0 };
    assert_true(dump_extract(out, sizeof(out) - 1, &b));
    assert_string_equal(b.s, "capdl-dump 1\ncap a.cnode 1 ep RW 0x5\n# end of capdl-dump\n");
    sb_free(&b);
    /* no end marker (the boot failed half-way), no dump at all: nothing appended */
    static const char cut[] = "capdl-dump 1\ncap a.cnode 1 ep RW\nKERNEL PANIC\n";
    b = (strbuf_t){ 0 };
    assert_false(dump_extract(cut, sizeof(cut) - 1, &b));
    assert_int_equal(b.len, 0);
    assert_false(dump_extract("hello\n", 6, &b));
    assert_int_equal(b.len, 0);
    /* a dump restarted after a reset: the complete one; the last line may lack its newline */
    static const char twice[] = "capdl-dump 1\ncap x\ncapdl-dump 1\ncap y\n# end of capdl-dump";
    assert_true(dump_extract(twice, sizeof(twice) - 1, &b));
    assert_string_equal(b.s, "capdl-dump 1\ncap y\n# end of capdl-dump\n");
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blob_layout),       cmocka_unit_test(test_blob_unreadable_file),
        cmocka_unit_test(test_blob_find_spec),    cmocka_unit_test(test_blob_shared_paths),
        cmocka_unit_test(test_strbuf_spill),
        cmocka_unit_test(test_embed_fake_loader), cmocka_unit_test(test_embed_no_section),
        cmocka_unit_test(test_embed_not_last_segment), cmocka_unit_test(test_embed_bad_files),
        cmocka_unit_test(test_run_script),        cmocka_unit_test(test_run_argv),
        cmocka_unit_test(test_run_script_aarch64), cmocka_unit_test(test_run_argv_aarch64),
        cmocka_unit_test(test_dump_extract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
