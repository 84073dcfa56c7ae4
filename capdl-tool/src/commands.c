/*
 * The tool's commands (commands.h): check, build and run (front end, back end, outputs, image),
 * gen-source and patch, decode, read-cdl, verify and graph. All output files are written only
 * after every stage succeeded.
 */
#include "commands.h"

#include "cdl_write.h"
#include "gen_source.h"
#include "image_arch.h"
#include "image_blob.h"
#include "image_embed.h"
#include "image_folder.h"
#include "kernel_config.h"
#include "pipeline.h"
#include "report.h"
#include "run_cmd.h"
#include "run_dump.h"
#include "spec_decode.h"
#include "tool_paths.h"
#include "verify.h"

#include <capdl/blob.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int finish(tool_run_t *r, bool ok)
{
    diag_print(&r->d, stderr);
    int code = pipeline_exit_code(r, ok);
    pipeline_free(r);
    return code;
}

static bool env_error(tool_run_t *r, const char *what, const char *path)
{
    diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "cannot %s '%s': %s", what, path, strerror(errno));
    r->env_error = true;
    return false;
}

static bool write_out(tool_run_t *r, const char *dir, const char *ext, const void *data, size_t len)
{
    char *path = xasprintf("%s/%s%s", dir, r->m.system, ext);
    bool ok = write_file(path, data, len) || env_error(r, "write", path);
    free(path);
    return ok;
}

/* The .cdl is written on a thread of its own while the spec, the report and the image are made
 * (about a tenth of a build: 31 MB of text at 10,000 components). It only reads the model, which
 * nothing changes until build_image releases the records, after waiting for it. It goes to its
 * file as it is written, not through one buffer of its whole size. */
typedef struct cdl_writer {
    const model_t *m;
    char *path;          /* NULL once finished and reported */
    int error;           /* errno of a failed open, write or close, else 0 */
    pthread_t thread;
    bool running;
} cdl_writer_t;

static void *write_cdl_file(void *p)
{
    cdl_writer_t *w = p;
    strbuf_t cdl = { .spill = fopen(w->path, "wb") };
    if (!cdl.spill) {
        w->error = errno;
        return NULL;
    }
    cdl_write(w->m, &cdl);
    bool ok = sb_flush(&cdl);
    int e = errno;
    if (fclose(cdl.spill) != 0 && ok) {
        ok = false;
        e = errno;
    }
    if (!ok) {
        w->error = e ? e : EIO;
    }
    sb_free(&cdl);
    return NULL;
}

static void cdl_writer_start(cdl_writer_t *w, const tool_run_t *r, const char *dir)
{
    *w = (cdl_writer_t){ .m = &r->m, .path = xasprintf("%s/%s.cdl", dir, r->m.system) };
    w->running = pthread_create(&w->thread, NULL, write_cdl_file, w) == 0;
    if (!w->running) {
        write_cdl_file(w);
    }
}

/* Waits for the writer and reports its failure (once; a writer never started is done). */
static bool cdl_writer_finish(cdl_writer_t *w, tool_run_t *r)
{
    if (w->running) {
        pthread_join(w->thread, NULL);
        w->running = false;
    }
    if (!w->path) {
        return w->error == 0;
    }
    bool ok = w->error == 0;
    if (!ok) {
        errno = w->error;
        env_error(r, "write", w->path);
    }
    free(w->path);
    w->path = NULL;
    return ok;
}

static bool build_outputs(tool_run_t *r, const char *dir, cdl_writer_t *w)
{
    cdl_writer_start(w, r, dir);
    strbuf_t rep = { 0 };
    report_json(&r->m, &r->sim, &r->stats, &rep);
    bool ok = write_out(r, dir, ".spec", r->spec, r->spec_len) && write_out(r, dir, ".report.json", rep.s, rep.len);
    sb_free(&rep);
    return ok;
}

/* Binary spec and allocation check; with --no-memory-check a failed check is a warning. */
static bool back_end(tool_run_t *r, const tool_args_t *a)
{
    if (!a->no_mem_check) {
        return pipeline_back(r, a->memory, a->reserved);
    }
    diag_t keep = r->d;
    r->d = (diag_t){ 0 };
    if (!pipeline_back(r, a->memory, a->reserved)) {
        char *text = diag_render(&r->d);
        fprintf(stderr, "capdl-tool: warning: the allocation check failed (--no-memory-check: building anyway):\n%s",
                text);
        free(text);
    }
    diag_free(&r->d);
    r->d = keep;
    return r->spec != NULL;
}

