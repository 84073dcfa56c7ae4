/*
 * Threads: each TCB object is configured from its container slots (0 CSpace root with its
 * guard, 1 VSpace, 4 IPC buffer frame) and its TCB record (fault endpoint CPtr, IPC buffer
 * address, priority, MCP, domain, entry, stack, arguments); registers follow the component
 * start convention of capdl/blob.h. Threads marked to resume start after every cap is in place.
 */
#include "loader.h"

#include <sel4runtime/start.h>

#include <string.h>

/* TCB object i, whose caps start at first_cap. */
static void configure(uint32_t i, const cdl_tcb_t *t, uint32_t first_cap)
{
    uint32_t n = loader.spec.objects[i].num_caps;
    const cdl_cap_t *cs = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_CSPACE);
    const cdl_cap_t *vs = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_VSPACE);
    const cdl_cap_t *buf = loader_slot_cap(first_cap, n, CDL_TCB_SLOT_IPC_BUFFER);
    if (!cs || !vs) {
        loader_fail(i, "configuring a thread without a CSpace or VSpace", seL4_InvalidCapability);
    }
    seL4_Word cs_data = cdl_cap_data(&loader.spec, cs); /* seL4's CNode cap data word (capdl/spec.h) */
#ifdef CONFIG_KERNEL_MCS
    /* MCS: no fault endpoint here; it comes with the SC and priorities (sched.c) */
    loader_check(seL4_TCB_Configure(obj_slot(i), obj_slot(cs->obj), cs_data, obj_slot(vs->obj), 0,
                                    buf ? t->ipc_buffer : 0, buf ? obj_slot(buf->obj) : seL4_CapNull),
                 i, "seL4_TCB_Configure");
    loader_sched_configure_tcb(i, t, first_cap, cs);
#else
    loader_check(seL4_TCB_Configure(obj_slot(i), t->fault_ep, obj_slot(cs->obj), cs_data, obj_slot(vs->obj), 0,
                                    buf ? t->ipc_buffer : 0, buf ? obj_slot(buf->obj) : seL4_CapNull),
                 i, "seL4_TCB_Configure");
    loader_check(seL4_TCB_SetSchedParams(obj_slot(i), seL4_CapInitThreadTCB, t->mcp, t->prio), i,
                 "seL4_TCB_SetSchedParams");
#endif
    if (t->domain != 0) {
        loader_check(seL4_DomainSet_Set(seL4_CapDomain, t->domain, obj_slot(i)), i, "seL4_DomainSet_Set");
    }
}

/* Kernel messages about the thread name it after its spec object ("client_1" for client_1.tcb,
 * "app.worker" for app.worker.tcb) instead of "unnamed". The release variant of the loader
 * (CAPDL_LOADER_NO_THREAD_NAMES) skips it: seL4's release kernels have no such call. */
static void name_thread(uint32_t i)
{
#ifdef CAPDL_LOADER_NO_THREAD_NAMES
    (void)i;
    return;
#endif
    const char *name = cdl_spec_string(&loader.spec, loader.spec.objects[i].name);
    char buf[64];
    size_t n = strlen(name);
    if (n >= 4 && strcmp(name + n - 4, ".tcb") == 0) {
        n -= 4;
    }
    n = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
    memcpy(buf, name, n);
    buf[n] = '\0';
    if (n > 0) {
        seL4_DebugNameThread(obj_slot(i), buf);
    }
}

static void set_registers(uint32_t i, const cdl_tcb_t *t)
{
    seL4_UserContext r = { 0 };
    arch_start_registers(&r, t->ip, t->sp, t->args, t->ipc_buffer);
    loader_check(seL4_TCB_WriteRegisters(obj_slot(i), 0, 0, sizeof(r) / sizeof(seL4_Word), &r), i,
                 "seL4_TCB_WriteRegisters");
}

void loader_configure_tcbs(void)
{
    uint32_t first_cap = 0; /* caps follow object order (capdl/spec.h) */
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        uint32_t first = first_cap;
        first_cap += o->num_caps;
        if (o->type == CDL_TCB) {
            configure(i, &loader.spec.tcbs[o->aux], first);
            name_thread(i);
            set_registers(i, &loader.spec.tcbs[o->aux]);
        }
    }
}

void loader_start_threads(void)
{
    for (uint32_t i = 0; i < loader.spec.n_objects; i++) {
        const cdl_object_t *o = &loader.spec.objects[i];
        if (o->type == CDL_TCB && (loader.spec.tcbs[o->aux].flags & CDL_TCB_F_RESUME)) {
            loader_check(seL4_TCB_Resume(obj_slot(i)), i, "seL4_TCB_Resume");
        }
    }
}
