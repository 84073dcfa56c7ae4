/*
 * Failure reporting: which spec object, which invocation, which seL4 error and its message
 * registers; then the machine stops with the failure status (QEMU's isa-debug-exit with value
 * 1, reached through an I/O port cap issued from the loader's IOPortControl cap; without that
 * device, seL4_DebugHalt).
 */
#include "loader.h"
#include <stdio.h>

#define DEBUG_EXIT_PORT 0xf4

static const char *const error_names[] = {
    "NoError", "InvalidArgument", "InvalidCapability", "IllegalOperation", "RangeError", "AlignmentError",
    "FailedLookup", "TruncatedMessage", "DeleteFirst", "RevokeFirst", "NotEnoughMemory",
};

static void halt_with_failure(void) __attribute__((noreturn));
static void halt_with_failure(void)
{
    fflush(stdout);
#ifdef CONFIG_ARCH_X86 /* AArch64 has no exit port: seL4_DebugHalt ends QEMU there (status 1) */
    seL4_CPtr port = loader.slot_limit ? loader.slot_limit - 1 : loader.bi ? loader.bi->empty.end - 1 : 0;
    if (port && seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, DEBUG_EXIT_PORT, DEBUG_EXIT_PORT,
                                             seL4_CapInitThreadCNode, port, seL4_WordBits) == seL4_NoError) {
        seL4_X86_IOPort_Out8(port, DEBUG_EXIT_PORT, 1);
    }
#endif
    seL4_DebugHalt();
    for (;;) {
    }
}

void loader_fail(uint32_t obj, const char *invocation, seL4_Error err)
{
    seL4_Word mr[4] = { seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3) };
    const char *ename = (unsigned)err < sizeof(error_names) / sizeof(error_names[0]) ? error_names[err] : "?";
    if (obj != CDL_NONE && obj < loader.spec.n_objects) {
        const cdl_object_t *o = &loader.spec.objects[obj];
        const char *name = cdl_spec_string(&loader.spec, o->name);
        printf("capdl-loader: object %u '%s' (%s): %s failed: seL4 error %d (%s), MRs 0x%lx 0x%lx 0x%lx 0x%lx\n", obj,
               name[0] ? name : "(unnamed)", cdl_obj_type_name(o->type), invocation, (int)err, ename, mr[0], mr[1],
               mr[2], mr[3]);
    } else {
        printf("capdl-loader: %s failed: seL4 error %d (%s)\n", invocation, (int)err, ename);
    }
    halt_with_failure();
}

void loader_fail_msg(const char *msg, const char *detail)
{
    printf("capdl-loader: %s%s\n", msg, detail ? detail : "");
    halt_with_failure();
}

seL4_CPtr loader_alloc_slot(void)
{
    if (loader.next_free_slot >= loader.slot_limit - 1) { /* the last slot is kept for failure reports */
        loader_fail_msg("out of CNode slots: the system has more objects and mappings than the loader's "
                        "root CNode holds", NULL);
    }
    return loader.next_free_slot++;
}
