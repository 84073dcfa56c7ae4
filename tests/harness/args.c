/* Command line of qemu-test: a small table-free parser accepting "--opt VALUE" and
 * "--opt=VALUE", with "--" ending the options. See args.h. */
#include "args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_config.h"

/* Parser state: the arguments and the position of the next one. */
struct cursor {
    int argc;
    char **argv;
    int i;
};

void args_usage(void *stream)
{
    fputs("usage: qemu-test [options] --kernel KERNEL [--module FILE]... [-- QEMU-ARGS...]\n"
          "  --kernel FILE      Multiboot kernel image (-kernel)\n"
          "  --module FILE      boot module, repeatable; the first is the root task (-initrd)\n"
          "  --expect FILE      expectation file matched against the output\n"
          "  --end END          expected end: halt (default), panic, reset or any\n"
          "  --until-match      stop QEMU as soon as every expectation is met\n"
          "  --timeout SEC      wall-clock limit, default 60\n"
          "  --arch ARCH        x86_64 (default: QEMU pc, Multiboot, -initrd) or aarch64 (QEMU\n"
          "                     virt, the root task by -device loader at 0x48000000)\n"
          "  --memory SIZE      guest memory (-m), default " QEMU_DEFAULT_MEMORY " (aarch64: "
          QEMU_AARCH64_DEFAULT_MEMORY ")\n"
          "  --icount           add -icount shift=0 (repeatable timing)\n"
          "  --qemu PATH        QEMU binary, default " QEMU_DEFAULT_BINARY " (aarch64: "
          QEMU_AARCH64_DEFAULT_BINARY ")\n"
          "  --log FILE         write the captured output to FILE\n"
          "  --name NAME        test name used in the PASS/FAIL line\n"
          "  -v, --verbose      stream QEMU's output while it runs\n"
          "  -h, --help         show this text\n"
          "exit status: 0 pass, 1 fail, 2 usage or environment error\n",
          (FILE *)stream);
}

/* If the current argument is option name (as "--name" or "--name=VALUE"), stores its value in
 * *value and advances. Returns 1 when consumed, 0 when it is another option, -1 on a missing
 * value. */
static int take_value(struct cursor *c, const char *name, const char **value)
{
    const char *arg = c->argv[c->i];
    size_t n = strlen(name);
    if (strncmp(arg, name, n) != 0)
        return 0;
    if (arg[n] == '=') {
        *value = arg + n + 1;
    } else if (arg[n] != '\0') {
        return 0;
    } else if (c->i + 1 < c->argc) {
        *value = c->argv[++c->i];
    } else {
        return -1;
    }
    c->i++;
    return **value ? 1 : -1;
}

/* Parses a positive number of seconds. Returns 0, or -1 when text is not one. */
static int parse_seconds(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0) || v > 86400)
        return -1;
    *out = v;
    return 0;
}

/* Parses the value of --end. Returns 0, or -1 when it is not a known end. */
static int parse_end(const char *text, enum run_end *out)
{
    static const enum run_end allowed[] = { END_HALT, END_PANIC, END_RESET, END_ANY };
    for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
        if (strcmp(text, run_end_name(allowed[i])) == 0) {
            *out = allowed[i];
            return 0;
        }
    }
    return -1;
}

/* Handles the options whose value is stored as it is. Returns 1, 0 or -1 like take_value. */
static int take_string(struct cursor *c, struct harness_options *o)
{
    int r;
    if ((r = take_value(c, "--kernel", &o->kernel)) || (r = take_value(c, "--expect", &o->expect_file)) ||
        (r = take_value(c, "--log", &o->log_file)) || (r = take_value(c, "--qemu", &o->qemu)) ||
        (r = take_value(c, "--memory", &o->memory)))
        return r;
    return take_value(c, "--name", &o->name);
}

/* Adds one --module value. Returns 1, or -1 with err set. */
static int add_module(struct harness_options *o, const char *v, char *err, size_t errlen)
{
    if (strchr(v, ',')) {
        snprintf(err, errlen, "--module %s: a module path cannot contain ','", v);
        return -1;
    }
    if (o->module_count == ARGS_MAX_MODULES) {
        snprintf(err, errlen, "--module %s: more than %d modules", v, ARGS_MAX_MODULES);
        return -1;
    }
    o->modules[o->module_count++] = v;
    return 1;
}

