/*
 * Names a component's C code cannot have for its own: cap and shared-frame names become global
 * definitions in the file `gen-source` writes (a seL4_CPtr, a char array), linked with the
 * component, the runtime (components/runtime) and libsel4. A name that is a C keyword, a
 * standard type, or a function or object the runtime defines would not compile or would not
 * link, long after `check` said the system was fine.
 */
#ifndef CAPDL_TOOL_C_NAMES_H
#define CAPDL_TOOL_C_NAMES_H

#include <stdbool.h>

/* Why name cannot be a generated C definition ("a C keyword", ...), or NULL when it can. */
const char *c_name_clash(const char *name);

/* True when the name lists are in strcmp order, as c_name_clash's binary search needs (a test). */
bool c_names_sorted(void);

#endif
