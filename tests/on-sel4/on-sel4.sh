#!/bin/sh
# Runs one test command against the real seL4 16.0.0 (label on-sel4): unpacks seL4's debug
# kernel from the shared folder (scripts/lib/reference.sh) into BUILD_DIR/reference, replaces the
# arguments @SEL4_KERNEL@ and @SEL4_CPU@ of COMMAND with that kernel and the CPU line seL4 needs,
# and runs it. The command is the test's own (qemu-test, or capdl-tool run) with seL4's kernel
# in place of ours; seL4 halts the CPU at seL4_DebugHalt instead of leaving QEMU, so the commands
# end at their expectations (--until-match).
# usage: on-sel4.sh BUILD_DIR COMMAND [ARGS...]
# exit status: the command's; 2 when the shared folder is missing.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 BUILD_DIR COMMAND [ARGS...]" >&2; exit 2; }
REF_TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
kernel=$(reference_file "$REF_DEBUG" "$1/reference")
shift
n=$#
while [ $n -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  case $a in
    @SEL4_KERNEL@) a=$kernel ;;
    @SEL4_CPU@) a=$REF_CPU ;;
  esac
  set -- "$@" "$a"
done
exec "$@"
