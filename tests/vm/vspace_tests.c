/*
 * Second address spaces and ASIDs (sel4-facts 1.6, 2.10, 9.10, 9.11): a PML4 retyped from the
 * test untyped and assigned to an ASID pool, a thread running the root task's own code in it
 * (copies of the BootInfo userImageFrames caps mapped at the same addresses, its own stack, IPC
 * buffer and TLS), frames shared with the root task with different rights, VM faults delivered
 * to a fault endpoint in the thread's own CSpace; ASIDControl_MakePool and its errors, pool
 * exhaustion, and deleting a pool or a VSpace under a running thread.
 */
#include "helpers.h"
#include "test.h"
#include "tests.h"
#include "vm.h"

#include <sel4runtime/thread.h>
#include <sel4utils/thread.h>
#include <stdio.h>

extern const char __ehdr_start[];

/* Layout of the child's VSpace beside the image (all in the image's PDPT and PD). */
#define CHILD_AREA 0x10000000ul
#define CHILD_STACK_PAGES 4
#define CHILD_STACK CHILD_AREA                       /* pages 0..3; page 4 is a guard gap */
#define CHILD_STACK_TOP (CHILD_STACK + CHILD_STACK_PAGES * 4096)
#define CHILD_IPC (CHILD_AREA + 0x5000)
#define CHILD_RW (CHILD_AREA + 0x6000)               /* frame F: read-write here, read-only in the root task */
#define CHILD_RO (CHILD_AREA + 0x7000)               /* frame G: read-only here, read-write in the root task */
/* The root task's view of F (+0x6000) and G (+0x7000). */
#define ROOT_VIEW 0x20000000000ul /* PML4 slot 4: apart from the map tests' 0xA000000000 (slot 1) */
/* Slots of the child's CSpace (16 slots, guard 60: CPtrs 0..15 resolve with depth 64). */
#define CHILD_SLOT_FAULT_EP 1
#define CHILD_SLOT_TCB 2
#define CHILD_FAULT_BADGE 9

enum { CHILD_SHARE = 1, CHILD_COUNT = 2 };
enum { CHILD_READY = 1, CHILD_WROTE_RO = 2, CHILD_COUNT_DONE = 3 };

struct child {
    seL4_CPtr pml4, cnode, tcb, ep, ipc_frame, f, g;
    volatile seL4_Word *f_root, *g_root; /* the root task's views */
};

static char child_tls_area[4096] __attribute__((aligned(64)));

/* The child's code: the root task's own, running in the other VSpace. */
static void __attribute__((noreturn)) child_main(seL4_Word mode, seL4_Word deadline, seL4_Word unused)
{
    (void)unused;
    seL4_SetIPCBuffer((seL4_IPCBuffer *)CHILD_IPC);
    volatile seL4_Word *rw = (volatile seL4_Word *)CHILD_RW, *ro = (volatile seL4_Word *)CHILD_RO;
    volatile seL4_Word stack_marker = 0x57ac;
    rw[2] = (seL4_Word)&stack_marker;
    rw[3] = (seL4_Word)seL4_GetIPCBuffer();
    if (mode == CHILD_SHARE) {
        rw[1] = ro[0] + 1;
        rw[0] = CHILD_READY;
        vm_write_word(&ro[1], 0xbad); /* read-only: faults */
        rw[0] = CHILD_WROTE_RO;
    } else {
        while (tsc_now() < deadline) {
            rw[1] = rw[1] + 1;
        }
        rw[0] = CHILD_COUNT_DONE;
    }
    seL4_TCB_Suspend(CHILD_SLOT_TCB);
    for (;;) {
        seL4_Yield();
    }
}

static bool map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights)
{
    seL4_Error err = seL4_X86_Page_Map(frame, vspace, vaddr, rights, seL4_X86_Default_VMAttributes);
    if (err != seL4_NoError) {
        return test_fail_at(__FILE__, __LINE__, "Page_Map of slot %lu at 0x%lx: %s", frame, vaddr,
                            test_error_name(err));
    }
    return true;
}

/* Builds the child's VSpace (PML4 assigned to `pool`), CSpace and TCB (priority prio, not
 * resumed), and the root task's views of the shared frames. */
