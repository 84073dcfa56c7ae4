# Sourced by the scripts that run something on the real seL4 16.0.0 (bench/ipc, bench/boot,
# tests/conformance, tests/on-sel4): where the reference binaries are, and the QEMU CPU line seL4
# needs. Set REF_TOP to the repository's top folder before sourcing (a sourced sh file cannot
# know its own path).
#
# The reference binaries lie gzipped in the team's shared folder beside the repository
# (../shared/reference; its README says how they were built). reference_file NAME DIR unpacks
# NAME.gz into DIR once (again when the gzipped copy is newer) and prints the unpacked path; when
# the shared folder is missing it says so on stderr and exits 2.
#
# seL4 built with huge pages refuses to boot on a CPU without 1 GiB pages, so everything run on
# seL4, and everything run beside it in one benchmark, gets seL4's CPU line (the README's). Our
# kernel boots on it too.
REF_SRC=${REF_SRC:-$REF_TOP/../shared/reference}
REF_CPU="qemu64,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce"
REF_RELEASE=sel4-16.0.0-release-printing-cnode12-hugeON.elf32
REF_DEBUG=sel4-16.0.0-debug-cnode12-hugeON.elf32
REF_SEL4TEST=sel4test-driver-debug-hugeON.elf

reference_file() {
  src=$REF_SRC/$1.gz
  if [ ! -f "$src" ]; then
    echo "reference: $src not found: the team's shared folder must sit beside the repository as ../shared (or set REF_SRC=DIR)" >&2
    exit 2
  fi
  mkdir -p "$2"
  if [ ! "$2/$1" -nt "$src" ]; then
    # tests running in parallel may unpack the same file: each into its own temporary name,
    # renamed into place at once, so that no run ever reads a half-written file
    gunzip -c "$src" > "$2/$1.$$.tmp" && mv -f "$2/$1.$$.tmp" "$2/$1"
  fi
  echo "$2/$1"
}
