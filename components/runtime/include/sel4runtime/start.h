/*
 * How a program's first thread is started: the register contract between whoever starts it and
 * the runtime's _start (src/start.c). Two starters:
 * - the kernel starts a root task with rdi = the BootInfo address and rsp = 0 (sel4-facts 1.5);
 * - the capDL loader starts a component's thread with rsp = its stack top, rdi, rsi, rdx, rcx =
 *   the spec's four arguments, r8 = the thread's IPC buffer address and r9 =
 *   SEL4RUNTIME_COMPONENT_MAGIC, which tells it apart from a root task (a component has no
 *   BootInfo).
 * The loader includes this header to set the registers, the runtime to read them; neither needs
 * the other's formats.
 */
#pragma once

#define SEL4RUNTIME_COMPONENT_MAGIC 0x6c64706163ull /* "capdl" */