static bool child_setup(struct child *c, seL4_CPtr pool, seL4_Word mode, seL4_Word deadline, seL4_Word prio)
{
    c->pml4 = alloc_object(seL4_X64_PML4Object, 0);
    if (!c->pml4 || !CHECK_OK(seL4_X86_ASIDPool_Assign(pool, c->pml4))) {
        return false;
    }
    /* the image: copies of the root task's frame caps at the same addresses */
    uintptr_t image_start = (uintptr_t)__ehdr_start & ~(uintptr_t)4095;
    seL4_Word nframes = test_bi->userImageFrames.end - test_bi->userImageFrames.start;
    seL4_CPtr pdpt, pd, pt;
    if (!map_tables(c->pml4, image_start, &pdpt, &pd, &pt)) {
        return false;
    }
    for (uintptr_t va = (image_start & ~(uintptr_t)0x1fffff) + 0x200000; va < image_start + nframes * 4096;
         va += 0x200000) {
        if (!map_tables(c->pml4, va, NULL, NULL, &pt)) {
            return false;
        }
    }
    for (seL4_Word i = 0; i < nframes; i++) {
        seL4_CPtr copy = copy_cap(test_bi->userImageFrames.start + i);
        if (!copy || !map_frame(copy, c->pml4, image_start + i * 4096, seL4_ReadWrite)) {
            return false;
        }
    }
    /* stack, IPC buffer and the two shared frames, only in the child's VSpace */
    if (!map_tables(c->pml4, CHILD_AREA, NULL, NULL, &pt)) {
        return false;
    }
    for (int i = 0; i < CHILD_STACK_PAGES; i++) {
        seL4_CPtr f = alloc_object(seL4_X86_4K, 0);
        if (!f || !map_frame(f, c->pml4, CHILD_STACK + (seL4_Word)i * 4096, seL4_ReadWrite)) {
            return false;
        }
    }
    c->ipc_frame = alloc_object(seL4_X86_4K, 0);
    c->f = alloc_object(seL4_X86_4K, 0);
    c->g = alloc_object(seL4_X86_4K, 0);
    if (!c->ipc_frame || !c->f || !c->g || !map_frame(c->ipc_frame, c->pml4, CHILD_IPC, seL4_ReadWrite) ||
        !map_frame(c->f, c->pml4, CHILD_RW, seL4_ReadWrite) || !map_frame(c->g, c->pml4, CHILD_RO, seL4_CanRead)) {
        return false;
    }
    /* the root task's views: F read-only, G read-write (through copies of the caps) */
    seL4_CPtr fr = copy_cap(c->f), gr = copy_cap(c->g);
    if (!fr || !gr || !map_tables(seL4_CapInitThreadVSpace, ROOT_VIEW, &pdpt, &pd, &pt) ||
        !map_frame(fr, seL4_CapInitThreadVSpace, ROOT_VIEW + 0x6000, seL4_CanRead) ||
        !map_frame(gr, seL4_CapInitThreadVSpace, ROOT_VIEW + 0x7000, seL4_ReadWrite)) {
        return false;
    }
    c->f_root = (volatile seL4_Word *)(ROOT_VIEW + 0x6000);
    c->g_root = (volatile seL4_Word *)(ROOT_VIEW + 0x7000);
    /* CSpace: the fault endpoint (badged) and the child's own TCB */
    c->cnode = alloc_object(seL4_CapTableObject, 4);
    c->ep = alloc_object(seL4_EndpointObject, 0);
    c->tcb = alloc_object(seL4_TCBObject, 0);
    if (!c->cnode || !c->ep || !c->tcb ||
        !CHECK_OK(seL4_CNode_Mint(c->cnode, CHILD_SLOT_FAULT_EP, 4, ROOT_CNODE, c->ep, ROOT_DEPTH, seL4_AllRights,
                                  CHILD_FAULT_BADGE)) ||
        !CHECK_OK(seL4_CNode_Copy(c->cnode, CHILD_SLOT_TCB, 4, ROOT_CNODE, c->tcb, ROOT_DEPTH, seL4_AllRights))) {
        return false;
    }
    /* the thread */
    seL4_UserContext regs;
    sel4utils_arch_init_local_context((void *)child_main, (void *)mode, (void *)deadline, NULL,
                                      (void *)CHILD_STACK_TOP, &regs);
    uintptr_t tls = sel4runtime_tls_for_thread(child_tls_area, sizeof(child_tls_area));
    return CHECK(tls != 0, "TLS block") &&
           CHECK_OK(seL4_TCB_Configure(c->tcb, CHILD_SLOT_FAULT_EP, c->cnode, seL4_CNode_CapData_new(0, 60).words[0],
                                       c->pml4, 0, CHILD_IPC, c->ipc_frame)) &&
           CHECK_OK(seL4_TCB_SetPriority(c->tcb, seL4_CapInitThreadTCB, prio)) &&
           CHECK_OK(seL4_TCB_WriteRegisters(c->tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs)) &&
           CHECK_OK(seL4_TCB_SetTLSBase(c->tcb, tls));
}