/* The system against the kernel file; with --no-kernel-check a failed check is a warning. */
static bool kernel_check(tool_run_t *r, const tool_args_t *a, const char *kernel)
{
    if (!a->no_kernel_check) {
        return kernel_config_check(kernel, &r->m, &r->d);
    }
    diag_t found = { 0 };
    if (!kernel_config_check(kernel, &r->m, &found)) {
        char *text = diag_render(&found);
        fprintf(stderr, "capdl-tool: warning: the system does not fit the kernel (--no-kernel-check: building "
                        "anyway):\n%s", text);
        free(text);
    }
    diag_free(&found);
    return true;
}

typedef VEC(blob_file_t) blob_files_t;
typedef VEC(char *) strings_t;

static const model_fill_t *sort_fills;

static int fill_by_file(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_fills[i].file, sort_fills[j].file);
    return c ? c : (i > j) - (i < j);
}

static int by_index(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return (i > j) - (i < j);
}

/* The fills that are the first to name their file, in fill order (by sorting: a .cdl of 4,000
 * components has 100,000 fills, and a scan of the earlier ones for each was quadratic). */
static size_t first_fills_of_files(const model_t *m, size_t *first)
{
    size_t n = m->fills.n, k = 0;
    size_t *order = xcalloc(n + 1, sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        order[i] = i;
    }
    sort_fills = m->fills.v;
    qsort(order, n, sizeof(size_t), fill_by_file);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(m->fills.v[order[i]].file, m->fills.v[order[i - 1]].file) != 0) {
            first[k++] = order[i];
        }
    }
    qsort(first, k, sizeof(size_t), by_index);
    free(order);
    return k;
}

/* The files the blob carries: YAML, one per component; .cdl, one per name the fills use. */
static bool blob_files(tool_run_t *r, bool cdl, blob_files_t *files, strings_t *owned)
{
    if (!cdl) {
        for (size_t i = 0; i < r->m.comps.n; i++) {
            const sys_comp_t *k = &r->m.comps.v[i];
            char *path = k->elf[0] == '/' ? xstrdup(k->elf) : xasprintf("%s/%s", r->base_dir, k->elf);
            VEC_PUSH(*owned, path);
            VEC_PUSH(*files, ((blob_file_t){ k->name, path }));
        }
        return true;
    }
    bool ok = true;
    size_t *first = xcalloc(r->m.fills.n + 1, sizeof(size_t));
    size_t n_files = first_fills_of_files(&r->m, first);
    for (size_t f = 0; f < n_files; f++) {
        const char *name = r->m.fills.v[first[f]].file;
        char *path = pipeline_elf_override(r, name);
        for (int k = 0; k < 2 && !path; k++) {
            char *cand = xasprintf("%s/%s%s", r->base_dir, name, k ? ".elf" : "");
            if (access(cand, R_OK) == 0) {
                path = cand;
            } else {
                free(cand);
            }
        }
        if (!path) {
            diag_error(&r->d, (pos_t){ 0 }, NULL, NULL,
                       "the spec's fills read a file called '%s': expected --elf %s=FILE, or %s/%s[.elf]", name, name,
                       r->base_dir, name);
            r->env_error = true;
            ok = false;
            continue;
        }
        VEC_PUSH(*owned, path);
        VEC_PUSH(*files, ((blob_file_t){ name, path }));
    }
    free(first);
    return ok && pipeline_elf_overrides_used(r);
}

/* check of a .cdl: every file its fills read is found (as build will look for it). */
static bool check_cdl_files(tool_run_t *r)
{
    blob_files_t files = { 0 };
    strings_t owned = { 0 };
    bool ok = blob_files(r, true, &files, &owned);
    for (size_t i = 0; i < owned.n; i++) {
        free(owned.v[i]);
    }
    VEC_FREE(owned);
    VEC_FREE(files);
    return ok;
}

