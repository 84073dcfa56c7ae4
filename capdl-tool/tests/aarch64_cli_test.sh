#!/bin/sh
# capdl-tool on an AArch64 system (docs/aarch64.md): the machine follows the components' ELFs.
# The allocation check uses QEMU virt's untypeds (kernel_untypeds_aarch64.c): a system that does
# not fit is refused with the usual message, as is RAM too small for the loader at 0x48000000
# and a device frame on a GIC page; --iso (a GRUB image) is refused; build picks the AArch64
# kernel and loader and writes the virt run script. One YAML builds for either architecture
# unless it names the other's objects, which are refused where they are declared
# (arch_objects.c): I/O ports, legacy and IOAPIC IRQs, the I/O port control cap on AArch64, a
# GIC interrupt on x86_64.
# A kernel or loader of the other architecture is refused before the image is written.
# Usage: aarch64_cli_test.sh CAPDL_TOOL AARCH64_EXAMPLES_DIR OUT_DIR SPECS_DIR X86_TIMER_ELF X86_KERNEL
set -u
tool=$1; elfs=$2; out=$3; specs=$4; x86_timer=$5; x86_kernel=$6; rm -rf "$out"; mkdir -p "$out"
fail() { echo "FAILED: $*"; exit 1; }
elf="--elf example_untyped.elf=$elfs/example_untyped.elf"
# refused with exit status 1 and exactly this stderr
refused() {
  want=$1; shift
  "$@" >"$out/stdout" 2>"$out/stderr"; got=$?
  [ "$got" = 1 ] || { cat "$out/stderr"; fail "$* exited $got, want 1"; }
  [ "$(cat "$out/stderr")" = "$want" ] || fail "$*: stderr is
$(cat "$out/stderr")
want
$want"
}
sys() { # sys NAME MEMORY OBJECTS-LINES
  printf 'system: %s\nmemory: %s\nobjects:\n%s\ncomponents:\n  untyped:\n    elf: example_untyped.elf\n    caps:\n      cnode: {cspace: self}\n' \
    "$1" "$2" "$3" >"$out/$1.yaml"
}
# fits: 512 MiB minus the kernel's 2 MiB and 32 MiB reserved twice over leaves a 2^28 block
sys fits 512M "  big: {type: untyped, bits: 28}"
"$tool" check "$out/fits.yaml" $elf >"$out/log" 2>&1 || { cat "$out/log"; fail "fits.yaml is refused"; }
grep -q "^fits: ok: " "$out/log" || fail "check fits.yaml: $(cat "$out/log")"
# does not fit: no 2^29 block in 512 MiB of RAM at 0x40000000 (the same system fits on x86_64's
# model only if its RAM were larger: this is the virt machine's prediction)
sys toobig 512M "  big: {type: untyped, bits: 29}"
refused "$out/toobig.yaml:4:3: error: out of memory: 'big' (ut, 536870912 bytes) does not fit; the system needs 524422 KiB of RAM objects, the kernel leaves 489472 KiB for 512 MiB of RAM, in aligned blocks of at most 262144 KiB
    4 |   big: {type: untyped, bits: 29}
      |   ^
  raise 'memory:' in the system description or use fewer/smaller objects" "$tool" check "$out/toobig.yaml" $elf
# the loader's ELF must fit into RAM above 0x48000000
sys small 128M "  e: endpoint"
refused "capdl-tool: error: out of memory: an AArch64 system needs at least 160 MiB of RAM (QEMU virt puts the loader at 0x48000000, 128 MiB into RAM, with 32 MiB reserved for it), not 128 MiB
  raise 'memory:' in the system description or --memory" "$tool" check "$out/small.yaml" $elf
# a device frame on the GIC distributor page the kernel keeps
sys gic 512M "  gicd: {type: frame, paddr: 0x8000000}"
refused "$out/gic.yaml:4:3: error: 'gicd' at paddr 0x8000000 is not inside any untyped the kernel hands out (RAM is [0x40000000, 0x60000000); the kernel keeps the GIC pages at 0x8000000 and 0x8010000; device memory is everything else below 2^44)
    4 |   gicd: {type: frame, paddr: 0x8000000}
      |   ^" "$tool" check "$out/gic.yaml" $elf
