/*
 * Blob embedding with libelf (image_embed.h).
 */
#include "image_embed.h"

#include <capdl/blob.h>

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE 0x1000u

/* Where the blob lives in a loader ELF. */
typedef struct blob_loc {
    Elf_Scn *scn;
    GElf_Shdr sh;
    size_t ph_index;
    GElf_Phdr ph;
} blob_loc_t;

static bool fail(diag_t *d, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(diag_t *d, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    diag_error(d, (pos_t){ 0 }, NULL, NULL, "loader '%s': %s", path, msg);
    return false;
}

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

/* Checks the ELF is a 64-bit x86_64 executable and finds .capdl_blob and its segment. */
static bool find_blob(Elf *e, const char *path, blob_loc_t *loc, diag_t *d)
{
    GElf_Ehdr eh;
    if (elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        return fail(d, path, "not an ELF file");
    }
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || (eh.e_machine != EM_X86_64 && eh.e_machine != EM_AARCH64) ||
        eh.e_type != ET_EXEC) {
        return fail(d, path, "expected a 64-bit x86_64 executable (ET_EXEC)");
    }
    size_t shstrndx, phnum;
    if (elf_getshdrstrndx(e, &shstrndx) != 0 || elf_getphdrnum(e, &phnum) != 0) {
        return fail(d, path, "unreadable headers: %s", elf_errmsg(-1));
    }
    memset(loc, 0, sizeof(*loc));
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        const char *name = gelf_getshdr(s, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
        if (name && strcmp(name, CDL_BLOB_SECTION) == 0) {
            loc->scn = s;
            loc->sh = sh;
        }
    }
    if (!loc->scn) {
        return fail(d, path, "no section '%s': expected the generic capdl-loader ELF", CDL_BLOB_SECTION);
    }
    size_t last_load = phnum;
    bool found = false;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph)) {
            return fail(d, path, "unreadable program header %zu", i);
        }
        if (ph.p_type != PT_LOAD) {
            continue;
        }
        last_load = i;
        if (!found && ph.p_vaddr == loc->sh.sh_addr) {
            loc->ph_index = i;
            loc->ph = ph;
            found = true;
        }
    }
    if (!found) {
        return fail(d, path, "no PT_LOAD program header starts at '%s' (0x%llx)", CDL_BLOB_SECTION,
                    (unsigned long long)loc->sh.sh_addr);
    }
    if (last_load != loc->ph_index) {
        return fail(d, path, "the segment of '%s' (program header %zu) is not the last PT_LOAD (%zu)",
                    CDL_BLOB_SECTION, loc->ph_index, last_load);
    }
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        gelf_getphdr(e, (int)i, &ph);
        if (ph.p_type == PT_LOAD && i != loc->ph_index && ph.p_vaddr + ph.p_memsz > loc->ph.p_vaddr) {
            return fail(d, path, "program header %zu ends above '%s' (0x%llx): it must be the highest segment", i,
                        CDL_BLOB_SECTION, (unsigned long long)loc->ph.p_vaddr);
        }
    }
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (s != loc->scn && gelf_getshdr(s, &sh) && (sh.sh_flags & SHF_ALLOC) && sh.sh_size &&
            ranges_overlap(sh.sh_addr, sh.sh_size, loc->ph.p_vaddr, loc->ph.p_memsz)) {
            return fail(d, path, "the segment of '%s' also holds section %zu: expected it alone there", CDL_BLOB_SECTION,
                        elf_ndxscn(s));
        }
    }
    return true;
}

static uint64_t blob_offset(const blob_loc_t *loc, size_t file_len)
{
    uint64_t a = loc->ph.p_align > PAGE ? loc->ph.p_align : PAGE;
    return ((file_len + a - 1) / a) * a + loc->ph.p_vaddr % a;
}

