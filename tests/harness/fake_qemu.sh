#!/bin/sh
# Stand-in for qemu-system-x86_64 in the harness tests (passed with --qemu). It ignores every
# option except -kernel FILE, and runs FILE as a shell script in its own shell, so each fixture
# "kernel" in fixtures/ says what to print and how to end (exit status, signal or sleeping).
# The script sees QEMU's arguments as "$@" (fixtures/args.sh prints them).
kernel=
prev=
for arg in "$@"; do
    [ "$prev" = -kernel ] && kernel=$arg
    prev=$arg
done
if [ -z "$kernel" ]; then
    echo "fake-qemu: no -kernel argument" >&2
    exit 1
fi
. "$kernel"
