/*
 * capdl-tool's driver: parses the command line, runs the pipeline stages for the subcommand and
 * maps the outcome to the exit code in one place: 0 ok, 1 the input is wrong, 2 usage or
 * environment. All output files are written only after every stage succeeded.
 */
#include "cdl_read.h"
#include "cdl_write.h"
#include "gen_source.h"
#include "image_blob.h"
#include "image_embed.h"
#include "image_folder.h"
#include "pipeline.h"
#include "report.h"
#include "run_cmd.h"
#include "run_dump.h"
#include "spec_decode.h"
#include "tool_paths.h"
#include "verify.h"

#include <capdl/blob.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: capdl-tool <command> [options]\n"
    "commands:\n"
    "  check SYSTEM.yaml [--memory SIZE] [--reserved SIZE] [--no-elf]\n"
    "      check the description, the ELFs and that the system fits in memory\n"
    "  build SYSTEM.yaml -o DIR [--memory SIZE] [--reserved SIZE] [--elf KEY=FILE]... [IMAGE OPTIONS]\n"
    "  build SYSTEM.cdl -o DIR [--elf NAME=FILE]... [IMAGE OPTIONS]\n"
    "      write the bootable image folder DIR: kernel.elf32, loader.elf (the loader with the\n"
    "      spec and the component ELFs embedded), run (boots it in QEMU), <system>.cdl,\n"
    "      <system>.spec and <system>.report.json; with --dump-caps the loader prints the live\n"
    "      capability state after loading (docs/verification.md)\n"
    "  run SYSTEM.yaml|SYSTEM.cdl [-o DIR] [build options] [--timeout SEC] [--expect FILE]\n"
    "      [--end halt|panic|reset|any] [--until-match] [-v] [--dump-caps FILE] [-- QEMU-ARGS...]\n"
    "      build the image (into DIR, else a temporary folder) and boot it, serial console on\n"
    "      stdout; with --timeout, --expect, --end or --until-match the run is checked by the\n"
    "      QEMU test harness qemu-test (exit 0 pass, 1 fail with the whole output shown);\n"
    "      --dump-caps FILE writes the loader's capability dump to FILE (for verify --against;\n"
    "      without checks the run stops once the dump is complete)\n"
    "  gen-source SYSTEM.yaml COMPONENT -o FILE.c\n"
    "      write the component's definitions (cap slots, shared frames, thread addresses)\n"
    "  patch SYSTEM.yaml COMPONENT IN.elf OUT.elf\n"
    "      copy a prebuilt ELF with its seL4_CPtr cap symbols set to their slots\n"
    "  decode SPEC|LOADER.elf  print a binary spec (or the one embedded in an image) as text\n"
    "  read-cdl FILE.cdl  parse a textual capDL spec and print it back\n"
    "  verify SYSTEM.yaml [--policy POLICY.yaml] [--format text|json|dot] [-o FILE] [--strict]\n"
    "      [--authority] [--no-elf] [--against DUMP]\n"
    "      lint, authority closure, information flows and the policy (docs/verification.md)\n"
    "  graph SYSTEM.yaml [--policy POLICY.yaml] [-o FILE] [--svg] [--no-elf]\n"
    "      the authority and flow graph as Graphviz DOT (or SVG)\n"
    "options:\n"
    "  --memory SIZE    machine RAM for the allocation check and the image's QEMU -m (default:\n"
    "                   the description's 'memory:', else 512M)\n"
    "  --reserved SIZE  RAM above 1 MiB assumed taken by kernel, loader image and root task\n"
    "                   objects (default 32M)\n"
    "image options:\n"
    "  --kernel FILE    the kernel (32-bit Multiboot ELF; default $CAPDL_KERNEL, else the SDK's\n"
    "                   or the build tree's)\n"
    "  --loader FILE    the generic capdl-loader ELF (default $CAPDL_LOADER, else the SDK's or\n"
    "                   the build tree's)\n"
    "  --elf KEY=FILE   use FILE as the ELF of the components called KEY or whose 'elf:' is\n"
    "                   written KEY; for a .cdl, the file its fills call KEY (default NAME or\n"
    "                   NAME.elf beside the .cdl)\n"
    "  --no-image       write only the .cdl, .spec and .report.json\n"
    "  --no-memory-check  build even if the allocation check fails (a warning): the loader's\n"
    "                   check at boot decides\n"
    "  --iso            also write DIR/<system>.iso (needs grub-mkrescue)\n"
    "  -h, --help       this text\n"
    "exit status: 0 ok, 1 the input is wrong (run: the boot failed its check), 2 usage or\n"
    "environment error (run without checks: the run script's status)\n";

