/*
 * The ELF ingestion pass (elf_ingest.h). One component at a time: open and check the ELF,
 * read its PT_LOAD headers and symbol table, then emit frames, fills and mappings.
 *
 * What does not depend on the component is read once per ELF file: a large system's
 * components mostly share a few ELFs, and opening, checking and walking the symbol table of the
 * same file for each of 4,000 components was a fifth of check. A file that passed its own
 * checks and has components still to come is kept (headers, segments, defined symbols, closed);
 * the checks that depend on the component (W+X, its symbols, its entry points) run for each.
 */
#include "elf_ingest.h"

#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A name -> number table (open addressing over FNV-1a hashes); the keys stay the caller's. */
typedef struct str_map {
    const char **keys;
    uint32_t *vals;
    size_t cap, n;
} str_map_t;

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h = (h ^ (uint8_t)*s) * 1099511628211ull;
    }
    return h;
}

/* The value of key, or NULL; with add, a new entry (value 0) if there is none. */
static uint32_t *map_get(str_map_t *mp, const char *key, bool add)
{
    if (add && (mp->n + 1) * 2 > mp->cap) {
        str_map_t old = *mp;
        mp->cap = old.cap ? old.cap * 2 : 16;
        mp->keys = xcalloc(mp->cap, sizeof(char *));
        mp->vals = xcalloc(mp->cap, sizeof(uint32_t));
        mp->n = 0;
        for (size_t i = 0; i < old.cap; i++) {
            if (old.keys[i]) {
                *map_get(mp, old.keys[i], true) = old.vals[i];
            }
        }
        free(old.keys);
        free(old.vals);
    }
    for (size_t i = mp->cap ? hash_name(key) & (mp->cap - 1) : 0; mp->cap; i = (i + 1) & (mp->cap - 1)) {
        if (!mp->keys[i]) {
            if (!add) {
                return NULL;
            }
            mp->keys[i] = key;
            mp->n++;
            return &mp->vals[i];
        }
        if (strcmp(mp->keys[i], key) == 0) {
            return &mp->vals[i];
        }
    }
    return NULL;
}

static void map_free(str_map_t *mp)
{
    free(mp->keys);
    free(mp->vals);
    memset(mp, 0, sizeof(*mp));
}

typedef struct elf_sym {
    GElf_Sym sym;
    uint32_t name;        /* offset in names */
} elf_sym_t;

typedef struct elf_in {
    int fd;
    Elf *e;
    GElf_Ehdr eh;
    uint64_t file_size;
    VEC(GElf_Phdr) loads;
    bool file_ok;         /* passed the checks that depend on the file alone */
    /* the defined symbols with a name, in symbol table order, read on first use */
    bool syms_read;
    VEC(elf_sym_t) syms;
    strbuf_t names;
    str_map_t by_name;    /* name -> the first symbol of that name + 1 */
} elf_in_t;

static void elf_in_close(elf_in_t *in)
{
    if (in->e) {
        elf_end(in->e);
        in->e = NULL;
    }
    if (in->fd >= 0) {
        close(in->fd);
        in->fd = -1;
    }
}

static void elf_in_free(elf_in_t *in)
{
    elf_in_close(in);
    VEC_FREE(in->loads);
    VEC_FREE(in->syms);
    sb_free(&in->names);
    map_free(&in->by_name);
}

static void add_mapping(sys_comp_t *k, uint64_t vaddr, uint32_t frame, uint8_t rights, pos_t pos)
{
    sys_mapping_t mp = { vaddr, frame, rights, pos };
    VEC_PUSH(k->maps, mp);
}

/* A 4 KiB frame of component ci called "<component><what><v in hex>" (".page_400000"). */
static uint32_t add_frame(model_t *m, uint32_t ci, const char *what, uint64_t v)
{
    char small[128], *name = name_hex(small, sizeof(small), m->comps.v[ci].name, what, v);
    uint32_t id = model_add_obj(m, name, CDL_FRAME, 12, m->comps.v[ci].pos);
    m->objs.v[id].comp = (int32_t)ci;
    if (name != small) {
        free(name);
    }
    return id;
}