/* PML4 and ASIDPool_Assign: nothing maps into a PML4 without an ASID (InvalidCapability 1,
 * 9.10), a PML4 is assigned once (InvalidCapability 1), only a PML4 can be assigned; after the
 * assignment the VSpace takes structures and frames. */
void test_vspace_asid_assign(void)
{
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    seL4_CPtr pdpt = alloc_object(seL4_X86_PDPTObject, 0);
    seL4_CPtr pd = alloc_object(seL4_X86_PageDirectoryObject, 0);
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    REQUIRE(pml4 && pdpt && pd && pt && frame, "objects");
    CHECK_EQ(cap_type(pml4), CAP_PML4);
    seL4_Word attr = seL4_X86_Default_VMAttributes, va = 0x40000000;
    CHECK_ERROR_MRS(seL4_X86_PDPT_Map(pdpt, pml4, va, attr), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_X86_PageDirectory_Map(pd, pml4, va, attr), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_X86_PageTable_Map(pt, pml4, va, attr), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_X86_Page_Map(frame, pml4, va, seL4_ReadWrite, attr), seL4_InvalidCapability, 1);
    /* only a PML4 is assigned */
    CHECK_ERROR_MRS(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pdpt), seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, frame), seL4_InvalidCapability, 1);
    /* the root task's own PML4 has an ASID already */
    CHECK_ERROR_MRS(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, seL4_CapInitThreadVSpace),
                    seL4_InvalidCapability, 1);
    REQUIRE_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4));
    CHECK_ERROR_MRS(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), seL4_InvalidCapability, 1);
    /* a copy of an assigned PML4 cap is assigned too */
    seL4_CPtr copy = copy_cap(pml4);
    REQUIRE(copy, "copy");
    CHECK_ERROR_MRS(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, copy), seL4_InvalidCapability, 1);
    CHECK_OK(seL4_X86_PDPT_Map(pdpt, pml4, va, attr));
    CHECK_OK(seL4_X86_PageDirectory_Map(pd, copy, va, attr));
    CHECK_OK(seL4_X86_PageTable_Map(pt, pml4, va, attr));
    CHECK_OK(seL4_X86_Page_Map(frame, pml4, va, seL4_ReadWrite, attr));
    /* the mapping is in the other VSpace, not the root task's: the same address is free here */
    seL4_CPtr pdpt2;
    CHECK(map_tables(seL4_CapInitThreadVSpace, 0xA000000000ul, &pdpt2, NULL, NULL), "root task PDPT");
    /* the labels on the wrong caps: Assign on a PML4, MakePool on a pool */
    CHECK_ERROR(raw_invoke(seL4_CapInitThreadASIDPool, X86ASIDControlMakePool, 0, 0, 0, 0, 0, 0),
                seL4_IllegalOperation);
}

/* The second VSpace at work: a thread runs the root task's code from copies of the image frame
 * caps, on its own stack with its own IPC buffer and TLS; frame G is written by the root task
 * and read by the thread, frame F written by the thread and read by the root task (each side
 * maps the other's frame read-only); the thread's write to its read-only G faults, and the
 * VMFault comes through the endpoint in its own CSpace with IP, Addr, PrefetchFault 0 and FSR
 * present|write|user. A root-VSpace thread writing the root task's read-only view of F faults
 * the same way. */
