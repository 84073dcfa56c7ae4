/*
 * The parts of seL4_libs' <utils/util.h> that seL4 example code uses: array and arithmetic
 * helpers, compile-time asserts and the zf_log macros (ZF_LOGE/W/I/D/V/F and the _IF /
 * _IFERR variants). Log lines are "LEVEL file:line func: message". ZF_LOGF* print and then
 * abort(). ZF_LOGD/ZF_LOGV are compiled out unless ZF_LOG_LEVEL is set lower (they still
 * type-check their arguments).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <utils/attribute.h>

#define ARRAY_SIZE(x) (sizeof(x) / sizeof((x)[0]))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define BIT(n) (1ul << (n))
#define MASK(n) (BIT(n) - 1ul)
#define ROUND_DOWN(n, b) (((n) >> (b)) << (b))
#define ROUND_UP(n, b) ((((n) >> (b)) + (((n) & MASK(b)) != 0)) << (b))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((a) - 1))
#define IS_ALIGNED(n, b) (((n) & MASK(b)) == 0)
#define IS_POWER_OF_2(x) (((x) != 0) && (((x) & ((x) - 1)) == 0))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#define STRINGIFY(x) #x
#define PASTE(a, b) a##b

#define compile_time_assert(name, expr) _Static_assert(expr, #name)

/* Log levels, as zf_log numbers them */
#define ZF_LOG_VERBOSE 1
#define ZF_LOG_DEBUG 2
#define ZF_LOG_INFO 3
#define ZF_LOG_WARN 4
#define ZF_LOG_ERROR 5
#define ZF_LOG_FATAL 6
#define ZF_LOG_NONE 0xff

#ifndef ZF_LOG_LEVEL
#define ZF_LOG_LEVEL ZF_LOG_INFO
#endif

#define ZF_LOG_PRINT(lvl, tag, fmt, ...)                                                   \
    do {                                                                                   \
        if ((lvl) >= ZF_LOG_LEVEL) {                                                       \
            printf(tag " %s:%d %s: " fmt "\n", __FILE__, __LINE__, __func__, ##__VA_ARGS__); \
        }                                                                                  \
    } while (0)

#define ZF_LOGV(fmt, ...) ZF_LOG_PRINT(ZF_LOG_VERBOSE, "VERBOSE", fmt, ##__VA_ARGS__)
#define ZF_LOGD(fmt, ...) ZF_LOG_PRINT(ZF_LOG_DEBUG, "DEBUG", fmt, ##__VA_ARGS__)
#define ZF_LOGI(fmt, ...) ZF_LOG_PRINT(ZF_LOG_INFO, "INFO", fmt, ##__VA_ARGS__)
#define ZF_LOGW(fmt, ...) ZF_LOG_PRINT(ZF_LOG_WARN, "WARN", fmt, ##__VA_ARGS__)
#define ZF_LOGE(fmt, ...) ZF_LOG_PRINT(ZF_LOG_ERROR, "ERROR", fmt, ##__VA_ARGS__)
#define ZF_LOGF(fmt, ...)                                                                  \
    do {                                                                                   \
        printf("FATAL %s:%d %s: " fmt "\n", __FILE__, __LINE__, __func__, ##__VA_ARGS__);  \
        abort();                                                                           \
    } while (0)

#define ZF_LOGE_IF(cond, fmt, ...)        \
    do {                                  \
        if (cond) {                       \
            ZF_LOGE(fmt, ##__VA_ARGS__);  \
        }                                 \
    } while (0)
#define ZF_LOGW_IF(cond, fmt, ...)        \
    do {                                  \
        if (cond) {                       \
            ZF_LOGW(fmt, ##__VA_ARGS__);  \
        }                                 \
    } while (0)
#define ZF_LOGF_IF(cond, fmt, ...)        \
    do {                                  \
        if (cond) {                       \
            ZF_LOGF(fmt, ##__VA_ARGS__);  \
        }                                 \
    } while (0)

/* Fatal if err is not seL4_NoError (0); the error number is appended to the message. */
#define ZF_LOGF_IFERR(err, fmt, ...)                                           \
    do {                                                                       \
        long zf_err_ = (long)(err);                                            \
        if (zf_err_ != 0) {                                                    \
            ZF_LOGF(fmt " (error %ld)", ##__VA_ARGS__, zf_err_);               \
        }                                                                      \
    } while (0)
#define ZF_LOGE_IFERR(err, fmt, ...)                                           \
    do {                                                                       \
        long zf_err_ = (long)(err);                                            \
        if (zf_err_ != 0) {                                                    \
            ZF_LOGE(fmt " (error %ld)", ##__VA_ARGS__, zf_err_);               \
        }                                                                      \
    } while (0)