void elf_place_threads(model_t *m)
{
    for (uint32_t ci = 0; ci < m->comps.n; ci++) {
        sys_comp_t *k = &m->comps.v[ci];
        uint64_t v = THREAD_REGION_BASE;
        for (size_t i = 0; i < k->threads.n; i++) {
            sys_thread_t *t = &k->threads.v[i];
            v += PAGE_SIZE_4K; /* guard page below the stack */
            t->stack_base = v;
            for (uint64_t p = 0; p < t->stack_size; p += PAGE_SIZE_4K) {
                add_mapping(k, v + p, add_frame(m, ci, ".stack_", v + p), CDL_RIGHT_READ | CDL_RIGHT_WRITE,
                            t->pos);
            }
            v += t->stack_size + PAGE_SIZE_4K; /* guard page between stack and IPC buffer */
            t->ipc_vaddr = v;
            add_mapping(k, v, t->ipc_frame, CDL_RIGHT_READ | CDL_RIGHT_WRITE, t->pos);
            v += PAGE_SIZE_4K;
            model_tcb_t *tcb = &m->tcbs.v[m->objs.v[t->tcb].aux];
            tcb->sp = t->stack_base + t->stack_size;
            tcb->ipc_buffer = t->ipc_vaddr;
        }
    }
}

static const char *file_kind(mode_t mode)
{
    return S_ISDIR(mode) ? "a directory" : S_ISFIFO(mode) ? "a FIFO" : S_ISCHR(mode) ? "a character device"
         : S_ISBLK(mode) ? "a block device" : "not a regular file";
}

/* Opens path without ever blocking (a FIFO opened for reading would wait for a writer) and
 * refuses anything but a regular file. */
static bool open_regular(elf_in_t *in, const char *path, const sys_comp_t *k, diag_t *d)
{
    in->fd = open(path, O_RDONLY | O_NONBLOCK);
    if (in->fd < 0) {
        char *hint = xasprintf("build it first, or give the file with --elf %s=FILE", k->name);
        char *where = strcmp(path, k->elf) != 0 ? xasprintf(" (looked for '%s')", path) : xstrdup("");
        diag_error(d, k->elf_pos, NULL, hint, "cannot open ELF '%s' of component '%s'%s", k->elf, k->name, where);
        free(where);
        free(hint);
        return false;
    }
    struct stat st;
    if (fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        diag_error(d, k->elf_pos, NULL, NULL, "ELF '%s' of component '%s' is %s: expected a regular file", k->elf,
                   k->name, fstat(in->fd, &st) == 0 ? file_kind(st.st_mode) : "unreadable");
        return false;
    }
    in->file_size = (uint64_t)st.st_size;
    return true;
}

static bool open_elf(elf_in_t *in, const char *path, const sys_comp_t *k, diag_t *d)
{
    if (!open_regular(in, path, k, d)) {
        return false;
    }
    in->e = elf_begin(in->fd, ELF_C_READ, NULL);
    if (!in->e || elf_kind(in->e) != ELF_K_ELF || !gelf_getehdr(in->e, &in->eh)) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' is not an ELF file", k->elf);
        return false;
    }
    if (in->eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' is not little-endian (EI_DATA %u): expected an x86_64 ELF as "
                   "the loader reads it", k->elf, in->eh.e_ident[EI_DATA]);
        return false;
    }
    if (gelf_getclass(in->e) != ELFCLASS64 || (in->eh.e_machine != EM_X86_64 && in->eh.e_machine != EM_AARCH64)) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' is not an x86_64 ELF (class %d, machine %u)", k->elf,
                   gelf_getclass(in->e), in->eh.e_machine);
        return false;
    }
    if (in->eh.e_type != ET_EXEC) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' is not a statically linked executable (ET_EXEC)", k->elf);
        return false;
    }
    return true;
}

