/*
 * The host test architecture keeps the same saved-register layout as x86_64, so register
 * handling in the core (message registers, seL4_UserContext) is tested with real indices.
 */
#include "../../../x86_64/arch/object/structures.h"
