/*
 * <autoconf.h>: what seL4 programs include to see the CONFIG_* switches.
 * It only forwards to sel4/gen_config.h, the single configuration of the system.
 */
#pragma once

#include <sel4/gen_config.h>