/* The program header table must lie inside the file, in the 64-bit layout the loader reads. */
static bool check_phdr_table(const elf_in_t *in, const sys_comp_t *k, diag_t *d)
{
    const GElf_Ehdr *h = &in->eh;
    uint64_t table = (uint64_t)h->e_phnum * h->e_phentsize;
    if (h->e_phnum == 0) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' has no program headers (e_phnum 0): expected a linked executable",
                   k->elf);
    } else if (h->e_phentsize != sizeof(Elf64_Phdr)) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': program header size %u, expected %zu", k->elf, h->e_phentsize,
                   sizeof(Elf64_Phdr));
    } else if (h->e_phoff > in->file_size || table > in->file_size - h->e_phoff) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': the program headers (offset 0x%llx, %llu bytes) go past the end "
                   "of the file (%llu bytes)", k->elf, (unsigned long long)h->e_phoff, (unsigned long long)table,
                   (unsigned long long)in->file_size);
    } else {
        return true;
    }
    return false;
}

/* One PT_LOAD header on its own: its bytes in the file, its size and place in memory. */
static bool check_segment(const elf_in_t *in, const GElf_Phdr *ph, size_t i, const sys_comp_t *k, diag_t *d)
{
    if (ph->p_filesz > ph->p_memsz) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': segment %zu at 0x%llx has more bytes in the file (0x%llx) than "
                   "in memory (0x%llx)", k->elf, i, (unsigned long long)ph->p_vaddr,
                   (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    } else if (ph->p_offset > in->file_size || ph->p_filesz > in->file_size - ph->p_offset) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': segment %zu at 0x%llx takes file bytes 0x%llx..0x%llx, past the "
                   "end of the file (%llu bytes)", k->elf, i, (unsigned long long)ph->p_vaddr,
                   (unsigned long long)ph->p_offset, (unsigned long long)(ph->p_offset + ph->p_filesz),
                   (unsigned long long)in->file_size);
    } else if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr || ph->p_vaddr + ph->p_memsz > THREAD_REGION_BASE) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': segment %zu at 0x%llx does not fit below the thread "
                   "region at 0x%llx", k->elf, i, (unsigned long long)ph->p_vaddr, THREAD_REGION_BASE);
    } else {
        return true;
    }
    return false;
}

/* A segment both writable and executable only where the component allows it. */
static bool wx_allowed(const GElf_Phdr *ph, const sys_comp_t *k, diag_t *d)
{
    if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X) && !k->allow_wx) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': segment at 0x%llx is writable and executable "
                   "(set 'allow_wx: true' to accept)", k->elf, (unsigned long long)ph->p_vaddr);
        return false;
    }
    return true;
}

/* Reads and checks the PT_LOAD headers; sets file_ok if the file itself passed (whatever the
 * component's W+X check said). */
static bool read_loads(elf_in_t *in, const sys_comp_t *k, diag_t *d)
{
    size_t n;
    if (!check_phdr_table(in, k, d)) {
        return false;
    }
    if (elf_getphdrnum(in->e, &n) != 0) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s': cannot read program headers", k->elf);
        return false;
    }
    bool ok = true, file_ok = true;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(in->e, (int)i, &ph) || ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        file_ok &= check_segment(in, &ph, i, k, d);
        for (size_t j = 0; j < in->loads.n; j++) {
            const GElf_Phdr *o = &in->loads.v[j];
            if (ph.p_vaddr < o->p_vaddr + o->p_memsz && o->p_vaddr < ph.p_vaddr + ph.p_memsz) {
                diag_error(d, k->elf_pos, NULL, NULL, "'%s': segments at 0x%llx and 0x%llx overlap", k->elf,
                           (unsigned long long)o->p_vaddr, (unsigned long long)ph.p_vaddr);
                file_ok = false;
            }
        }
        ok &= wx_allowed(&ph, k, d);
        VEC_PUSH(in->loads, ph);
    }
    if (ok && file_ok && in->loads.n == 0) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' has no loadable segment (PT_LOAD): nothing to run", k->elf);
        file_ok = false;
    }
    in->file_ok = file_ok;
    return ok && file_ok;
}

/* read_loads' checks for one more component of a file that passed them: W+X alone. */
static bool loads_allowed(const elf_in_t *in, const sys_comp_t *k, diag_t *d)
{
    bool ok = true;
    for (size_t i = 0; i < in->loads.n; i++) {
        ok &= wx_allowed(&in->loads.v[i], k, d);
    }
    return ok;
}