static bool build_image(tool_run_t *r, const tool_args_t *a, bool cdl, const char *dir, cdl_writer_t *w)
{
    blob_files_t files = { 0 };
    strings_t owned = { 0 };
    uint8_t *blob = NULL;
    size_t blob_len = 0;
    /* the machine follows the components' ELFs (elf_ingest.c): an AArch64 system gets the
     * AArch64 kernel and loader, an MCS system (x86_64 only) the MCS ones, unless --kernel or
     * --loader say otherwise; kernel_check then refuses a kernel that does not fit */
    bool a64 = r->m.arch == CDL_ARCH_AARCH64, mcs = (r->m.spec_flags & CDL_SPEC_F_MCS) != 0;
    char *kernel = tool_path(a64 ? TOOL_KERNEL_AARCH64 : mcs ? TOOL_KERNEL_MCS : TOOL_KERNEL, a->kernel);
    char *loader = tool_path(a64 ? TOOL_LOADER_AARCH64 : mcs ? TOOL_LOADER_MCS : TOOL_LOADER, a->loader);
    bool ok = true;
    if (a64 && a->iso) {
        diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "--iso makes a GRUB (Multiboot) image for x86_64; '%s' is an "
                   "AArch64 system (boot its folder's run script)", r->m.system);
        ok = false;
    }
    if (ok && !(image_arch_check(kernel, "kernel", r->m.system, a64, &r->d) &&
                image_arch_check(loader, "loader", r->m.system, a64, &r->d))) {
        r->env_error = true; /* a usage error: the wrong file given */
        ok = false;
    }
    ok = ok && kernel_check(r, a, kernel) && blob_files(r, cdl, &files, &owned) && cdl_writer_finish(w, r);
    if (ok) {
        model_release_records(&r->m); /* the .cdl, report and spec are written: the peak is here */
    }
    if (ok && !blob_build(r->spec, r->spec_len, files.v, files.n, &blob, &blob_len, &r->d)) {
        ok = false;
        r->env_error = true;
    }
    if (ok) {
        image_opts_t o = { dir, r->m.system, kernel, loader, r->m.ram_bytes, a->iso, a64 };
        ok = image_write(&o, blob, blob_len, &r->d);
        r->env_error = !ok;
    }
    for (size_t i = 0; i < owned.n; i++) {
        free(owned.v[i]);
    }
    VEC_FREE(owned);
    VEC_FREE(files);
    free(blob);
    free(kernel);
    free(loader);
    return ok;
}

/* check, build, and the build step of run (dir = the folder to build into). */
static bool check_build(tool_run_t *r, const tool_args_t *a, bool build, const char *dir)
{
    bool cdl = pipeline_is_cdl(a->pos[0]);
    r->elf_overrides = a->elf_opts;
    r->n_elf_overrides = a->n_elf;
    r->arch = a->arch;
    bool ok = pipeline_load(r, a->pos[0], !a->no_elf || build);
    if (ok && cdl && !build && !a->no_elf) {
        ok = check_cdl_files(r);
    }
    r->m.spec_flags = (r->m.spec_flags & CDL_SPEC_F_MCS) | (a->dump_caps ? CDL_SPEC_F_DUMP_CAPS : 0u); /* MCS: the system says */
    model_release_mappings(&r->m); /* laid out as page tables by now */
    ok = ok && back_end(r, a);
    if (ok && build) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            return env_error(r, "create", dir);
        }
        cdl_writer_t w = { 0 };
        ok = build_outputs(r, dir, &w) && (a->no_image || build_image(r, a, cdl, dir, &w));
        ok = cdl_writer_finish(&w, r) && ok;
    }
    return ok;
}

static int check_or_build(const tool_args_t *a, bool build)
{
    tool_run_t r;
    pipeline_init(&r);
    bool ok = check_build(&r, a, build, a->out);
    if (ok && !build) {
        /* --no-elf counts only what the description names: say so, so that its smaller numbers
         * are not taken for those of the booted system (check with the ELFs, the loader's line) */
        fprintf(stdout, "%s: ok: %zu objects, %zu caps, %llu KiB of RAM used of %llu KiB%s\n", r.m.system,
                r.m.objs.n, r.m.caps.n, (unsigned long long)(r.sim.ram_used >> 10),
                (unsigned long long)(r.sim.ram_free >> 10),
                a->no_elf ? " (without the ELFs' segments, their mappings and page tables: --no-elf)" : "");
    }
    return finish(&r, ok);
}

int cmd_check(const tool_args_t *a)
{
    return check_or_build(a, false);
}

int cmd_build(const tool_args_t *a)
{
    return check_or_build(a, true);
}

int cmd_run(const tool_args_t *a)
{
    char *dir = a->out ? xstrdup(a->out) : run_make_temp_dir();
    if (!dir) {
        fprintf(stderr, "capdl-tool: error: cannot create a temporary folder: %s\n", strerror(errno));
        return TOOL_EXIT_USAGE;
    }
    tool_run_t r;
    pipeline_init(&r);
    bool ok = check_build(&r, a, true, dir);
    diag_print(&r.d, stderr);
    int code = pipeline_exit_code(&r, ok);
    if (ok) {
        run_opts_t o = {
            .dir = dir, .system = r.m.system, .memory = r.m.ram_bytes, .timeout = a->timeout, .expect = a->expect,
            .end = a->end, .log = a->log, .until_match = a->until_match,
            .verbose = a->verbose || (a->log && !a->expect), /* a log alone: show the console too */
            .extra = a->extra,
            .n_extra = a->n_extra, .qemu_test = NULL, .aarch64 = r.m.arch == CDL_ARCH_AARCH64,
        };
        char *qt = tool_path(TOOL_QEMU_TEST, NULL);
        o.qemu_test = qt;
        code = a->dump_file ? run_with_dump(&o, a->dump_file) : run_image(&o);
        free(qt);
    }
    pipeline_free(&r);
    if (!a->out) {
        run_remove_dir(dir);
    }
    free(dir);
    return code;
}