# the PL011's page is device memory: fine
sys uart 512M "  uart: {type: frame, paddr: 0x9000000}"
"$tool" check "$out/uart.yaml" $elf >"$out/log" 2>&1 || { cat "$out/log"; fail "uart.yaml is refused"; }
# build: the AArch64 kernel and loader, QEMU virt's run script; no ISO
"$tool" build "$out/fits.yaml" -o "$out/img" $elf >"$out/log" 2>&1 || { cat "$out/log"; fail "build fits.yaml"; }
[ -f "$out/img/kernel.elf" ] && [ ! -e "$out/img/kernel.elf32" ] || fail "build did not write kernel.elf"
od -An -tx1 -j18 -N2 "$out/img/kernel.elf" | grep -q "b7 00" || fail "kernel.elf is not an AArch64 ELF"
od -An -tx1 -j18 -N2 "$out/img/loader.elf" | grep -q "b7 00" || fail "loader.elf is not an AArch64 ELF"
grep -q 'qemu-system-aarch64' "$out/img/run" || fail "the run script does not boot qemu-system-aarch64"
refused "capdl-tool: error: --iso makes a GRUB (Multiboot) image for x86_64; 'fits' is an AArch64 system (boot its folder's run script)" \
  "$tool" build "$out/fits.yaml" -o "$out/iso" --iso $elf
# the kernel and the loader must be of the system's architecture (exit 2: the wrong file given)
wrong() {
  want=$1; shift
  "$@" >"$out/stdout" 2>"$out/stderr"; got=$?
  [ "$got" = 2 ] && [ "$(cat "$out/stderr")" = "$want" ] || fail "$*: exit $got, stderr
$(cat "$out/stderr")
want
$want"
}
wrong "capdl-tool: error: the kernel '$x86_kernel' is an x86 ELF, but 'fits' is an AArch64 system
  give the AArch64 one (--kernel/--loader, docs/aarch64.md)" "$tool" build "$out/fits.yaml" -o "$out/wk" --kernel "$x86_kernel" $elf
wrong "capdl-tool: error: the loader '$x86_timer' is an x86 ELF, but 'fits' is an AArch64 system
  give the AArch64 one (--kernel/--loader, docs/aarch64.md)" "$tool" build "$out/fits.yaml" -o "$out/wl" --loader "$x86_timer" $elf
wrong "capdl-tool: error: the kernel '$elfs/example_untyped.elf' is an AArch64 ELF, but 'interrupts' is an x86_64 system" \
  "$tool" build "$specs/interrupts/interrupts.yaml" -o "$out/wx" --kernel "$elfs/example_untyped.elf" --elf "example_timer.elf=$x86_timer"
# the other architecture's objects, at their declaration
refused "$specs/interrupts/interrupts.yaml:8:3: error: 'pit' cannot be built for an AArch64 system: I/O ports exist on x86_64 only
    8 |   pit: {type: io_ports, first: 0x40, last: 0x43}
      |   ^" "$tool" check "$specs/interrupts/interrupts.yaml" --elf "example_timer.elf=$elfs/example_timer.elf"
refused "$specs/interrupts/interrupts_gic.aarch64.yaml:10:3: error: 'uart_tx' cannot be built for an x86_64 system: a GIC interrupt ('gic') exists on AArch64 only
   10 |   uart_tx: {type: irq, gic: 33, trigger: level, notification: uart_ntfn}
      |   ^" "$tool" check "$specs/interrupts/interrupts_gic.aarch64.yaml" --elf "example_timer.elf=$x86_timer"
printf 'system: legacy\nobjects:\n  n: notification\n  com1: {type: irq, irq: 4, notification: n}\n  line: {type: irq, ioapic: 0, pin: 2, vector: 3, notification: n}\ncomponents:\n  untyped:\n    elf: example_untyped.elf\n    caps:\n      ports: {control: io_port_control}\n' >"$out/legacy.yaml"
refused "$out/legacy.yaml:4:3: error: 'com1' cannot be built for an AArch64 system: a legacy PIC IRQ ('irq') exists on x86_64 only (on AArch64 name the GIC interrupt: 'gic')
    4 |   com1: {type: irq, irq: 4, notification: n}
      |   ^
$out/legacy.yaml:5:3: error: 'line' cannot be built for an AArch64 system: IOAPIC lines exist on x86_64 only
    5 |   line: {type: irq, ioapic: 0, pin: 2, vector: 3, notification: n}
      |   ^
