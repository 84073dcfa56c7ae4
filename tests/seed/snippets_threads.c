/* Short seed snippets of the "Threads" section of /work/shared/seed/sel4-mechanisms.md.
 * Each snippet is copied verbatim into a function whose parameters and locals declare
 * the variables it uses; those wrappers (and the declarations above them) are the only
 * additions. The build only checks that the snippets compile; nothing calls them. */
#include <sel4/sel4.h>
#include <sel4utils/thread.h>

/* code block at line 182: a declaration, kept at file scope */
/* Set thread's domain */
seL4_Error seL4_DomainSet_Set(seL4_DomainSet _service, seL4_Uint8 domain, seL4_TCB thread);

extern char thread_ipc_buff_sym[];
extern void new_thread(void *arg0, void *arg1, void *arg2);
extern void print(void);
static int val;

/* code blocks at line(s) 193, 199, 205, 211, 219 */
void seed_create_thread(seL4_CPtr tcb_untyped, seL4_CPtr root_cnode, seL4_CPtr tcb_cap_slot, seL4_CPtr root_vspace,
                        seL4_CPtr tcb_ipc_frame, seL4_CPtr root_tcb, char *tcb_stack_top)
{
    seL4_UserContext regs;
    seL4_Error error;
    seL4_Error result = seL4_Untyped_Retype(tcb_untyped, seL4_TCBObject, seL4_TCBBits, root_cnode, 0, 0, tcb_cap_slot, 1);
    result = seL4_TCB_Configure(tcb_cap_slot, 0, root_cnode, 0, root_vspace, 0, (seL4_Word) thread_ipc_buff_sym, tcb_ipc_frame);
    result = seL4_TCB_SetPriority(tcb_cap_slot, root_tcb, 254);
    sel4utils_arch_init_local_context((void*)new_thread,
                                      (void *)print, (void *)&val, (void *)3,
                                      (void *)tcb_stack_top, &regs);
    error = seL4_TCB_Resume(tcb_cap_slot);
}