void test_vspace_second_thread(void)
{
    struct child c;
    REQUIRE(child_setup(&c, seL4_CapInitThreadASIDPool, CHILD_SHARE, 0, 100), "child set-up");
    c.g_root[0] = 0x1000;
    REQUIRE_OK(seL4_TCB_Resume(c.tcb));
    seL4_Word badge = 0;
    seL4_MessageInfo_t info;
    bool got = recv_bounded(c.ep, 2000, &badge, &info);
    REQUIRE(got, "no fault message from the child within 2 s (F[0] = %lu: it %s)", c.f_root[0],
            c.f_root[0] == CHILD_READY ? "ran up to its write to G" : "did not run");
    CHECK_EQ(badge, CHILD_FAULT_BADGE);
    CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_VMFault_Length);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_IP), (seL4_Word)vm_write_insn);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), CHILD_RO + 8);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    CHECK_EQ(seL4_GetMR(seL4_VMFault_FSR), FSR_PRESENT | FSR_WRITE | FSR_USER);
    /* what the child did through its mappings */
    CHECK_EQ(c.f_root[0], CHILD_READY);
    CHECK_EQ(c.f_root[1], 0x1001);
    CHECK(c.f_root[2] >= CHILD_STACK && c.f_root[2] < CHILD_STACK_TOP, "the child's stack variable at 0x%lx",
          c.f_root[2]);
    CHECK_EQ(c.f_root[3], CHILD_IPC);
    CHECK_EQ(c.g_root[1], 0);
    /* the child's TCB is blocked on its fault: the kernel keeps it there */
    CHECK_OK(seL4_TCB_Suspend(c.tcb));
    /* the root task's read-only view of F: a write faults (in a root-VSpace thread) */
    seL4_CPtr ep;
    seL4_CPtr fault_ep = make_fault_ep(4, &ep);
    struct test_thread *t = fault_ep ? thread_create_ex(fault_write_fn, 100, fault_ep) : NULL;
    REQUIRE(t, "thread");
    t->arg[0] = ROOT_VIEW + 0x6000 + 32;
    t->arg[1] = 5;
    REQUIRE(thread_start(t), "start");
    expect_vm_fault(ep, 1000, (seL4_Word)vm_write_insn, ROOT_VIEW + 0x6000 + 32, FSR_PRESENT | FSR_WRITE | FSR_USER,
                    "write through the root task's read-only view of F");
    CHECK_EQ(c.f_root[4], 0);
}

/* Samples the child's counter (F[1]) while the root task shares priority 100 with it. */
static seL4_Word child_progress(struct child *c, unsigned ms)
{
    seL4_Word before = c->f_root[1];
    run_lower(100, ms);
    return c->f_root[1] - before;
}

/* After its VSpace became unusable the counting child must not run on: it faults (on its next
 * instruction fetch) instead; the kernel stays up. */
static void check_child_stopped(struct child *c, const char *what)
{
    seL4_Word d1 = child_progress(c, 50);
    seL4_Word d2 = child_progress(c, 50);
    CHECK(d1 == 0 && d2 == 0, "%s: the child still counts (+%lu, +%lu in 50 ms)", what, d1, d2);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info;
    if (recv_bounded(c->ep, 200, &badge, &info)) {
        CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
        test_info("%s: the child faulted: IP 0x%lx Addr 0x%lx FSR %lu", what, seL4_GetMR(0), seL4_GetMR(1),
                  seL4_GetMR(3));
    } else {
        test_info("%s: no fault message from the child", what);
    }
    CHECK_OK(seL4_TCB_Suspend(c->tcb));
}

/* Deleting a VSpace's PML4 while a thread runs in it. Deleting the root task's cap alone is not
 * final (the thread's TCB holds a copy, made by TCB_Configure): the thread runs on. Revoke
 * (which deletes the TCB's copy) and Delete: the thread stops, the kernel stays up; the frame
 * caps mapped there Unmap without error and map again elsewhere with their contents. */
void test_vspace_delete_pml4(void)
{
    struct child c;
    REQUIRE(child_setup(&c, seL4_CapInitThreadASIDPool, CHILD_COUNT, deadline_ms(3000), 100), "child set-up");
    REQUIRE_OK(seL4_TCB_Resume(c.tcb));
    seL4_Word d = child_progress(&c, 50);
    REQUIRE(d > 0, "the child does not count");
    seL4_CPtr copy = copy_cap(c.pml4);
    REQUIRE(copy, "copy of the PML4 cap");
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, copy, ROOT_DEPTH));
    CHECK(child_progress(&c, 50) > 0, "the child stopped after deleting a copy of its PML4 cap");
    REQUIRE_OK(seL4_CNode_Revoke(ROOT_CNODE, c.pml4, ROOT_DEPTH));
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, c.pml4, ROOT_DEPTH));
    check_child_stopped(&c, "after revoking and deleting the PML4");
    /* the child's F cap was mapped in the deleted VSpace */
    CHECK_OK(seL4_X86_Page_Unmap(c.f));
    seL4_CPtr pdpt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, 0xA000000000ul, &pdpt, NULL, NULL), "root PDPT");
    seL4_CPtr pd, pt;
    REQUIRE(map_tables(seL4_CapInitThreadVSpace, 0xA000000000ul, NULL, &pd, &pt), "root PD, PT");
    CHECK_OK(seL4_X86_Page_Map(c.f, seL4_CapInitThreadVSpace, 0xA000000000ul, seL4_ReadWrite,
                               seL4_X86_Default_VMAttributes));
    CHECK(((volatile seL4_Word *)0xA000000000ul)[1] >= d, "F's counter after the move: %lu",
          ((volatile seL4_Word *)0xA000000000ul)[1]);
}

