/*
 * Image folder writer (image_folder.h).
 */
#include "image_folder.h"

#include "image_embed.h"
#include "run_template.h"
#include "run_template_aarch64.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *image_memory_arg(uint64_t bytes)
{
    uint64_t mib = (bytes + (1ull << 20) - 1) >> 20;
    if (mib && mib % 1024 == 0) {
        return xasprintf("%lluG", (unsigned long long)(mib / 1024));
    }
    return xasprintf("%lluM", (unsigned long long)(mib ? mib : 1));
}

/* The template with every occurrence of key replaced by value. */
static void replace_all(strbuf_t *out, const char *text, const char *key, const char *value)
{
    size_t kl = strlen(key);
    for (const char *p = text;;) {
        const char *hit = strstr(p, key);
        if (!hit) {
            sb_append(out, p, strlen(p));
            return;
        }
        sb_append(out, p, (size_t)(hit - p));
        sb_append(out, value, strlen(value));
        p = hit + kl;
    }
}

const char *image_kernel_name(bool aarch64)
{
    return aarch64 ? "kernel.elf" : "kernel.elf32";
}

char *image_run_script(const char *system, uint64_t memory)
{
    return image_run_script_arch(system, memory, false);
}

char *image_run_script_arch(const char *system, uint64_t memory, bool aarch64)
{
    char *mem = image_memory_arg(memory);
    strbuf_t a = { 0 }, b = { 0 };
    replace_all(&a, aarch64 ? run_template_aarch64 : run_template, "@CAPDL_SYSTEM@", system);
    replace_all(&b, a.s, "@CAPDL_MEMORY@", mem);
    sb_free(&a);
    free(mem);
    return b.s;
}

static bool env_fail(diag_t *d, const char *what, const char *path)
{
    diag_error(d, (pos_t){ 0 }, NULL, NULL, "cannot %s '%s': %s", what, path, strerror(errno));
    return false;
}

static bool copy_file(const char *from, const char *to, diag_t *d)
{
    size_t len;
    char *buf = read_file(from, &len);
    if (!buf) {
        return env_fail(d, "read", from);
    }
    bool ok = write_file(to, buf, len) || env_fail(d, "write", to);
    free(buf);
    return ok;
}

/* The directory in PATH that holds an executable called name, or NULL (heap). */
static char *find_in_path(const char *name)
{
    const char *path = getenv("PATH");
    for (const char *p = path ? path : ""; *p;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char *cand = xasprintf("%.*s/%s", (int)n, p, name);
        if (n && access(cand, X_OK) == 0) {
            return cand;
        }
        free(cand);
        p += n + (end ? 1 : 0);
    }
    return NULL;
}

static bool make_iso(const image_opts_t *o, diag_t *d)
{
    char *grub = find_in_path("grub-mkrescue");
    if (!grub) {
        diag_error(d, (pos_t){ 0 }, NULL, "apt-get install grub-pc-bin grub-common xorriso mtools",
                   "--iso needs grub-mkrescue, which is not in PATH");
        return false;
    }
    char *root = xasprintf("%s/iso-root", o->dir), *boot = xasprintf("%s/boot", root);
    char *grubdir = xasprintf("%s/grub", boot), *cfg = xasprintf("%s/grub.cfg", grubdir);
    char *k_from = xasprintf("%s/kernel.elf32", o->dir), *k_to = xasprintf("%s/kernel.elf32", boot);
    char *l_from = xasprintf("%s/loader.elf", o->dir), *l_to = xasprintf("%s/loader.elf", boot);
    char *iso = xasprintf("%s/%s.iso", o->dir, o->system);
    char *text = xasprintf("set timeout=0\nset default=0\nmenuentry \"%s\" {\n  multiboot /boot/kernel.elf32\n"
                           "  module /boot/loader.elf loader.elf\n  boot\n}\n", o->system);
    bool ok = true;
    const char *dirs[] = { root, boot, grubdir };
    for (size_t i = 0; ok && i < 3; i++) {
        if (mkdir(dirs[i], 0755) != 0 && errno != EEXIST) {
            ok = env_fail(d, "create", dirs[i]);
        }
    }
    ok = ok && (write_file(cfg, text, strlen(text)) || env_fail(d, "write", cfg));
    ok = ok && copy_file(k_from, k_to, d) && copy_file(l_from, l_to, d);
    if (ok) {
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            execl(grub, grub, "-o", iso, root, (char *)NULL);
            _exit(127);
        }
        int st = 0;
        if (pid < 0 || waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            diag_error(d, (pos_t){ 0 }, NULL, NULL, "grub-mkrescue failed to write '%s'", iso);
            ok = false;
        }
    }
    free(grub), free(root), free(boot), free(grubdir), free(cfg), free(k_from), free(k_to), free(l_from);
    free(l_to), free(iso), free(text);
    return ok;
}

bool image_write(const image_opts_t *o, const void *blob, size_t blob_len, diag_t *d)
{
    char *kernel = xasprintf("%s/%s", o->dir, image_kernel_name(o->aarch64));
    char *loader = xasprintf("%s/loader.elf", o->dir);
    char *run = xasprintf("%s/run", o->dir);
    char *script = image_run_script_arch(o->system, o->memory, o->aarch64);
    bool ok = copy_file(o->kernel, kernel, d) && image_embed(o->loader, blob, blob_len, loader, d);
    if (ok && (!write_file(run, script, strlen(script)) || chmod(run, 0755) != 0)) {
        ok = env_fail(d, "write", run);
    }
    ok = ok && (!o->iso || make_iso(o, d));
    free(kernel);
    free(loader);
    free(run);
    free(script);
    return ok;
}