$out/legacy.yaml:10:7: error: 'ports' cannot be built for an AArch64 system: the I/O port control cap exists on x86_64 only
   10 |       ports: {control: io_port_control}
      |       ^" "$tool" check "$out/legacy.yaml" $elf
# --arch: without ELFs it decides (check --no-elf), with them they must agree; a .cdl's arch line too
"$tool" check --no-elf --arch aarch64 "$specs/interrupts/interrupts_gic.aarch64.yaml" >"$out/log" 2>&1 ||
  { cat "$out/log"; fail "check --no-elf --arch aarch64 interrupts_gic.aarch64.yaml"; }
refused "$specs/interrupts/interrupts.yaml:8:3: error: 'pit' cannot be built for an AArch64 system: I/O ports exist on x86_64 only
    8 |   pit: {type: io_ports, first: 0x40, last: 0x43}
      |   ^" "$tool" check --no-elf --arch aarch64 "$specs/interrupts/interrupts.yaml"
refused "capdl-tool: error: --arch x86_64, but the components' ELFs are aarch64" \
  "$tool" check "$specs/interrupts/interrupts_gic.aarch64.yaml" --arch x86_64 --elf "example_timer.elf=$elfs/example_timer.elf"
"$tool" build "$out/fits.yaml" -o "$out/cdl" --no-image $elf >"$out/log" 2>&1 || { cat "$out/log"; fail "build --no-image"; }
refused "capdl-tool: error: --arch x86_64, but its arch line says aarch64" "$tool" check --no-elf --arch x86_64 "$out/cdl/fits.cdl"
"$tool" check --arch arm x.yaml 2>"$out/stderr"; got=$?
[ "$got" = 2 ] && [ "$(cat "$out/stderr")" = "capdl-tool check: --arch arm: expected x86_64 or aarch64" ] ||
  fail "--arch arm: exit $got, $(cat "$out/stderr")"
# without ELFs or --arch a GIC interrupt makes the system AArch64 (found by the YAML fuzzer: its
# .cdl was written as x86_64 with an arm_irq); then x86_64's objects beside it are refused
printf 'system: mixed\nobjects:\n  n: notification\n  g: {type: irq, gic: 33, notification: n}\n  pit: {type: io_ports, first: 0x40, last: 0x43}\ncomponents:\n  untyped:\n    elf: example_untyped.elf\n' >"$out/mixed.yaml"
refused "$out/mixed.yaml:5:3: error: 'pit' cannot be built for an AArch64 system: I/O ports exist on x86_64 only
    5 |   pit: {type: io_ports, first: 0x40, last: 0x43}
      |   ^" "$tool" check --no-elf "$out/mixed.yaml"
"$tool" check --no-elf "$specs/interrupts/interrupts_gic.aarch64.yaml" >"$out/log" 2>&1 || { cat "$out/log"; fail "check --no-elf interrupts_gic"; }
# the spec carries the GIC interrupt (decode) and the .cdl writes it as seL4's parser reads it
"$tool" build --no-image -o "$out/gic" "$specs/interrupts/interrupts_gic.aarch64.yaml" --elf "example_timer.elf=$elfs/example_timer.elf" \
  >"$out/log" 2>&1 || { cat "$out/log"; fail "build --no-image interrupts_gic"; }
"$tool" decode "$out/gic/interrupts_gic.spec" | grep -q "uart_tx = irq gic intid=33 trigger=level target=0" ||
  fail "decode does not show the GIC interrupt"
grep -q "^  uart_tx = arm_irq (trigger: level, target: 0)$" "$out/gic/interrupts_gic.cdl" || fail "no arm_irq in the .cdl"
grep -q "^  33: uart_tx$" "$out/gic/interrupts_gic.cdl" || fail "no INTID 33 in the .cdl's irq maps"
# the same YAML without them builds for both (the seed examples: tests/examples)
"$tool" check "$specs/interrupts/interrupts_gic.aarch64.yaml" --elf "example_timer.elf=$elfs/example_timer.elf" >"$out/log" 2>&1 ||
  { cat "$out/log"; fail "interrupts_gic.aarch64.yaml is refused on AArch64"; }
echo "PASS"