/* Parses the value of --arch and switches the defaults of binary and memory to that machine's
 * (an explicit --qemu or --memory, before or after, wins). Returns 0, or -1 when unknown. */
static int parse_arch(const char *text, struct harness_options *o)
{
    if (strcmp(text, "x86_64") == 0) {
        o->arch = ARCH_X86_64;
        return 0;
    }
    if (strcmp(text, "aarch64") != 0)
        return -1;
    o->arch = ARCH_AARCH64;
    if (strcmp(o->qemu, QEMU_DEFAULT_BINARY) == 0)
        o->qemu = QEMU_AARCH64_DEFAULT_BINARY;
    if (strcmp(o->memory, QEMU_DEFAULT_MEMORY) == 0)
        o->memory = QEMU_AARCH64_DEFAULT_MEMORY;
    return 0;
}

/* Handles one option that takes a value. Returns 1 consumed, 0 not such an option, -1 error. */
static int take_valued(struct cursor *c, struct harness_options *o, char *err, size_t errlen)
{
    const char *arg = c->argv[c->i], *v = NULL;
    int r = take_string(c, o);
    if (r == 0 && (r = take_value(c, "--module", &v)) == 1)
        return add_module(o, v, err, errlen);
    if (r == 0 && (r = take_value(c, "--timeout", &v)) == 1 && parse_seconds(v, &o->timeout_s)) {
        snprintf(err, errlen, "--timeout %s: expected a positive number of seconds", v);
        return -1;
    }
    if (r == 0 && (r = take_value(c, "--arch", &v)) == 1 && parse_arch(v, o)) {
        snprintf(err, errlen, "--arch %s: expected x86_64 or aarch64", v);
        return -1;
    }
    if (r == 0 && (r = take_value(c, "--end", &v)) == 1 && parse_end(v, &o->want_end)) {
        snprintf(err, errlen, "--end %s: expected halt, panic, reset or any", v);
        return -1;
    }
    if (r < 0)
        snprintf(err, errlen, "%s: missing value", arg);
    return r;
}

/* Handles one flag (option without value). Returns 1 consumed, 0 not a flag. */
static int take_flag(struct cursor *c, struct harness_options *o)
{
    const char *a = c->argv[c->i];
    if (strcmp(a, "--until-match") == 0)
        o->until_match = true;
    else if (strcmp(a, "--icount") == 0)
        o->icount = true;
    else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
        o->verbose = true;
    else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
        o->help = true;
    else
        return 0;
    c->i++;
    return 1;
}

/* Sets every option to its default. */
static void set_defaults(struct harness_options *o)
{
    memset(o, 0, sizeof(*o));
    o->qemu = QEMU_DEFAULT_BINARY;
    o->memory = QEMU_DEFAULT_MEMORY;
    o->timeout_s = 60;
    o->want_end = END_HALT;
}

int args_parse(int argc, char **argv, struct harness_options *o, char *err, size_t errlen)
{
    struct cursor c = { argc, argv, 1 };
    set_defaults(o);
    while (c.i < argc) {
        if (strcmp(argv[c.i], "--") == 0) {
            o->extra = argv + c.i + 1;
            o->extra_count = (size_t)(argc - c.i - 1);
            break;
        }
        int r = take_flag(&c, o);
        if (r == 0)
            r = take_valued(&c, o, err, errlen);
        if (r < 0)
            return -1;
        if (r == 0) {
            snprintf(err, errlen, "unknown argument '%s' (QEMU arguments go after --)", argv[c.i]);
            return -1;
        }
    }
    if (!o->help && !o->kernel) {
        snprintf(err, errlen, "--kernel is required");
        return -1;
    }
    if (o->arch == ARCH_AARCH64 && o->module_count > 1) {
        snprintf(err, errlen, "--arch aarch64 takes one module (the root task)");
        return -1;
    }
    return 0;
}
