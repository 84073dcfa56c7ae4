/*
 * capdl-tool's driver: the command table and the one option parser. A command line is
 * `capdl-tool COMMAND [ARGS and OPTIONS]`; each command lists the options that apply to it, and
 * anything else is named in one line on stderr with exit status 2 (a misspelling gets a "did
 * you mean"). `--help` prints usage on stdout and exits 0, at the top level or after a command.
 * The commands themselves are in commands.c; exit statuses are TOOL_EXIT_* (pipeline.h).
 */
#include "commands.h"
#include "pipeline.h"

#include <capdl/spec.h>

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#define CAPDL_TOOL_VERSION "1.0"
#define MAX_ELF_OPTS 64 /* pipeline.h tracks which were used in a 64-bit mask */

enum opt {
    O_OUT, O_MEMORY, O_RESERVED, O_NO_ELF, O_ELF, O_KERNEL, O_LOADER, O_NO_IMAGE, O_NO_MEM_CHECK, O_NO_KERNEL_CHECK, O_ISO,
    O_DUMP_FLAG, O_DUMP_FILE, O_TIMEOUT, O_EXPECT, O_END, O_UNTIL_MATCH, O_VERBOSE, O_POLICY, O_FORMAT,
    O_AGAINST, O_STRICT, O_AUTHORITY, O_SVG, O_LOG, O_QEMU_ARGS, O_ARCH, O_COUNT
};

static const struct option {
    const char *name, *alias;
    bool value;
} options[O_COUNT] = {
    [O_OUT] = { "-o", NULL, true },
    [O_MEMORY] = { "--memory", NULL, true },
    [O_RESERVED] = { "--reserved", NULL, true },
    [O_NO_ELF] = { "--no-elf", NULL, false },
    [O_ELF] = { "--elf", NULL, true },
    [O_KERNEL] = { "--kernel", NULL, true },
    [O_LOADER] = { "--loader", NULL, true },
    [O_NO_IMAGE] = { "--no-image", NULL, false },
    [O_NO_MEM_CHECK] = { "--no-memory-check", NULL, false },
    [O_NO_KERNEL_CHECK] = { "--no-kernel-check", NULL, false },
    [O_ISO] = { "--iso", NULL, false },
    [O_DUMP_FLAG] = { "--dump-caps", NULL, false },
    [O_DUMP_FILE] = { "--dump-caps", NULL, true },
    [O_TIMEOUT] = { "--timeout", NULL, true },
    [O_EXPECT] = { "--expect", NULL, true },
    [O_END] = { "--end", NULL, true },
    [O_UNTIL_MATCH] = { "--until-match", NULL, false },
    [O_VERBOSE] = { "-v", "--verbose", false },
    [O_POLICY] = { "--policy", NULL, true },
    [O_FORMAT] = { "--format", NULL, true },
    [O_AGAINST] = { "--against", NULL, true },
    [O_STRICT] = { "--strict", NULL, false },
    [O_AUTHORITY] = { "--authority", NULL, false },
    [O_SVG] = { "--svg", NULL, false },
    [O_LOG] = { "--log", NULL, true },
    [O_QEMU_ARGS] = { "--", NULL, false },
    [O_ARCH] = { "--arch", NULL, true },
};

#define B(o) (1u << (o))
#define SIZES (B(O_MEMORY) | B(O_RESERVED))
#define BUILD_OPTS (SIZES | B(O_ELF) | B(O_KERNEL) | B(O_LOADER) | B(O_NO_MEM_CHECK) | B(O_NO_KERNEL_CHECK) | \
                    B(O_ISO) | B(O_OUT) | B(O_ARCH))

