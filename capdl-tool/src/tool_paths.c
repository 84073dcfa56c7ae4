/*
 * Default input files (tool_paths.h).
 */
#include "tool_paths.h"

#include "capdl_tool_config.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    const char *env, *installed, *build;
} files[] = {
    [TOOL_KERNEL] = { "CAPDL_KERNEL", "../share/capdl/kernel.elf32", CAPDL_BUILD_KERNEL },
    [TOOL_LOADER] = { "CAPDL_LOADER", "../share/capdl/capdl-loader.elf", CAPDL_BUILD_LOADER },
    [TOOL_QEMU_TEST] = { "CAPDL_QEMU_TEST", "qemu-test", CAPDL_BUILD_QEMU_TEST },
    [TOOL_KERNEL_MCS] = { "CAPDL_KERNEL_MCS", "../share/capdl/kernel-mcs.elf32", CAPDL_BUILD_KERNEL_MCS },
    [TOOL_LOADER_MCS] = { "CAPDL_LOADER_MCS", "../share/capdl/capdl-loader-mcs.elf", CAPDL_BUILD_LOADER_MCS },
    [TOOL_KERNEL_AARCH64] = { "CAPDL_KERNEL_AARCH64", "../share/capdl/kernel-aarch64.elf", CAPDL_BUILD_KERNEL_AARCH64 },
    [TOOL_LOADER_AARCH64] = { "CAPDL_LOADER_AARCH64", "../share/capdl/capdl-loader-aarch64.elf",
                              CAPDL_BUILD_LOADER_AARCH64 },
};

char *tool_path(enum tool_file which, const char *option)
{
    if (option) {
        return xstrdup(option);
    }
    const char *env = getenv(files[which].env);
    if (env && env[0]) {
        return xstrdup(env);
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char *p = xasprintf("%s/%s", exe, files[which].installed);
            if (access(p, R_OK) == 0) {
                return p;
            }
            free(p);
        }
    }
    return xstrdup(files[which].build);
}
