/*
 * Helpers shared by the capdl-tool unit tests: load a YAML system from a string through the
 * pipeline, and read a spec folder's file.
 */
#ifndef CAPDL_TOOL_TEST_UTIL_H
#define CAPDL_TOOL_TEST_UTIL_H

#include "pipeline.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Runs the front end on text (no ELF); asserts success, printing diagnostics if not. */
static inline void load_ok(tool_run_t *r, const char *text)
{
    pipeline_init(r);
    bool ok = pipeline_front(r, "test.yaml", text, strlen(text), false);
    if (!ok) {
        diag_print(&r->d, stderr);
    }
    assert_true(ok);
}

static const char echo_like[] =
    "system: t\n"
    "objects:\n"
    "  ep: endpoint\n"
    "  n: notification\n"
    "  buf: {type: frame, size: 4K}\n"
    "  vga: {type: frame, paddr: 0xb8000}\n"
    "  timer: {type: irq, irq: 0, notification: n, badge: 1}\n"
    "  serial: {type: io_ports, first: 0x3f8, last: 0x3ff}\n"
    "components:\n"
    "  a:\n"
    "    elf: a.elf\n"
    "    priority: 200\n"
    "    fault_handler: {object: ep, badge: 0xBEEF}\n"
    "    caps:\n"
    "      endpoint: {object: ep, rights: [read, write, grant], badge: 0x123456789}\n"
    "      cnode: {cspace: self}\n"
    "      spare: empty\n"
    "      irq: {object: timer}\n"
    "      ports: {object: serial}\n"
    "      ut: {untyped: 16}\n"
    "      b_tcb: {tcb: b.worker}\n"
    "      irqc: {control: irq_control}\n"
    "    shared:\n"
    "      screen: {object: vga, rights: [read, write]}\n"
    "  b:\n"
    "    elf: b.elf\n"
    "    domain: 1\n"
    "    caps:\n"
    "      endpoint: {object: ep, rights: [write]}\n"
    "      ntfn: {object: n, rights: [read]}\n"
    "    threads:\n"
    "      worker: {entry: work, priority: 50, stack: 8K, args: [1, 2]}\n"
    "kernel: {domains: 2}\n"; /* last, so the lines above keep their numbers */

#endif