/* ASIDControl_MakePool: from a 4 KiB untyped a new pool (cap type 13) that assigns PML4s;
 * wrong size, device or non-untyped InvalidCapability MR0=1; an untyped with children (also
 * one that already became a pool) RevokeFirst; occupied destination DeleteFirst; all 8 pools in
 * use DeleteFirst (checked before the untyped); a deleted pool's slot is free again. */
void test_asid_make_pool(void)
{
    seL4_CPtr u12 = alloc_object(seL4_UntypedObject, 12);
    seL4_CPtr u13 = alloc_object(seL4_UntypedObject, 13);
    seL4_CPtr u12b = alloc_object(seL4_UntypedObject, 12);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr pool = alloc_slot();
    seL4_CPtr spare = alloc_slot();
    REQUIRE(u12 && u13 && u12b && frame && pool && spare, "objects");
    CHECK_ERROR_MRS(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u13, ROOT_CNODE, spare, ROOT_DEPTH),
                    seL4_InvalidCapability, 1);
    CHECK_ERROR_MRS(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, frame, ROOT_CNODE, spare, ROOT_DEPTH),
                    seL4_InvalidCapability, 1);
    seL4_CPtr dev = find_device_untyped_at_least(12);
    if (dev) {
        seL4_CPtr dev12 = alloc_object_from(dev, seL4_UntypedObject, 12);
        if (dev12) {
            CHECK_ERROR_MRS(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, dev12, ROOT_CNODE, spare, ROOT_DEPTH),
                            seL4_InvalidCapability, 1);
            CHECK_OK(seL4_CNode_Delete(ROOT_CNODE, dev12, ROOT_DEPTH));
        }
    }
    /* an untyped with a child */
    seL4_CPtr child = alloc_object_from(u12b, seL4_X86_4K, 0);
    REQUIRE(child, "child of u12b");
    CHECK_ERROR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12b, ROOT_CNODE, spare, ROOT_DEPTH),
                seL4_RevokeFirst);
    /* occupied destination */
    CHECK_ERROR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, frame, ROOT_DEPTH),
                seL4_DeleteFirst);
    /* the pool */
    REQUIRE_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, pool, ROOT_DEPTH));
    CHECK_EQ(cap_type(pool), CAP_ASID_POOL);
    CHECK_ERROR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, spare, ROOT_DEPTH),
                seL4_RevokeFirst);
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    REQUIRE(pml4, "pml4");
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, pml4));
    seL4_CPtr pdpt;
    CHECK(map_tables(pml4, 0x40000000, &pdpt, NULL, NULL), "PDPT in the new pool's VSpace");
    /* fill the pool table: pool 0 (the root task's) and ours are in use; 6 more fit */
    int made = 0;
    seL4_Error err = seL4_NoError;
    seL4_CPtr last_pool = 0;
    while (made < 10) {
        seL4_CPtr u = alloc_object(seL4_UntypedObject, 12);
        seL4_CPtr s = alloc_slot();
        REQUIRE(u && s, "objects for pool %d", made);
        err = seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u, ROOT_CNODE, s, ROOT_DEPTH);
        if (err != seL4_NoError) {
            break;
        }
        last_pool = s;
        made++;
    }
    CHECK(made == 6 && err == seL4_DeleteFirst, "with 2 pools in use, %d more MakePool succeeded, then %s (expected 6, "
          "then seL4_DeleteFirst)", made, test_error_name(err));
    /* DeleteFirst comes before the untyped check */
    CHECK_ERROR(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u13, ROOT_CNODE, spare, ROOT_DEPTH),
                seL4_DeleteFirst);
    /* delete one pool: its slot is free again */
    REQUIRE(last_pool, "a pool to delete");
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, last_pool, ROOT_DEPTH));
    seL4_CPtr u = alloc_object(seL4_UntypedObject, 12);
    REQUIRE(u, "untyped");
    CHECK_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u, ROOT_CNODE, spare, ROOT_DEPTH));
}

