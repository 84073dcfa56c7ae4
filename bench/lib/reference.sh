# Sourced by the benchmark scripts: where the seL4 16.0.0 reference kernels are, and the QEMU CPU
# line both kernels run with in a side-by-side benchmark.
#
# The reference binaries live gzipped in ../shared/reference beside the repository (the team's
# shared folder; its README says how they were built). reference_kernel NAME unpacks
# NAME.elf32.gz once into $REF_DIR and prints the path of the unpacked kernel; it stops the
# script with a message when the shared folder is missing.
#
# seL4 built with huge pages refuses to boot on a CPU without 1 GiB pages, so a side-by-side run
# gives both kernels seL4's CPU line (the README of ../shared/reference): the same machine for
# both columns. Our kernel boots on it too.
top=$(cd "$(dirname "$0")/../.." && pwd)
REF_SRC=${REF_SRC:-$top/../shared/reference}
REF_CPU="qemu64,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce"
REF_RELEASE=sel4-16.0.0-release-printing-cnode12-hugeON
REF_DEBUG=sel4-16.0.0-debug-cnode12-hugeON

reference_kernel() {
  src=$REF_SRC/$1.elf32.gz
  [ -f "$src" ] || { echo "bench: seL4 reference kernel $src not found (the shared folder must sit beside the repository)" >&2; exit 2; }
  mkdir -p "$REF_DIR"
  out=$REF_DIR/$1.elf32
  [ "$out" -nt "$src" ] || gunzip -c "$src" > "$out"
  echo "$out"
}