/* Calls visit(sym, name, ctx) for each defined symbol of the symbol tables until it returns
 * true; returns that symbol's name, or NULL. */
typedef bool sym_visitor_t(const GElf_Sym *sym, const char *name, void *ctx);
static const char *each_defined_symbol(Elf *e, sym_visitor_t *visit, void *ctx, GElf_Sym *found)
{
    for (Elf_Scn *s = elf_nextscn(e, NULL); s; s = elf_nextscn(e, s)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0) {
            continue;
        }
        Elf_Data *data = elf_getdata(s, NULL);
        for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sym;
            const char *nm;
            if (gelf_getsym(data, (int)i, &sym) && sym.st_shndx != SHN_UNDEF &&
                (nm = elf_strptr(e, sh.sh_link, sym.st_name)) && visit(&sym, nm, ctx)) {
                *found = sym;
                return nm;
            }
        }
    }
    return NULL;
}

static bool named(const GElf_Sym *sym, const char *name, void *wanted)
{
    (void)sym;
    return strcmp(name, wanted) == 0;
}

static bool find_sym(Elf *e, const char *name, GElf_Sym *out)
{
    return each_defined_symbol(e, named, (void *)name, out) != NULL;
}

static bool keep_symbol(const GElf_Sym *sym, const char *name, void *ctx)
{
    elf_in_t *in = ctx;
    elf_sym_t s = { *sym, (uint32_t)in->names.len };
    sb_append(&in->names, name, strlen(name) + 1);
    VEC_PUSH(in->syms, s);
    return false;
}

/* The defined symbols once (each_defined_symbol's), with an index of the first of each name. */
static void read_symbols(elf_in_t *in)
{
    if (in->syms_read) {
        return;
    }
    GElf_Sym unused;
    each_defined_symbol(in->e, keep_symbol, in, &unused);
    for (size_t i = 0; i < in->syms.n; i++) {
        uint32_t *first = map_get(&in->by_name, in->names.s + in->syms.v[i].name, true);
        if (*first == 0) {
            *first = (uint32_t)i + 1;
        }
    }
    in->syms_read = true;
}

/* find_sym on the symbols read once. */
static bool in_find_sym(elf_in_t *in, const char *name, GElf_Sym *out)
{
    read_symbols(in);
    const uint32_t *first = map_get(&in->by_name, name, false);
    if (first) {
        *out = in->syms.v[*first - 1].sym;
    }
    return first != NULL;
}

static const GElf_Phdr *segment_of(const elf_in_t *in, uint64_t v, uint64_t size)
{
    for (size_t i = 0; i < in->loads.n; i++) {
        const GElf_Phdr *p = &in->loads.v[i];
        if (v >= p->p_vaddr && v + size <= p->p_vaddr + p->p_memsz) {
            return p;
        }
    }
    return NULL;
}

/* A code or data symbol other than `self` with bytes inside [v, v + size) (the component's own
 * code or data, which a shared frame would replace). */
struct overlap_query {
    const char *self;
    uint64_t v, size;
};

static bool overlaps(const GElf_Sym *sym, const char *name, void *ctx)
{
    const struct overlap_query *q = ctx;
    int type = GELF_ST_TYPE(sym->st_info);
    return sym->st_size != 0 && (type == STT_OBJECT || type == STT_FUNC) && sym->st_value < q->v + q->size &&
           q->v < sym->st_value + sym->st_size && strcmp(name, q->self) != 0;
}

/* The first symbol (in symbol table order) that overlaps returns true for, or NULL. */
static const char *sym_inside(elf_in_t *in, const char *self, uint64_t v, uint64_t size, uint64_t *at)
{
    struct overlap_query q = { self, v, size };
    read_symbols(in);
    for (size_t i = 0; i < in->syms.n; i++) {
        const char *name = in->names.s + in->syms.v[i].name;
        if (overlaps(&in->syms.v[i].sym, name, &q)) {
            *at = in->syms.v[i].sym.st_value;
            return name;
        }
    }
    return NULL;
}

