#!/bin/sh
# Boots seL4's own test suite (sel4test's driver with its tests embedded, built from seL4 16.0.0)
# on one of our kernels and checks its verdict line. The driver comes from the team's shared
# folder beside the repository (scripts/lib/reference.sh: unpacked into WORK_DIR the first time
# and whenever the gzipped copy is newer), and runs on the CPU line the reference README gives.
#
# usage: run-sel4test.sh QEMU_TEST KERNEL EXPECT WORK_DIR NAME TIMEOUT
#   REF_SRC=DIR overrides where the gzipped reference binaries are.
# exit status: qemu-test's (0 pass, 1 fail, 2 environment error), 2 when the driver is missing.
set -eu
[ $# -eq 6 ] || { echo "usage: $0 QEMU_TEST KERNEL EXPECT WORK_DIR NAME TIMEOUT" >&2; exit 2; }
runner=$1 kernel=$2 expect=$3 work=$4 name=$5 timeout=$6
REF_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
driver=$(reference_file "$REF_SEL4TEST" "$work")

# sel4test needs 3 GiB (one test maps a 1 GiB frame) and ends without leaving QEMU, so the run
# stops at the verdict line; the expectation file then refuses a failed verdict.
exec "$runner" --name "$name" --kernel "$kernel" --module "$driver" --expect "$expect" \
  --end any --until-match --memory 3G --timeout "$timeout" --log "$work/$name.log" \
  -- -cpu "$REF_CPU"
