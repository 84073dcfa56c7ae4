/*
 * <sel4/config.h>: configuration as seen by libsel4 users (seL4 has the same file).
 * Forwards to the single system configuration and fixes derived switches.
 */
#pragma once

#include <sel4/gen_config.h>

#ifndef CONFIG_WORD_SIZE
#error "CONFIG_WORD_SIZE must be set by sel4/gen_config.h"
#endif