/* The frame replaces the pages at the symbol: nothing else of the component may live there. */
static bool share_covers_own(elf_in_t *in, const sys_comp_t *k, const sys_share_t *s, uint64_t v,
                             uint64_t size, diag_t *d)
{
    const GElf_Phdr *seg = segment_of(in, v, size);
    uint64_t at;
    const char *other;
    if (seg->p_flags & PF_X) {
        diag_error(d, s->pos, NULL, NULL, "symbol '%s' at 0x%llx is in an executable segment of '%s': a shared frame "
                   "there would replace the component's code", s->symbol, (unsigned long long)v, k->elf);
    } else if ((other = sym_inside(in, s->symbol, v, size, &at))) {
        diag_error(d, s->pos, NULL, "give the shared buffer pages of its own (aligned to its size, nothing else inside)",
                   "the shared frame at symbol '%s' (0x%llx..0x%llx) would replace '%s' at 0x%llx, the component's "
                   "own data", s->symbol, (unsigned long long)v, (unsigned long long)(v + size), other,
                   (unsigned long long)at);
    } else {
        return false;
    }
    return true;
}

/* Checks one shared symbol; returns its address or 0 with an error. */
static uint64_t share_addr(elf_in_t *in, const model_t *m, const sys_comp_t *k, const sys_share_t *s, diag_t *d)
{
    GElf_Sym sym;
    uint64_t size = 1ull << m->objs.v[s->obj].size_bits;
    if (!in_find_sym(in, s->symbol, &sym)) {
        diag_error(d, s->pos, NULL, NULL, "symbol '%s' not found in '%s'", s->symbol, k->elf);
    } else if (sym.st_size != size) {
        diag_error(d, s->pos, NULL, NULL, "symbol '%s' is %llu bytes; frame '%s' is %llu", s->symbol,
                   (unsigned long long)sym.st_size, m->objs.v[s->obj].name, (unsigned long long)size);
    } else if (sym.st_value & (size - 1)) {
        diag_error(d, s->pos, NULL, NULL, "symbol '%s' at 0x%llx is not aligned to %llu bytes", s->symbol,
                   (unsigned long long)sym.st_value, (unsigned long long)size);
    } else if (!segment_of(in, sym.st_value, size)) {
        diag_error(d, s->pos, NULL, NULL, "symbol '%s' at 0x%llx is not inside a loadable segment", s->symbol,
                   (unsigned long long)sym.st_value);
    } else if (!share_covers_own(in, k, s, sym.st_value, size, d)) {
        return sym.st_value;
    }
    return 0;
}

/* The share covering page v, or NULL. */
static const sys_share_t *share_at(const sys_comp_t *k, const model_t *m, const uint64_t *addr, uint64_t v)
{
    for (size_t i = 0; i < k->shares.n; i++) {
        uint64_t size = 1ull << m->objs.v[k->shares.v[i].obj].size_bits;
        if (addr[i] && v >= addr[i] && v < addr[i] + size) {
            return &k->shares.v[i];
        }
    }
    return NULL;
}

/* file: what the fills read, the component's name (one copy for all its fills) */
static void segment_pages(model_t *m, uint32_t ci, const GElf_Phdr *p, const uint64_t *addr, char *file)
{
    sys_comp_t *k = &m->comps.v[ci];
    uint8_t rights = CDL_RIGHT_READ | ((p->p_flags & PF_W) ? CDL_RIGHT_WRITE : 0) | ((p->p_flags & PF_X) ? CDL_RIGHT_GRANT : 0);
    uint64_t end = p->p_vaddr + p->p_memsz, fend = p->p_vaddr + p->p_filesz;
    for (uint64_t v = p->p_vaddr & ~(PAGE_SIZE_4K - 1); v < end; v += PAGE_SIZE_4K) {
        if (share_at(k, m, addr, v)) {
            continue;
        }
        uint32_t f = add_frame(m, ci, ".page_", v);
        add_mapping(k, v, f, rights, k->elf_pos);
        uint64_t a = v > p->p_vaddr ? v : p->p_vaddr, b = v + PAGE_SIZE_4K < fend ? v + PAGE_SIZE_4K : fend;
        if (a < b) {
            model_fill_t fill = { f, (uint32_t)(a - v), (uint32_t)(b - a), file, p->p_offset + (a - p->p_vaddr) };
            VEC_PUSH(m->fills, fill);
        }
    }
}