/* Re-reads the written file and checks it against the original and the blob. */
static bool verify(const char *path, char *orig, size_t orig_len, char *out, size_t out_len, const void *blob,
                   size_t blob_len, uint64_t off, diag_t *d)
{
    Elf *a = elf_memory(orig, orig_len), *b = elf_memory(out, out_len);
    blob_loc_t la, lb;
    diag_t scratch = { 0 };
    bool ok = a && b && find_blob(a, path, &la, &scratch) && find_blob(b, path, &lb, &scratch);
    diag_free(&scratch);
    GElf_Ehdr eh;
    size_t phnum = 0;
    const char *why = ok ? NULL : "it is no longer a loader ELF";
    if (!why && (lb.sh.sh_offset != off || lb.sh.sh_size != blob_len || lb.ph.p_offset != off ||
                 lb.ph.p_filesz != blob_len || lb.ph.p_memsz != blob_len || off + blob_len > out_len ||
                 memcmp(out + off, blob, blob_len) != 0)) {
        why = "the blob is not where its headers say";
    }
    if (!why) {
        gelf_getehdr(b, &eh);
        elf_getphdrnum(b, &phnum);
        /* The header entries that were meant to change (the segment's and the section's) may lie
         * inside another segment (the first maps the program header table): copy them into the
         * original before comparing. */
        uint64_t ph_at = eh.e_phoff + lb.ph_index * eh.e_phentsize;
        uint64_t sh_at = eh.e_shoff + elf_ndxscn(lb.scn) * eh.e_shentsize;
        if (ph_at + eh.e_phentsize <= orig_len && ph_at + eh.e_phentsize <= out_len) {
            memcpy(orig + ph_at, out + ph_at, eh.e_phentsize);
        }
        if (sh_at + eh.e_shentsize <= orig_len && sh_at + eh.e_shentsize <= out_len) {
            memcpy(orig + sh_at, out + sh_at, eh.e_shentsize);
        }
        uint64_t shdrs = (uint64_t)eh.e_shnum * eh.e_shentsize, phdrs = (uint64_t)eh.e_phnum * eh.e_phentsize;
        if (ranges_overlap(off, blob_len, 0, eh.e_ehsize) || ranges_overlap(off, blob_len, eh.e_phoff, phdrs) ||
            ranges_overlap(off, blob_len, eh.e_shoff, shdrs)) {
            why = "the blob overlaps the ELF header or a header table";
        }
    }
    for (size_t i = 0; !why && i < phnum; i++) {
        GElf_Phdr pa, pb;
        gelf_getphdr(a, (int)i, &pa);
        gelf_getphdr(b, (int)i, &pb);
        if (i == lb.ph_index) {
            continue;
        }
        if (memcmp(&pa, &pb, sizeof(pa)) != 0) {
            why = "another program header changed";
        } else if (pb.p_type == PT_LOAD && (pb.p_offset + pb.p_filesz > out_len || pb.p_offset + pb.p_filesz > orig_len ||
                                           memcmp(out + pb.p_offset, orig + pa.p_offset, pb.p_filesz) != 0)) {
            why = "the bytes of another segment changed";
        } else if (pb.p_type == PT_LOAD && (ranges_overlap(off, blob_len, pb.p_offset, pb.p_filesz) ||
                                           ranges_overlap(lb.ph.p_vaddr, blob_len, pb.p_vaddr, pb.p_memsz))) {
            why = "the blob's segment overlaps another segment";
        }
    }
    if (a) {
        elf_end(a);
    }
    if (b) {
        elf_end(b);
    }
    return why ? fail(d, path, "the embedded copy fails its check: %s", why) : true;
}

