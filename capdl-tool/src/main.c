/*
 * capdl-tool's driver: parses the command line, runs the pipeline stages for the subcommand and
 * maps the outcome to the exit code in one place: 0 ok, 1 the input is wrong, 2 usage or
 * environment. All output files are written only after every stage succeeded.
 */
#include "cdl_read.h"
#include "cdl_write.h"
#include "gen_source.h"
#include "pipeline.h"
#include "report.h"
#include "spec_decode.h"

#include <stdlib.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

static const char usage[] =
    "usage: capdl-tool <command> [options]\n"
    "commands:\n"
    "  check SYSTEM.yaml [--memory SIZE] [--reserved SIZE] [--no-elf]\n"
    "      check the description, the ELFs and that the system fits in memory\n"
    "  build SYSTEM.yaml -o DIR [--memory SIZE] [--reserved SIZE]\n"
    "      write DIR/<system>.cdl, DIR/<system>.spec and DIR/<system>.report.json\n"
    "  gen-source SYSTEM.yaml COMPONENT -o FILE.c\n"
    "      write the component's definitions (cap slots, shared frames, thread addresses)\n"
    "  patch SYSTEM.yaml COMPONENT IN.elf OUT.elf\n"
    "      copy a prebuilt ELF with its seL4_CPtr cap symbols set to their slots\n"
    "  decode SPEC        print a binary spec as text\n"
    "  read-cdl FILE.cdl  parse a textual capDL spec and print it back\n"
    "options:\n"
    "  --memory SIZE    machine RAM for the allocation check (default: the description's\n"
    "                   'memory:', else 512M)\n"
    "  --reserved SIZE  RAM above 1 MiB assumed taken by kernel, loader image and root task\n"
    "                   objects (default 32M)\n"
    "  -h, --help       this text\n"
    "exit status: 0 ok, 1 the input is wrong, 2 usage or environment error\n";

typedef struct args {
    const char *cmd, *pos[4], *out;
    int npos;
    uint64_t memory, reserved;
    bool no_elf, help;
} args_t;

static bool parse_size_opt(const char *s, uint64_t *out)
{
    return s && parse_u64(s, out, true) && *out > 0;
}

static bool parse_args(int argc, char **argv, args_t *a)
{
    *a = (args_t){ .reserved = ALLOC_DEFAULT_RESERVED };
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            a->help = true;
        } else if (strcmp(s, "--no-elf") == 0) {
            a->no_elf = true;
        } else if (strcmp(s, "-o") == 0 && i + 1 < argc) {
            a->out = argv[++i];
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

static bool write_out(tool_run_t *r, const char *dir, const char *ext, const void *data, size_t len)
{
    char *path = xasprintf("%s/%s%s", dir, r->m.system, ext);
    bool ok = write_file(path, data, len);
    if (!ok) {
        diag_error(&r->d, (pos_t){ 0 }, NULL, NULL, "cannot write '%s'", path);
        r->env_error = true;
    }
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

static int cmd_check_build(const args_t *a, bool build)
{
    tool_run_t r;
    pipeline_init(&r);
    bool ok = pipeline_load_yaml(&r, a->pos[0], !a->no_elf || build) && pipeline_back(&r, a->memory, a->reserved);
    if (ok && build) {
        ok = build_outputs(&r, a->out);
    }
    if (ok && !build) {
        fprintf(stdout, "%s: ok: %zu objects, %zu caps, %llu KiB of RAM used of %llu KiB\n", r.m.system,
                r.m.objs.n, r.m.caps.n, (unsigned long long)(r.sim.ram_used >> 10),
                (unsigned long long)(r.sim.ram_free >> 10));
    }
    return finish(&r, ok);
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
    if ((strcmp(c, "check") == 0 && a.npos == 1) || (strcmp(c, "build") == 0 && a.npos == 1 && a.out)) {
        return cmd_check_build(&a, c[0] == 'b');
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