/* An entry point must be an address of an executable segment: anything else faults at the
 * thread's first instruction, after the whole system was built. */
static bool entry_runs(const elf_in_t *in, uint64_t ip)
{
    const GElf_Phdr *p = segment_of(in, ip, 1);
    return ip + 1 > ip && p && (p->p_flags & PF_X);
}

static bool set_entries(elf_in_t *in, model_t *m, sys_comp_t *k, diag_t *d)
{
    bool ok = true;
    for (size_t i = 0; i < k->threads.n; i++) {
        sys_thread_t *t = &k->threads.v[i];
        model_tcb_t *tcb = &m->tcbs.v[m->objs.v[t->tcb].aux];
        GElf_Sym sym;
        if (!t->entry) {
            tcb->ip = in->eh.e_entry;
        } else if (in_find_sym(in, t->entry, &sym) && GELF_ST_TYPE(sym.st_info) == STT_FUNC) {
            tcb->ip = sym.st_value;
        } else {
            diag_error(d, t->entry_pos, NULL, NULL, "entry '%s' of thread '%s' is not a function in '%s'",
                       t->entry, t->name, k->elf);
            ok = false;
            continue;
        }
        if (!entry_runs(in, tcb->ip)) {
            diag_error(d, t->entry ? t->entry_pos : k->elf_pos, NULL, NULL, "%s of thread '%s' at 0x%llx is not "
                       "inside an executable loadable segment of '%s'", t->entry ? "the entry" : "the ELF entry point",
                       t->name, (unsigned long long)tcb->ip, k->elf);
            ok = false;
        }
    }
    return ok;
}

/* The system's architecture follows its components' ELF machine (x86_64 or AArch64: the same
 * VSpace shape, docs/aarch64.md); all components must agree. */
static bool set_arch(model_t *m, const elf_in_t *in, const sys_comp_t *k, bool first, diag_t *d)
{
    uint32_t arch = in->eh.e_machine == EM_AARCH64 ? CDL_ARCH_AARCH64 : CDL_ARCH_X86_64;
    if (!first && arch != m->arch) {
        diag_error(d, k->elf_pos, NULL, NULL, "'%s' is an %s ELF but the system's first ELF is %s", k->elf,
                   arch == CDL_ARCH_AARCH64 ? "AArch64" : "x86_64", m->arch == CDL_ARCH_AARCH64 ? "AArch64" : "x86_64");
        return false;
    }
    m->arch = arch;
    return true;
}

/* The ELF files of the components: the files kept (path -> index in v + 1; v's entry NULL once
 * the file's last component is done) and how many components each still has to come (path ->
 * count, for every path). */
typedef struct elf_files {
    char **paths;         /* per component, NULL without an ELF */
    str_map_t kept, left;
    VEC(elf_in_t *) v;
    unsigned n_kept;      /* entries of v not NULL, at most ELF_KEEP_MAX */
} elf_files_t;

/* The component's ELF: the kept one, else opened and read. */
static elf_in_t *open_component_elf(model_t *m, uint32_t ci, bool first, elf_files_t *files, bool *ok, diag_t *d)
{
    sys_comp_t *k = &m->comps.v[ci];
    const uint32_t *kept = map_get(&files->kept, files->paths[ci], false);
    if (kept) {
        elf_in_t *in = files->v.v[*kept - 1];
        *ok = set_arch(m, in, k, first, d) && loads_allowed(in, k, d);
        return in;
    }
    elf_in_t *in = xcalloc(1, sizeof(elf_in_t));
    in->fd = -1;
    *ok = open_elf(in, files->paths[ci], k, d) && set_arch(m, in, k, first, d) && read_loads(in, k, d);
    return in;
}

/* Done with component ci's ELF: kept, closed, if the file passed its checks, components to come
 * use it and fewer than ELF_KEEP_MAX are kept; else freed (a kept one after its last component). */