static bool rewrite(const char *path, const char *tmp, size_t file_len, const void *blob, size_t blob_len,
                    uint64_t *off, diag_t *d)
{
    int fd = open(tmp, O_RDWR);
    if (fd < 0) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot open '%s': %s", tmp, strerror(errno));
        return false;
    }
    Elf *e = elf_begin(fd, ELF_C_RDWR, NULL);
    blob_loc_t loc;
    bool ok = e && find_blob(e, path, &loc, d);
    Elf_Data *data = ok ? elf_getdata(loc.scn, NULL) : NULL;
    if (ok && (!data || elf_getdata(loc.scn, data) != NULL)) {
        ok = fail(d, path, "'%s' must have exactly one data block", CDL_BLOB_SECTION);
    }
    if (ok) {
        *off = blob_offset(&loc, file_len);
        data->d_buf = (void *)blob;
        data->d_size = blob_len;
        data->d_type = ELF_T_BYTE;
        data->d_off = 0;
        data->d_align = 8;
        elf_flagdata(data, ELF_C_SET, ELF_F_DIRTY);
        loc.sh.sh_type = SHT_PROGBITS;
        loc.sh.sh_offset = *off;
        loc.sh.sh_size = blob_len;
        loc.sh.sh_addralign = 8;
        loc.ph.p_offset = *off;
        loc.ph.p_filesz = loc.ph.p_memsz = blob_len;
        ok = gelf_update_shdr(loc.scn, &loc.sh) && gelf_update_phdr(e, (int)loc.ph_index, &loc.ph);
        elf_flagshdr(loc.scn, ELF_C_SET, ELF_F_DIRTY);
        elf_flagphdr(e, ELF_C_SET, ELF_F_DIRTY);
        elf_flagelf(e, ELF_C_SET, ELF_F_LAYOUT);
        if (!ok || elf_update(e, ELF_C_WRITE) < 0) {
            ok = fail(d, path, "libelf could not write the copy: %s", elf_errmsg(-1));
        }
    }
    if (e) {
        elf_end(e);
    } else {
        ok = fail(d, path, "not an ELF file (%s)", elf_errmsg(-1));
    }
    close(fd);
    return ok;
}

bool image_embed(const char *loader_path, const void *blob, size_t blob_len, const char *out_path, diag_t *d)
{
    elf_version(EV_CURRENT);
    size_t orig_len, out_len;
    char *orig = read_file(loader_path, &orig_len);
    if (!orig) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot read the loader '%s': %s", loader_path, strerror(errno));
        return false;
    }
    char *tmp = xasprintf("%s.tmp", out_path);
    uint64_t off = 0;
    bool ok = write_file(tmp, orig, orig_len);
    if (!ok) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot write '%s': %s", tmp, strerror(errno));
    }
    ok = ok && rewrite(loader_path, tmp, orig_len, blob, blob_len, &off, d);
    char *out = ok ? read_file(tmp, &out_len) : NULL;
    ok = ok && out && verify(loader_path, orig, orig_len, out, out_len, blob, blob_len, off, d);
    if (ok && rename(tmp, out_path) != 0) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot write '%s': %s", out_path, strerror(errno));
        ok = false;
    }
    if (!ok) {
        unlink(tmp);
    }
    free(out);
    free(orig);
    free(tmp);
    return ok;
}

bool image_extract_blob(const char *elf_path, uint8_t **out, size_t *out_len, diag_t *d)
{
    elf_version(EV_CURRENT);
    size_t len;
    char *buf = read_file(elf_path, &len);
    if (!buf) {
        diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot read '%s': %s", elf_path, strerror(errno));
        return false;
    }
    Elf *e = elf_memory(buf, len);
    blob_loc_t loc;
    bool ok = e && find_blob(e, elf_path, &loc, d);
    if (!e) {
        ok = fail(d, elf_path, "not an ELF file");
    }
    if (ok && (loc.sh.sh_type != SHT_PROGBITS || loc.sh.sh_offset > len || loc.sh.sh_size > len - loc.sh.sh_offset)) {
        ok = fail(d, elf_path, "'%s' lies outside the file", CDL_BLOB_SECTION);
    }
    if (ok) {
        *out_len = loc.sh.sh_size;
        *out = xmalloc(loc.sh.sh_size);
        memcpy(*out, buf + loc.sh.sh_offset, loc.sh.sh_size);
    }
    if (e) {
        elf_end(e);
    }
    free(buf);
    return ok;
}