#define MAX_ELF_OPTS 64

typedef struct args {
    const char *cmd, *pos[4], *out;
    int npos;
    uint64_t memory, reserved;
    bool no_elf, help, no_image, no_mem_check, iso, until_match, verbose, dump_caps;
    const char *kernel, *loader, *timeout, *expect, *end;
    const char *dump_file; /* run --dump-caps FILE */
    const char *elf_opts[MAX_ELF_OPTS];
    int n_elf;
    char **extra;
    int n_extra;
} args_t;

static bool parse_size_opt(const char *s, uint64_t *out)
{
    return s && parse_u64(s, out, true) && *out > 0;
}

/* Options with a string value: the field they set. */
static const char **string_opt(args_t *a, const char *s)
{
    static const char *const names[] = { "-o", "--kernel", "--loader", "--timeout", "--expect", "--end" };
    const char **fields[] = { &a->out, &a->kernel, &a->loader, &a->timeout, &a->expect, &a->end };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(s, names[i]) == 0) {
            return fields[i];
        }
    }
    return NULL;
}

static bool parse_args(int argc, char **argv, args_t *a)
{
    *a = (args_t){ .reserved = ALLOC_DEFAULT_RESERVED };
    const char **field;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            a->help = true;
        } else if (strcmp(s, "--") == 0) {
            a->extra = argv + i + 1;
            a->n_extra = argc - i - 1;
            break;
        } else if (strcmp(s, "--no-elf") == 0) {
            a->no_elf = true;
        } else if (strcmp(s, "--no-image") == 0) {
            a->no_image = true;
        } else if (strcmp(s, "--no-memory-check") == 0) {
            a->no_mem_check = true;
        } else if (strcmp(s, "--iso") == 0) {
            a->iso = true;
        } else if (strcmp(s, "--until-match") == 0) {
            a->until_match = true;
        } else if (strcmp(s, "-v") == 0 || strcmp(s, "--verbose") == 0) {
            a->verbose = true;
        } else if ((field = string_opt(a, s)) != NULL) {
            if (i + 1 >= argc) {
                return false;
            }
            *field = argv[++i];
        } else if (strcmp(s, "--dump-caps") == 0) {
            /* build: a flag; run: the file the dump goes to */
            a->dump_caps = true;
            if (a->cmd && strcmp(a->cmd, "run") == 0) {
                if (i + 1 >= argc) {
                    return false;
                }
                a->dump_file = argv[++i];
            }
        } else if (strcmp(s, "--elf") == 0) {
            if (i + 1 >= argc || !strchr(argv[i + 1], '=') || a->n_elf == MAX_ELF_OPTS) {
                return false;
            }
            a->elf_opts[a->n_elf++] = argv[++i];
        } else if (strcmp(s, "--memory") == 0 || strcmp(s, "--reserved") == 0) {
            if (!parse_size_opt(i + 1 < argc ? argv[++i] : NULL, s[2] == 'm' ? &a->memory : &a->reserved)) {
                return false;
            }
        } else if (s[0] == '-') {
            return false;
        } else if (!a->cmd) {
            a->cmd = s;
        } else if (a->npos < 4) {
            a->pos[a->npos++] = s;
        } else {
            return false;
        }
    }
    return a->cmd || a->help;
}

