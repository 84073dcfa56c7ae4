#!/bin/sh
# Boots seL4's own test suite (sel4test's driver with its tests embedded, built from seL4 16.0.0)
# on one of our kernels and checks its verdict line. The driver lives gzipped in the team's
# shared folder beside the repository (../shared/reference, whose README gives the QEMU line);
# it is unpacked into the build tree the first time and whenever the gzipped copy is newer.
# The CPU line is the one the reference README gives (seL4 built with huge pages refuses a CPU
# without 1 GiB pages).
#
# usage: run-sel4test.sh QEMU_TEST KERNEL EXPECT WORK_DIR NAME TIMEOUT
#   REF_SRC=DIR overrides where the gzipped reference binaries are.
# exit status: qemu-test's (0 pass, 1 fail, 2 environment error), 2 when the driver is missing.
set -eu
[ $# -eq 6 ] || { echo "usage: $0 QEMU_TEST KERNEL EXPECT WORK_DIR NAME TIMEOUT" >&2; exit 2; }
runner=$1 kernel=$2 expect=$3 work=$4 name=$5 timeout=$6
top=$(cd "$(dirname "$0")/../.." && pwd)
REF_SRC=${REF_SRC:-$top/../shared/reference}
REF_CPU="qemu64,-vme,+pdpe1gb,-xsave,-xsaveopt,-xsavec,-fsgsbase,-invpcid,+syscall,+lm,enforce"

driver_gz=$REF_SRC/sel4test-driver-debug-hugeON.elf.gz
if [ ! -f "$driver_gz" ]; then
  echo "$name: FAIL: sel4test driver $driver_gz not found: the team's shared folder must sit" \
       "beside the repository as ../shared (or set REF_SRC=DIR)" >&2
  exit 2
fi
mkdir -p "$work"
driver=$work/sel4test-driver.elf
if [ ! "$driver" -nt "$driver_gz" ]; then
  gunzip -c "$driver_gz" > "$driver.tmp" && mv "$driver.tmp" "$driver"
fi

# sel4test needs 3 GiB (one test maps a 1 GiB frame) and ends without leaving QEMU, so the run
# stops at the verdict line; the expectation file then refuses a failed verdict.
exec "$runner" --name "$name" --kernel "$kernel" --module "$driver" --expect "$expect" \
  --end any --until-match --memory 3G --timeout "$timeout" --log "$work/$name.log" \
  -- -cpu "$REF_CPU"