static const struct command {
    const char *name;
    int npos;          /* positional arguments */
    uint32_t opts;     /* options that apply */
    uint32_t required; /* options that must be given */
    int (*run)(const tool_args_t *a);
    const char *usage; /* the synopsis and what it does */
} commands[] = {
    { "check", 1, SIZES | B(O_NO_ELF) | B(O_ELF) | B(O_NO_MEM_CHECK) | B(O_ARCH), 0, cmd_check,
      "check SYSTEM.yaml|SYSTEM.cdl [--memory SIZE] [--reserved SIZE] [--no-elf] [--elf KEY=FILE]...\n"
      "      [--arch x86_64|aarch64]\n"
      "      check the description, the ELFs and that the system fits in memory\n" },
    { "build", 1, BUILD_OPTS | B(O_NO_IMAGE) | B(O_DUMP_FLAG), B(O_OUT), cmd_build,
      "build SYSTEM.yaml|SYSTEM.cdl -o DIR [--memory SIZE] [--reserved SIZE] [--elf KEY=FILE]...\n"
      "      [IMAGE OPTIONS] [--dump-caps]\n"
      "      write the bootable image folder DIR: kernel.elf32, loader.elf (the loader with the\n"
      "      spec and the component ELFs embedded), run (boots it in QEMU), <system>.cdl,\n"
      "      <system>.spec and <system>.report.json; with --dump-caps the loader prints the live\n"
      "      capability state after loading (docs/verification.md)\n" },
    { "run", 1,
      BUILD_OPTS | B(O_TIMEOUT) | B(O_EXPECT) | B(O_END) | B(O_UNTIL_MATCH) | B(O_VERBOSE) | B(O_DUMP_FILE) |
          B(O_LOG) | B(O_QEMU_ARGS),
      0, cmd_run,
      "run SYSTEM.yaml|SYSTEM.cdl [-o DIR] [build options] [--timeout SEC] [--expect FILE]\n"
      "      [--end halt|panic|reset|any] [--until-match] [-v] [--log FILE] [--dump-caps FILE]\n"
      "      [-- QEMU-ARGS...]\n"
      "      build the image (into DIR, else a temporary folder) and boot it, serial console on\n"
      "      stdout; with --timeout, --expect, --end, --until-match or --log the run is checked by\n"
      "      the QEMU test harness qemu-test (exit 0 pass, 1 fail with the whole output shown);\n"
      "      --log FILE also writes the console output to FILE (without --expect it is shown as it\n"
      "      comes, and the run ends when the system halts or the timeout, 60 s unless given,\n"
      "      passes);\n"
      "      --dump-caps FILE writes the loader's capability dump to FILE (for verify --against;\n"
      "      without checks the run stops once the dump is complete)\n" },
    { "gen-source", 2, B(O_OUT), B(O_OUT), cmd_gen_source,
      "gen-source SYSTEM.yaml COMPONENT -o FILE.c\n"
      "      write the component's definitions (cap slots, shared frames, thread addresses)\n" },
    { "patch", 4, 0, 0, cmd_patch,
      "patch SYSTEM.yaml COMPONENT IN.elf OUT.elf\n"
      "      copy a prebuilt ELF with its seL4_CPtr cap symbols set to their slots\n" },
    { "decode", 1, 0, 0, cmd_decode,
      "decode SPEC|LOADER.elf\n"
      "      print a binary spec (or the one embedded in an image) as text\n" },
    { "read-cdl", 1, 0, 0, cmd_read_cdl,
      "read-cdl FILE.cdl\n"
      "      parse a textual capDL spec (seL4's capDL, docs/spec-format.md) and print it back\n" },
    { "verify", 1,
      SIZES | B(O_POLICY) | B(O_FORMAT) | B(O_OUT) | B(O_STRICT) | B(O_AUTHORITY) | B(O_NO_ELF) | B(O_ELF) |
          B(O_AGAINST),
      0, cmd_verify,
      "verify SYSTEM.yaml|SYSTEM.cdl [--policy POLICY.yaml] [--format text|json|dot] [-o FILE]\n"
      "      [--strict] [--authority] [--no-elf] [--elf KEY=FILE]... [--memory SIZE] [--reserved SIZE]\n"
      "  verify SYSTEM.yaml|SYSTEM.cdl --against DUMP [--no-elf]\n"
      "      the build's checks, lint, the authority closure and information flows, and the\n"
      "      policy; exit 1 on a policy violation (with --strict also on a lint warning);\n"
      "      --against DUMP compares a dump of the live capability state with the spec\n"
      "      (docs/verification.md)\n" },
    { "graph", 1, B(O_POLICY) | B(O_OUT) | B(O_SVG) | B(O_NO_ELF) | B(O_ELF), 0, cmd_graph,
      "graph SYSTEM.yaml|SYSTEM.cdl [--policy POLICY.yaml] [-o FILE] [--svg] [--no-elf]\n"
      "      the authority and flow graph as Graphviz DOT (--svg: SVG through 'dot')\n" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char options_help[] =
    "options:\n"
    "  --memory SIZE    machine RAM for the allocation check and the image's QEMU -m (default:\n"
    "                   the description's 'memory:', else 512M)\n"
    "  --reserved SIZE  RAM above 1 MiB assumed taken by kernel, loader image and root task\n"
    "                   objects (default 32M)\n"
    "  --elf KEY=FILE   use FILE as the ELF of the components called KEY or whose 'elf:' is\n"
    "                   written KEY; for a .cdl, the file its fills call KEY (default NAME or\n"
    "                   NAME.elf beside the .cdl); a relative FILE is taken from the current folder\n"
    "  --arch x86_64|aarch64  the system's architecture (default: the components' ELFs', a\n"
    "                   .cdl's arch line; x86_64 for check --no-elf); they must agree with it\n"
    "image options:\n"
    "  --kernel FILE    the kernel (32-bit Multiboot ELF; default $CAPDL_KERNEL, else the SDK's\n"
    "                   or the build tree's; AArch64: $CAPDL_KERNEL_AARCH64, kernel-aarch64.elf)\n"
    "  --loader FILE    the generic capdl-loader ELF (default $CAPDL_LOADER, else the SDK's or\n"
    "                   the build tree's; AArch64: $CAPDL_LOADER_AARCH64)\n"
    "  --no-image       write only the .cdl, .spec and .report.json\n"
    "  --no-memory-check  build even if the allocation check fails (a warning): the loader's\n"
    "                   check at boot decides\n"
    "  --no-kernel-check  build even if the system needs more domains, priorities or schedule\n"
    "                   entries than the kernel file was built with (a warning): the kernel decides\n"
    "  --iso            also write DIR/<system>.iso (needs grub-mkrescue)\n"
    "  -h, --help       usage (of a command: capdl-tool COMMAND --help)\n"
    "  --version        the tool's version\n"
    "exit status: 0 ok, 1 the input is wrong (run: the boot failed its check), 2 usage or\n"
    "environment error (run without checks: the run script's status)\n";

/* The usage of one command (`capdl-tool COMMAND --help`), or of all with the command list. */
static void print_usage(const struct command *only)
{
    if (only) {
        fprintf(stdout, "usage: capdl-tool %s", only->usage);
    } else {
        fputs("usage: capdl-tool <command> [options]\ncommands:\n", stdout);
        for (size_t i = 0; i < N_COMMANDS; i++) {
            fprintf(stdout, "  %s", commands[i].usage);
        }
    }
    fputs(options_help, stdout);
}

/* One line on stderr naming the problem; returns the usage exit status. */
static int usage_error(const char *cmd, const char *fmt, const char *what, const char *hint)
{
    fprintf(stderr, "capdl-tool%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, what);
    if (hint) {
        fprintf(stderr, ": did you mean '%s'?", hint);
    }
    fputc('\n', stderr);
    return TOOL_EXIT_USAGE;
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    for (size_t i = 0; i < N_COMMANDS; i++) {
        names[i] = commands[i].name;
    }
    const char *hint = closest_name(name, names, N_COMMANDS);
    if (hint) {
        return usage_error(NULL, "unknown command '%s'", name, hint);
    }
    return usage_error(NULL, "unknown command '%s' (capdl-tool --help lists the commands)", name, NULL);
}

/* The option called s that applies to c, else the first called s; -1 if none is. */
static int find_option(const struct command *c, const char *s)
{
    int any = -1;
    for (int o = 0; o < O_COUNT; o++) {
        if (strcmp(options[o].name, s) == 0 || (options[o].alias && strcmp(options[o].alias, s) == 0)) {
            if (c->opts & B(o)) {
                return o;
            }
            any = any < 0 ? o : any;
        }
    }
    return any;
}

static int unknown_option(const struct command *c, const char *s)
{
    const char *names[O_COUNT];
    size_t n = 0;
    for (int o = 0; o < O_COUNT; o++) {
        if (c->opts & B(o)) {
            names[n++] = options[o].name;
        }
    }
    return usage_error(c->name, "unknown option '%s'", s, closest_name(s, names, n));
}

static bool size_value(const char *s, uint64_t *out)
{
    return parse_u64(s, out, true) && *out > 0;
}

/* Stores the value v of option o; false (after the message) if it is malformed. */
static bool set_value(const struct command *c, tool_args_t *a, int o, const char *v, size_t *n_elf,
                      const char **elf_opts)
{
    static const char *const formats[] = { "text", "json", "dot" };
    const char **field[O_COUNT] = {
        [O_OUT] = &a->out, [O_KERNEL] = &a->kernel, [O_LOADER] = &a->loader, [O_DUMP_FILE] = &a->dump_file,
        [O_TIMEOUT] = &a->timeout, [O_EXPECT] = &a->expect, [O_END] = &a->end, [O_POLICY] = &a->policy,
        [O_FORMAT] = &a->format, [O_AGAINST] = &a->against, [O_LOG] = &a->log, [O_ARCH] = &a->arch,
    };
    if ((o == O_MEMORY || o == O_RESERVED) && !size_value(v, o == O_MEMORY ? &a->memory : &a->reserved)) {
        usage_error(c->name, "%s: expected a size such as 512M", options[o].name, NULL);
        return false;
    }
    if (o == O_ELF) {
        if (!strchr(v, '=') || v[0] == '=' || *n_elf == MAX_ELF_OPTS) {
            const char *fmt = *n_elf == MAX_ELF_OPTS ? "--elf %s: at most 64 --elf options"
                                                     : "--elf %s: expected KEY=FILE";
            usage_error(c->name, fmt, v, NULL);
            return false;
        }
        elf_opts[(*n_elf)++] = v;
    }
    if (o == O_ARCH && strcmp(v, "x86_64") != 0 && strcmp(v, "aarch64") != 0) {
        usage_error(c->name, "--arch %s: expected x86_64 or aarch64", v, NULL);
        return false;
    }
    if (o == O_FORMAT && strcmp(v, "text") != 0 && strcmp(v, "json") != 0 && strcmp(v, "dot") != 0) {
        usage_error(c->name, "--format %s: expected text, json or dot", v, closest_name(v, formats, 3));
        return false;
    }
    if (field[o]) {
        *field[o] = v;
    }
    a->dump_caps |= o == O_DUMP_FILE; /* run --dump-caps FILE builds with the dump flag too */
    return true;
}

static void set_flag(tool_args_t *a, int o)
{
    bool *flag[O_COUNT] = {
        [O_NO_ELF] = &a->no_elf, [O_NO_IMAGE] = &a->no_image, [O_NO_MEM_CHECK] = &a->no_mem_check,
        [O_NO_KERNEL_CHECK] = &a->no_kernel_check,
        [O_ISO] = &a->iso, [O_DUMP_FLAG] = &a->dump_caps, [O_UNTIL_MATCH] = &a->until_match,
        [O_VERBOSE] = &a->verbose, [O_STRICT] = &a->strict, [O_AUTHORITY] = &a->authority, [O_SVG] = &a->svg,
    };
    if (flag[o]) {
        *flag[o] = true;
    }
}

/* Parses argv[2..] for command c; returns -1 on success, else the exit status (message shown). */
static int parse_command_line(const struct command *c, int argc, char **argv, tool_args_t *a, const char **elf_opts)
{
    size_t n_elf = 0;
    uint32_t given = 0;
    for (int i = 2; i < argc; i++) {
        const char *s = argv[i];
        if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
            print_usage(c);
            return TOOL_EXIT_OK;
        }
        if (s[0] != '-' || s[1] == '\0') {
            if (a->npos == c->npos) {
                return usage_error(c->name, "unexpected argument '%s'", s, NULL);
            }
            a->pos[a->npos++] = s;
            continue;
        }
        int o = find_option(c, s);
        if (o < 0) {
            return unknown_option(c, s);
        }
        if (!(c->opts & B(o))) {
            return usage_error(c->name, "option '%s' does not apply to this command", s, NULL);
        }
        given |= B(o);
        if (o == O_QEMU_ARGS) {
            a->extra = argv + i + 1;
            a->n_extra = argc - i - 1;
            break;
        }
        if (!options[o].value) {
            set_flag(a, o);
        } else if (i + 1 >= argc) {
            return usage_error(c->name, "option '%s' needs a value", s, NULL);
        } else if (!set_value(c, a, o, argv[++i], &n_elf, elf_opts)) {
            return TOOL_EXIT_USAGE;
        }
    }
    a->elf_opts = elf_opts;
    a->n_elf = n_elf;
    if (a->npos < c->npos) {
        const char *synopsis = c->usage, *eol = strchr(synopsis, '\n');
        fprintf(stderr, "capdl-tool %s: missing arguments (usage: capdl-tool %.*s)\n", c->name, (int)(eol - synopsis),
                synopsis);
        return TOOL_EXIT_USAGE;
    }
    for (int o = 0; o < O_COUNT; o++) {
        if ((c->required & B(o)) && !(given & B(o))) {
            return usage_error(c->name, "option '%s' is required", options[o].name, NULL);
        }
    }
    return -1;
}

/* glibc serves a block of 128 KiB or more by mmap, returned whole when freed, but raises that
 * threshold to the size of each such block freed: the large arrays that follow (the model's
 * records, the spec) then come from the heap, whose freed middle is never returned. Fixed, a
 * 4,000-component build peaks 5 MB lower (46.7 -> 41.5 MiB resident, docs/benchmarks.md). */
static void keep_large_blocks_mapped(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

/* verify and graph, whose time is measured and whose peak is not (docs/benchmarks.md): freed
 * memory stays with the process for the next allocation (the YAML document's for the analysis,
 * each array's growth for the next), instead of going back to the kernel and coming again as
 * fresh zeroed pages: at 100,000 caps 87,000 page faults -> 64,000, peak 231 -> 256 MB. */
static void reuse_freed_memory(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "verify") == 0 || strcmp(argv[1], "graph") == 0)) {
        reuse_freed_memory();
    } else {
        keep_large_blocks_mapped();
    }
    if (argc < 2) {
        return usage_error(NULL, "%s", "no command given (capdl-tool --help lists the commands)", NULL);
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        print_usage(NULL);
        return TOOL_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("capdl-tool %s (binary spec format %u; capDL text as seL4's capDL-tool reads it; x86_64)\n",
               CAPDL_TOOL_VERSION, CDL_SPEC_VERSION);
        return TOOL_EXIT_OK;
    }
    if (argv[1][0] == '-') {
        return usage_error(NULL, "unknown option '%s' (a command comes first: capdl-tool --help)", argv[1], NULL);
    }
    const struct command *c = find_command(argv[1]);
    if (!c) {
        return unknown_command(argv[1]);
    }
    tool_args_t a = { .reserved = ALLOC_DEFAULT_RESERVED };
    const char *elf_opts[MAX_ELF_OPTS];
    int status = parse_command_line(c, argc, argv, &a, elf_opts);
    return status >= 0 ? status : c->run(&a);
}