static int finish(tool_run_t *r, bool ok)
{
    diag_print(&r->d, stderr);
    int code = ok ? EXIT_OK : r->env_error ? EXIT_USAGE : EXIT_INPUT;
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

static bool build_outputs(tool_run_t *r, const char *dir)
{
    strbuf_t cdl = { 0 }, rep = { 0 };
    cdl_write(&r->m, &cdl);
    report_json(&r->m, &r->sim, &r->stats, &rep);
    bool ok = write_out(r, dir, ".cdl", cdl.s, cdl.len) && write_out(r, dir, ".spec", r->spec, r->spec_len) &&
              write_out(r, dir, ".report.json", rep.s, rep.len);
    sb_free(&cdl);
    sb_free(&rep);
    return ok;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Front end for a .cdl file: the model, named after the file. */
static bool load_cdl(tool_run_t *r, const char *path)
{
    size_t len;
    r->text = read_file(path, &len);
    if (!r->text) {
        return env_error(r, "read", path);
    }
    const char *slash = strrchr(path, '/');
    r->base_dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    r->m.base_dir = r->base_dir;
    if (!cdl_read(&r->m, &r->d, path, r->text, len)) {
        return false;
    }
    const char *base = slash ? slash + 1 : path;
    free(r->m.system);
    r->m.system = xstrndup(base, strlen(base) - 4);
    for (char *c = r->m.system; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))) {
            *c = '_';
        }
    }
    return true;
}

/* Binary spec and allocation check; with --no-memory-check a failed check is a warning. */
static bool back_end(tool_run_t *r, const args_t *a)
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

typedef VEC(blob_file_t) blob_files_t;
typedef VEC(char *) strings_t;

/* The files the blob carries: YAML, one per component; .cdl, one per name the fills use. */
static bool blob_files(tool_run_t *r, const args_t *a, bool cdl, blob_files_t *files, strings_t *owned)
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
    for (size_t i = 0; i < r->m.fills.n; i++) {
        const char *name = r->m.fills.v[i].file;
        bool seen = false;
        for (size_t j = 0; j < files->n && !seen; j++) {
            seen = strcmp(files->v[j].name, name) == 0;
        }
        if (seen) {
            continue;
        }
        char *path = NULL;
        for (int j = 0; j < a->n_elf && !path; j++) {
            const char *eq = strchr(a->elf_opts[j], '=');
            if ((size_t)(eq - a->elf_opts[j]) == strlen(name) && strncmp(a->elf_opts[j], name, strlen(name)) == 0) {
                path = xstrdup(eq + 1);
            }
        }
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
    return ok;
}

