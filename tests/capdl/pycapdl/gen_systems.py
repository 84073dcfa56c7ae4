#!/usr/bin/python3
"""Writes x86_64 capDL systems with seL4's python-capdl-tool (the library CAmkES uses to emit
capDL) from our example components' ELFs, for `capdl-tool run X.cdl` to boot (issue 13).

usage: gen_systems.py PYTHON_CAPDL_DIR SYSTEM OUT.cdl COMPONENT=ELF...

Each component gets what our YAML front end would give it, so the ELF built from the YAML's
definitions (gen-source) finds its caps and memory: its ELF segments (frames and fills made by
python-capdl-tool), a 16 KiB stack below 0x10005000, the IPC buffer at 0x10006000, a
single-level CSpace with the caps in the YAML's slots, priority as in the YAML, and one TCB.
"""
import os
import sys

STACK_TOP = 0x10005000
STACK_PAGES = 4
IPC_BUFFER = 0x10006000
PAGE = 0x1000


def load_capdl(path):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, path)
    sys.path.insert(0, here)  # aenum.py
    try:
        import capdl  # noqa: F401
    except ImportError as e:
        sys.exit("gen_systems: python-capdl-tool needs %s: install python3-pyelftools, "
                 "python3-sortedcontainers, python3-six, python3-ordered-set and python3-future "
                 "(scripts/setup.sh)" % e)
    capdl = sys.modules['capdl']
    # x86_64 frame sizes, which the tool uses to split ELF segments into frames
    capdl.register_object_sizes({'seL4_SmallPageObject': 12, 'seL4_LargePageObject': 21,
                                 'seL4_HugePageObject': 30})
    return capdl


def frame_at_table(root, vaddr):
    """The page table that maps vaddr under the x86_64 PML4 root."""
    table = root
    for shift in (39, 30, 21):
        table = table[(vaddr >> shift) & 0x1ff].referent
    return table


def frame_at(root, vaddr):
    """The frame mapped at vaddr under the x86_64 PML4 root."""
    return frame_at_table(root, vaddr)[(vaddr >> 12) & 0x1ff].referent


class Builder(object):
    def __init__(self, capdl, elfs):
        self.capdl = capdl
        self.elfs = elfs
        self.spec = capdl.Spec('x86_64')

    def component(self, name, prio, cnode_bits, caps, domain=None, shared=None):
        """One component: its address space from its ELF, its CSpace with caps {slot: Cap}, in
        a scheduling domain; shared {symbol: frame} maps the frame at the symbol instead of the
        ELF's own page (as the YAML's `shared:` does)."""
        c = self.capdl
        elf = c.ELF(self.elfs[name], name, 'x86_64')
        pages = elf.get_pages(infer_asid=False, use_large_frames=False)
        for i in range(STACK_PAGES):
            pages.add_page(STACK_TOP - (i + 1) * PAGE, read=True, write=True)
        pages.add_page(IPC_BUFFER, read=True, write=True)
        own = pages.get_spec()
        root = pages.get_vspace_root()[0]
        for symbol, frame in (shared or {}).items():
            vaddr = elf.get_symbol_vaddr(symbol)
            assert vaddr % PAGE == 0, "%s is not page aligned" % symbol
            pt = frame_at_table(root, vaddr)
            own.objs.discard(pt[(vaddr >> 12) & 0x1ff].referent)
            pt[(vaddr >> 12) & 0x1ff] = c.Cap(frame, read=True, write=True)
        self.spec.merge(own)
        cnode = c.CNode('%s_cnode' % name, size_bits=cnode_bits)
        for slot, cap in caps.items():
            cnode[slot] = cap
        tcb = c.TCB('%s_tcb' % name, ipc_buffer_vaddr=IPC_BUFFER, ip=elf.get_entry_point(),
                    sp=STACK_TOP, prio=prio, max_prio=0, domain=domain)
        tcb['cspace'] = c.Cap(cnode, guard_size=64 - cnode_bits)
        tcb['vspace'] = c.Cap(root)
        tcb['ipc_buffer_slot'] = c.Cap(frame_at(root, IPC_BUFFER), read=True, write=True)
        self.spec.add_object(cnode)
        self.spec.add_object(tcb)

    def add(self, *objs):
        for o in objs:
            self.spec.add_object(o)


def elf_only(b):
    """hello: an address space made from the ELF alone, no caps."""
    b.component('hello', 100, 1, {})


def badged_endpoint(b):
    """ipc_badges: a server and two clients on one endpoint, the clients' caps badged."""
    c = b.capdl
    ep = c.Endpoint('ep')
    b.add(ep)
    b.component('server', 200, 1, {1: c.Cap(ep, read=True, write=True, grant=True)})
    for name, prio, badge in (('client_a', 100, 0x11), ('client_b', 90, 0x22)):
        b.component(name, prio, 1, {1: c.Cap(ep, write=True, grant=True, grantreply=True, badge=badge)})


def ioapic_irq_and_ports(b):
    """irq_timer: the PIT's IRQ through IOAPIC pin 2 to a badged notification, its I/O ports."""
    c = b.capdl
    from capdl.Object import IOAPICIRQ
    ntfn = c.Notification('ntfn')
    irq = IOAPICIRQ('pit_irq', vector=0, ioapic=0, pin=2, level=0, polarity=0)
    irq.set_notification(c.Cap(ntfn, read=True, write=True, badge=4))
    pit = c.IOPorts('pit', start_port=0x40, end_port=0x44)
    b.add(ntfn, irq, pit)
    b.component('driver', 100, 2, {1: c.Cap(ntfn, read=True), 2: c.Cap(irq), 3: c.Cap(pit)})


def two_domains(b):
    """domains: two components in scheduling domains 0 and 1 sharing the frame at `turns` (the
    kernel's static schedule alternates them; a spec schedule is not supported); domain 0 also
    holds a device untyped (the VGA text page, which the loader must find among the kernel's
    device untypeds) and the handler of an MSI interrupt (PCI 0:3.0, vector 60) bound to a
    notification: the loader creates it with IRQControl_GetMSI (no device raises it)."""
    c = b.capdl
    from capdl.Object import MSIIRQ
    turns = c.Frame('turns', 4096)
    vga = c.Untyped('vga', size_bits=12, paddr=0xb8000)
    ntfn = c.Notification('msi_ntfn')
    msi = MSIIRQ('dev_msi', vector=60, handle=0, bus=0, dev=3, fun=0)
    msi.set_notification(c.Cap(ntfn, read=True, write=True, badge=1))
    b.add(turns, vga, ntfn, msi)
    b.component('domain_0', 200, 2, {1: c.Cap(vga), 2: c.Cap(msi), 3: c.Cap(ntfn, read=True)}, domain=0,
                shared={'turns': turns})
    b.component('domain_1', 100, 1, {}, domain=1, shared={'turns': turns})


SYSTEMS = {'hello': elf_only, 'ipc_badges': badged_endpoint, 'irq_timer': ioapic_irq_and_ports,
           'domains': two_domains}


def main(argv):
    if len(argv) < 4 or argv[2] not in SYSTEMS:
        sys.exit("usage: gen_systems.py PYTHON_CAPDL_DIR %s OUT.cdl COMPONENT=ELF..."
                 % '|'.join(sorted(SYSTEMS)))
    capdl = load_capdl(argv[1])
    elfs = dict(a.split('=', 1) for a in argv[4:])
    b = Builder(capdl, elfs)
    SYSTEMS[argv[2]](b)
    with open(argv[3], 'w') as f:
        f.write(str(b.spec))


if __name__ == '__main__':
    main(sys.argv)
