/*
 * Initial register state for a new thread in our own address space (sel4utils'
 * sel4utils_arch_init_local_context for x86_64).
 */
#include <sel4utils/thread.h>

#ifdef __aarch64__
/* pc = entry, x0..x2 = arg0..2, sp = stack_top rounded down to 16 (AAPCS64), x30 = 0: the
 * entry function must not return. */
int sel4utils_arch_init_local_context(void *entry_point, void *arg0, void *arg1, void *arg2, void *stack_top,
                                      seL4_UserContext *context)
{
    *context = (seL4_UserContext){0};
    context->pc = (seL4_Word)entry_point;
    context->x0 = (seL4_Word)arg0;
    context->x1 = (seL4_Word)arg1;
    context->x2 = (seL4_Word)arg2;
    context->sp = (seL4_Word)stack_top & ~(seL4_Word)15;
    return 0;
}
#else
/* rip = entry, rdi/rsi/rdx = arg0..2, rsp = stack_top rounded down to 16 minus 8: the
 * entry function sees the stack exactly as after a `call` (SysV ABI). The slot at rsp is a
 * fake return-address slot and is not written: the entry function must not return. */
int sel4utils_arch_init_local_context(void *entry_point, void *arg0, void *arg1, void *arg2, void *stack_top,
                                      seL4_UserContext *context)
{
    seL4_Word sp = ((seL4_Word)stack_top & ~(seL4_Word)15) - sizeof(seL4_Word);
    *context = (seL4_UserContext){0};
    context->rip = (seL4_Word)entry_point;
    context->rdi = (seL4_Word)arg0;
    context->rsi = (seL4_Word)arg1;
    context->rdx = (seL4_Word)arg2;
    context->rsp = sp;
    return 0;
}
#endif