static bool build_image(tool_run_t *r, const args_t *a, bool cdl, const char *dir)
{
    blob_files_t files = { 0 };
    strings_t owned = { 0 };
    uint8_t *blob = NULL;
    size_t blob_len = 0;
    char *kernel = tool_path(TOOL_KERNEL, a->kernel), *loader = tool_path(TOOL_LOADER, a->loader);
    bool ok = blob_files(r, a, cdl, &files, &owned);
    if (ok && !blob_build(r->spec, r->spec_len, files.v, files.n, &blob, &blob_len, &r->d)) {
        ok = false;
        r->env_error = true;
    }
    if (ok) {
        image_opts_t o = { dir, r->m.system, kernel, loader, r->m.ram_bytes, a->iso };
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
static bool check_build(tool_run_t *r, const args_t *a, bool build, const char *dir)
{
    bool cdl = ends_with(a->pos[0], ".cdl");
    if (!cdl) {
        r->elf_overrides = a->elf_opts;
        r->n_elf_overrides = (size_t)a->n_elf;
    }
    bool ok = cdl ? load_cdl(r, a->pos[0]) : pipeline_load_yaml(r, a->pos[0], !a->no_elf || build);
    r->m.spec_flags = a->dump_caps ? CDL_SPEC_F_DUMP_CAPS : 0;
    ok = ok && back_end(r, a);
    if (ok && build) {
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            return env_error(r, "create", dir);
        }
        ok = build_outputs(r, dir) && (a->no_image || build_image(r, a, cdl, dir));
    }
    return ok;
}

static int cmd_check_build(const args_t *a, bool build)
{
    tool_run_t r;
    pipeline_init(&r);
    bool ok = check_build(&r, a, build, a->out);
    if (ok && !build) {
        fprintf(stdout, "%s: ok: %zu objects, %zu caps, %llu KiB of RAM used of %llu KiB\n", r.m.system,
                r.m.objs.n, r.m.caps.n, (unsigned long long)(r.sim.ram_used >> 10),
                (unsigned long long)(r.sim.ram_free >> 10));
    }
    return finish(&r, ok);
}

static int cmd_run(const args_t *a)
{
    if (a->no_image) {
        fputs("capdl-tool: error: run needs the image: --no-image cannot be used with it\n", stderr);
        return EXIT_USAGE;
    }
    char *dir = a->out ? xstrdup(a->out) : run_make_temp_dir();
    if (!dir) {
        fprintf(stderr, "capdl-tool: error: cannot create a temporary folder: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    tool_run_t r;
    pipeline_init(&r);
    bool ok = check_build(&r, a, true, dir);
    diag_print(&r.d, stderr);
    int code = ok ? EXIT_OK : r.env_error ? EXIT_USAGE : EXIT_INPUT;
    if (ok) {
        run_opts_t o = {
            .dir = dir, .system = r.m.system, .memory = r.m.ram_bytes, .timeout = a->timeout, .expect = a->expect,
            .end = a->end, .until_match = a->until_match, .verbose = a->verbose, .extra = a->extra,
            .n_extra = a->n_extra, .qemu_test = NULL,
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

static int cmd_component(const args_t *a, bool patch)
{
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

static int cmd_decode(const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) {
        fprintf(stderr, "capdl-tool: error: cannot read '%s'\n", path);
        return EXIT_USAGE;
    }
    if (len >= 4 && memcmp(buf, "\177ELF", 4) == 0) {
        /* An image's loader: decode the spec of its embedded blob. */
        diag_t d = { 0 };
        uint8_t *blob = NULL;
        size_t blob_len = 0;
        bool ok = image_extract_blob(path, &blob, &blob_len, &d);
        const cdl_blob_header_t *h = (const cdl_blob_header_t *)blob;
        if (ok && (blob_len < sizeof(*h) || h->magic != CDL_BLOB_MAGIC || h->spec_offset > blob_len ||
                   h->spec_size > blob_len - h->spec_offset)) {
            diag_error(&d, (pos_t){ 0 }, NULL, NULL, "'%s': no system embedded (or its blob header is corrupted)", path);
            ok = false;
        }
        diag_print(&d, stderr);
        diag_free(&d);
        free(buf);
        if (!ok) {
            free(blob);
            return EXIT_INPUT;
        }
        len = h->spec_size;
        buf = xmalloc(len + 1);
        memcpy(buf, blob + h->spec_offset, len);
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
    return res.status == CDL_OK ? EXIT_OK : EXIT_INPUT;
}

static int cmd_read_cdl(const char *path)
{
    tool_run_t r;
    pipeline_init(&r);
    size_t len;
    r.text = read_file(path, &len);
    bool ok = r.text && cdl_read(&r.m, &r.d, path, r.text, len);
    if (!r.text) {
        diag_error(&r.d, (pos_t){ 0 }, NULL, NULL, "cannot read '%s'", path);
        r.env_error = true;
    }
    if (ok) {
        strbuf_t out = { 0 };
        cdl_write(&r.m, &out);
        fputs(out.s, stdout);
        sb_free(&out);
    }
    return finish(&r, ok);
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "verify") == 0 || strcmp(argv[1], "graph") == 0)) {
        return verify_main(argc - 1, argv + 1, argv[1][0] == 'g'); /* own options: verify_cmd.c */
    }
    args_t a;
    if (!parse_args(argc, argv, &a)) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (a.help) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    const char *c = a.cmd;
    bool dump_ok = !a.dump_caps || strcmp(c, "build") == 0 || (strcmp(c, "run") == 0 && a.dump_file);
    if ((a.n_extra && strcmp(c, "run") != 0) || !dump_ok) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if ((strcmp(c, "check") == 0 && a.npos == 1) || (strcmp(c, "build") == 0 && a.npos == 1 && a.out)) {
        return cmd_check_build(&a, c[0] == 'b');
    }
    if (strcmp(c, "run") == 0 && a.npos == 1) {
        return cmd_run(&a);
    }
    if ((strcmp(c, "gen-source") == 0 && a.npos == 2 && a.out) || (strcmp(c, "patch") == 0 && a.npos == 4)) {
        return cmd_component(&a, c[0] == 'p');
    }
    if (strcmp(c, "decode") == 0 && a.npos == 1) {
        return cmd_decode(a.pos[0]);
    }
    if (strcmp(c, "read-cdl") == 0 && a.npos == 1) {
        return cmd_read_cdl(a.pos[0]);
    }
    fputs(usage, stderr);
    return EXIT_USAGE;
}