static int component_cmd(const tool_args_t *a, bool patch)
{
    if (pipeline_is_cdl(a->pos[0])) {
        /* a component's definitions come from its YAML (names of caps and shared symbols) */
        fprintf(stderr, "capdl-tool %s: needs the system's YAML description: a .cdl does not name a component's "
                        "caps and shared symbols\n", patch ? "patch" : "gen-source");
        return TOOL_EXIT_USAGE;
    }
    tool_run_t r;
    pipeline_init(&r);
    bool ok = pipeline_load_yaml(&r, a->pos[0], false);
    int ci = ok ? gen_find_component(&r.m, a->pos[1], &r.d) : -1;
    ok = ok && ci >= 0;
    if (ok && patch) {
        ok = gen_patch(&r.m, (uint32_t)ci, a->pos[2], a->pos[3], &r.d);
    } else if (ok) {
        strbuf_t src = { 0 };
        gen_source(&r.m, (uint32_t)ci, &src);
        ok = write_file(a->out, src.s, src.len);
        if (!ok) {
            diag_error(&r.d, (pos_t){ 0 }, NULL, NULL, "cannot write '%s'", a->out);
            r.env_error = true;
        }
        sb_free(&src);
    }
    return finish(&r, ok);
}

int cmd_decode(const tool_args_t *a)
{
    const char *path = a->pos[0];
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) {
        fprintf(stderr, "capdl-tool: error: cannot read '%s'\n", path);
        return TOOL_EXIT_USAGE;
    }
    if (len >= 4 && memcmp(buf, "\177ELF", 4) == 0) {
        /* An image's loader: decode the spec of its embedded blob. */
        diag_t d = { 0 };
        uint8_t *blob = NULL;
        size_t blob_len = 0;
        size_t spec_off = 0;
        /* the loader's own check of the blob (version included): decode refuses what it refuses */
        bool ok = image_extract_blob(path, &blob, &blob_len, &d) &&
                  blob_find_spec(blob, blob_len, path, &spec_off, &len, &d);
        diag_print(&d, stderr);
        diag_free(&d);
        free(buf);
        if (!ok) {
            free(blob);
            return TOOL_EXIT_INPUT;
        }
        buf = xmalloc(len + 1);
        memcpy(buf, blob + spec_off, len);
        free(blob);
    }
    void *aligned = aligned_alloc(8, (len + 8) & ~(size_t)7);
    memcpy(aligned, buf, len);
    strbuf_t out = { 0 };
    cdl_result_t res = spec_decode(aligned, len, &out);
    fputs(out.s, res.status == CDL_OK ? stdout : stderr);
    sb_free(&out);
    free(aligned);
    free(buf);
    return res.status == CDL_OK ? TOOL_EXIT_OK : TOOL_EXIT_INPUT;
}

int cmd_read_cdl(const tool_args_t *a)
{
    tool_run_t r;
    pipeline_init(&r);
    bool ok = pipeline_load_cdl(&r, a->pos[0]);
    if (ok) {
        strbuf_t out = { 0 };
        cdl_write(&r.m, &out);
        fputs(out.s, stdout);
        sb_free(&out);
    }
    return finish(&r, ok);
}

int cmd_gen_source(const tool_args_t *a)
{
    return component_cmd(a, false);
}

int cmd_patch(const tool_args_t *a)
{
    return component_cmd(a, true);
}

static verify_args_t verify_args(const tool_args_t *a, bool graph)
{
    return (verify_args_t){
        .system = a->pos[0], .policy = a->policy, .format = a->format ? a->format : graph ? "dot" : "text",
        .out = a->out, .against = a->against, .no_elf = a->no_elf, .strict = a->strict, .authority = a->authority,
        .svg = a->svg, .memory = a->memory, .reserved = a->reserved, .elf_overrides = a->elf_opts,
        .n_elf_overrides = a->n_elf,
    };
}

int cmd_verify(const tool_args_t *a)
{
    verify_args_t v = verify_args(a, false);
    return verify_run(&v, false);
}

int cmd_graph(const tool_args_t *a)
{
    verify_args_t v = verify_args(a, true);
    return verify_run(&v, true);
}