static void done_with_elf(elf_files_t *files, uint32_t ci, elf_in_t *in)
{
    uint32_t *left = map_get(&files->left, files->paths[ci], false);
    const uint32_t *kept = map_get(&files->kept, files->paths[ci], false);
    *left -= 1;
    if (kept && *left > 0) {
        return;
    }
    if (!kept && in->file_ok && *left > 0 && files->n_kept < ELF_KEEP_MAX) {
        read_symbols(in);
        elf_in_close(in);
        VEC_PUSH(files->v, in);
        *map_get(&files->kept, files->paths[ci], true) = (uint32_t)files->v.n;
        files->n_kept++;
        return;
    }
    if (kept) {
        files->v.v[*kept - 1] = NULL;
        files->n_kept--;
    }
    elf_in_free(in);
    free(in);
}

static bool ingest_one(model_t *m, uint32_t ci, bool first, elf_files_t *files, diag_t *d)
{
    sys_comp_t *k = &m->comps.v[ci];
    bool ok;
    elf_in_t *in = open_component_elf(m, ci, first, files, &ok, d);
    uint64_t *addr = xcalloc(k->shares.n + 1, sizeof(uint64_t));
    for (size_t i = 0; ok && i < k->shares.n; i++) {
        if (k->shares.v[i].obj != CDL_NONE && (addr[i] = share_addr(in, m, k, &k->shares.v[i], d)) == 0) {
            ok = false;
        }
        if (addr[i]) {
            add_mapping(k, addr[i], k->shares.v[i].obj, k->shares.v[i].rights, k->shares.v[i].pos);
        }
    }
    ok = ok && set_entries(in, m, k, d);
    char *file = ok ? model_strdup(m, k->name) : NULL;
    for (size_t i = 0; ok && i < in->loads.n; i++) {
        segment_pages(m, ci, &in->loads.v[i], addr, file);
    }
    free(addr);
    done_with_elf(files, ci, in);
    return ok;
}

bool elf_ingest(model_t *m, diag_t *d)
{
    elf_version(EV_CURRENT);
    elf_files_t files = { .paths = xcalloc(m->comps.n + 1, sizeof(char *)) };
    for (uint32_t ci = 0; ci < m->comps.n; ci++) {
        const sys_comp_t *k = &m->comps.v[ci];
        if (k->elf) {
            files.paths[ci] = k->elf[0] == '/' || !m->base_dir ? xstrdup(k->elf)
                                                                : xasprintf("%s/%s", m->base_dir, k->elf);
            *map_get(&files.left, files.paths[ci], true) += 1;
        }
    }
    bool ok = true, first = true;
    for (uint32_t ci = 0; ci < m->comps.n; ci++) {
        if (m->comps.v[ci].elf) {
            ok &= ingest_one(m, ci, first, &files, d);
            first = false;
        }
    }
    for (size_t i = 0; i < files.v.n; i++) { /* none left: each was freed after its last component */
        if (files.v.v[i]) {
            elf_in_free(files.v.v[i]);
            free(files.v.v[i]);
        }
    }
    VEC_FREE(files.v);
    map_free(&files.kept);
    map_free(&files.left);
    for (uint32_t ci = 0; ci < m->comps.n; ci++) {
        free(files.paths[ci]);
    }
    free(files.paths);
    return ok;
}

bool elf_find_symbol(const char *path, const char *name, uint64_t *value, uint64_t *size, uint64_t *file_off)
{
    elf_version(EV_CURRENT);
    int fd = open(path, O_RDONLY);
    Elf *e = fd >= 0 ? elf_begin(fd, ELF_C_READ, NULL) : NULL;
    GElf_Sym sym;
    bool ok = e && find_sym(e, name, &sym);
    if (ok) {
        *value = sym.st_value;
        *size = sym.st_size;
        Elf_Scn *s = elf_getscn(e, sym.st_shndx);
        GElf_Shdr sh;
        ok = s && gelf_getshdr(s, &sh) && sh.sh_type == SHT_PROGBITS;
        *file_off = ok ? sh.sh_offset + (sym.st_value - sh.sh_addr) : 0;
    }
    if (e) {
        elf_end(e);
    }
    if (fd >= 0) {
        close(fd);
    }
    return ok;
}
