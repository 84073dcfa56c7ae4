/*
 * The checks of a small self-checking root task (tests/boot/bootinfo_test.c,
 * tests/conformance/abi_config_test.c): CHECK(cond, fmt, ...) counts the check and, when cond is
 * false, counts a failure and prints "FAIL: " and the message. The task prints its verdict from
 * root_checks and root_failures. One program includes it once.
 */
#pragma once

#include <stdio.h>

static int root_failures, root_checks;

#define CHECK(cond, ...)                  \
    do {                                  \
        root_checks++;                    \
        if (!(cond)) {                    \
            root_failures++;              \
            printf("FAIL: " __VA_ARGS__); \
            printf("\n");                 \
        }                                 \
    } while (0)
