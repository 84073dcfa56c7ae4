#!/bin/sh
# capdl-tool build --iso: the GRUB ISO boots the system from a CD-ROM (no -kernel/-initrd) and
# prints LINE, then halts (QEMU status 1). Skipped (77) where grub-mkrescue is not installed.
# usage: iso_boot.sh TOOL DIR LINE YAML [BUILD-ARGS...]
set -eu
tool=$1 dir=$2 line=$3 yaml=$4; shift 4
command -v grub-mkrescue >/dev/null 2>&1 || { echo "iso_boot: grub-mkrescue not installed: skipped"; exit 77; }
rm -rf "$dir"
"$tool" build "$yaml" -o "$dir" --iso "$@" >/dev/null 2>"$dir.build.log" || { cat "$dir.build.log" >&2; exit 1; }
iso=$(ls "$dir"/*.iso)
set +e
timeout 60 qemu-system-x86_64 -machine pc -cpu qemu64 -display none -vga none -serial stdio -monitor none \
  -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 -m 256M -cdrom "$iso" </dev/null >"$dir.out" 2>&1
status=$?
set -e
tr -d '\r' <"$dir.out" | grep -a '^capdl-loader:\|^hello\|^Boot: root task' || true
[ "$status" -eq 1 ] || { echo "iso_boot: QEMU status $status, expected 1 (halt)" >&2; exit 1; }
tr -d '\r' <"$dir.out" | grep -aqx "$line" || { echo "iso_boot: no line '$line' in the output" >&2; exit 1; }
echo "iso_boot: $iso booted and printed '$line'"