/* A new pool holds 512 ASIDs: 512 PML4s are assigned, the 513th gets DeleteFirst; deleting one
 * assigned PML4 frees its ASID for the next. */
void test_asid_pool_exhaustion(void)
{
    seL4_CPtr u12 = alloc_object(seL4_UntypedObject, 12);
    seL4_CPtr pool = alloc_slot();
    REQUIRE(u12 && pool, "objects");
    REQUIRE_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, pool, ROOT_DEPTH));
    enum { N = 513 };
    seL4_CPtr first = 0;
    for (int done = 0; done < N;) {
        int n = N - done > 256 ? 256 : N - done;
        seL4_CPtr s = alloc_slot();
        REQUIRE(s, "slot");
        for (int i = 1; i < n; i++) {
            REQUIRE(alloc_slot() == s + (seL4_CPtr)i, "consecutive slots");
        }
        if (first == 0) {
            first = s;
        }
        REQUIRE_OK(seL4_Untyped_Retype(test_untyped, seL4_X64_PML4Object, 0, ROOT_CNODE, 0, 0, s, (seL4_Word)n));
        done += n;
    }
    int assigned = 0;
    seL4_Error err = seL4_NoError;
    for (int i = 0; i < N; i++) {
        err = seL4_X86_ASIDPool_Assign(pool, first + (seL4_CPtr)i);
        if (err != seL4_NoError) {
            break;
        }
        assigned++;
    }
    CHECK(assigned == 512 && err == seL4_DeleteFirst, "a new pool assigned %d PML4s, then %s (expected 512, then "
          "seL4_DeleteFirst)", assigned, test_error_name(err));
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, first + 100, ROOT_DEPTH));
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool, first + 512));
    CHECK_ERROR(seL4_X86_ASIDPool_Assign(pool, first + 511), seL4_InvalidCapability);
    /* the initial pool still has room */
    seL4_CPtr extra = alloc_object(seL4_X64_PML4Object, 0);
    REQUIRE(extra, "extra");
    CHECK_OK(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, extra));
}

/* Deleting an ASID pool while a thread runs in a VSpace of it: the thread stops (its VSpace
 * has no ASID any more), mapping into that PML4 gives FailedLookup (MR0 0, InvalidRoot), the
 * kernel stays up and a new pool takes the slot. */
void test_asid_pool_delete(void)
{
    seL4_CPtr u12 = alloc_object(seL4_UntypedObject, 12);
    seL4_CPtr pool = alloc_slot();
    REQUIRE(u12 && pool, "objects");
    REQUIRE_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, pool, ROOT_DEPTH));
    struct child c;
    REQUIRE(child_setup(&c, pool, CHILD_COUNT, deadline_ms(3000), 100), "child set-up");
    REQUIRE_OK(seL4_TCB_Resume(c.tcb));
    REQUIRE(child_progress(&c, 50) > 0, "the child does not count");
    REQUIRE_OK(seL4_CNode_Delete(ROOT_CNODE, pool, ROOT_DEPTH));
    check_child_stopped(&c, "after deleting the ASID pool");
    seL4_CPtr pdpt = alloc_object(seL4_X86_PDPTObject, 0);
    REQUIRE(pdpt, "pdpt");
    CHECK_ERROR_MRS(seL4_X86_PDPT_Map(pdpt, c.pml4, 0x8000000000ul, seL4_X86_Default_VMAttributes), seL4_FailedLookup,
                    0, seL4_InvalidRoot);
    CHECK_OK(seL4_X86_Page_Unmap(c.f));
    /* the untyped is free of children again: a new pool from it */
    seL4_CPtr pool2 = alloc_slot();
    REQUIRE(pool2, "slot");
    CHECK_OK(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, u12, ROOT_CNODE, pool2, ROOT_DEPTH));
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    REQUIRE(pml4, "pml4");
    CHECK_OK(seL4_X86_ASIDPool_Assign(pool2, pml4));
}
