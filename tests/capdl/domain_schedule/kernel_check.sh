#!/bin/sh
# capdl-tool build checks the system against the kernel file's build configuration (the record
# our kernels carry, sel4/kernel_build_config.h): too many domains for the kernel, and a domain
# schedule past its table, are refused naming the kernel file; the same systems build for a
# kernel that fits, and for seL4's own kernel (no record: not checked); --no-kernel-check turns
# the refusal into a warning.
# Usage: kernel_check.sh TOOL WORKDIR KERNEL KERNEL_2DOM SHIFT.cdl DOMAINS.yaml DOM0.elf DOM1.elf
set -u
tool=$1 w=$2 kernel=$3 kernel2=$4 cdl=$5 yaml=$6 dom0=$7 dom1=$8
REF_TOP=$(cd "$(dirname "$0")/../../.." && pwd)
. "$REF_TOP/scripts/lib/reference.sh"
rm -rf "$w" && mkdir -p "$w"
fail=0
elfs="--elf example_domain_0.elf=$dom0 --elf example_domain_1.elf=$dom1"
check() { # NAME CONDITION
  if ! eval "$2"; then echo "FAILED: $1"; cat "$w/log"; fail=1; fi
}
"$tool" build "$yaml" -o "$w/a" $elfs --kernel "$kernel" > "$w/log" 2>&1
check "two domains on a one-domain kernel: exit 1" '[ $? = 1 ]'
check "names the thread and the kernel file" \
  "grep -qF \"error: thread 'domain_1.tcb' runs in domain 1, but the kernel '$kernel' has 1 scheduling domain (0..0)\" \"$w/log\""
check "names the schedule" "grep -qF \"error: domain schedule entry 1 names domain 1, but the kernel '$kernel'\" \"$w/log\""
check "no image" '[ ! -e "$w/a/loader.elf" ]'
"$tool" build "$yaml" -o "$w/b" $elfs --kernel "$kernel2" > "$w/log" 2>&1
check "two domains on the two-domain kernel: exit 0" '[ $? = 0 ] && [ -s "$w/b/loader.elf" ]'
"$tool" build "$cdl" -o "$w/c" --kernel "$kernel2" > "$w/log" 2>&1
check "a schedule past the table: exit 1" '[ $? = 1 ]'
check "names the indices and the table" "grep -qF \"shift_beyond.cdl:11:3: error: the domain schedule takes kernel indices 99..100, but the kernel '$kernel2' has a table of 100 entries\" \"$w/log\""
"$tool" build "$cdl" -o "$w/d" --kernel "$kernel2" --no-kernel-check > "$w/log" 2>&1
check "--no-kernel-check: a warning, exit 0" \
  '[ $? = 0 ] && grep -qF "capdl-tool: warning: the system does not fit the kernel (--no-kernel-check: building anyway):" "$w/log"'
sel4=$(reference_file "$REF_RELEASE" "$w/ref") || exit 2
"$tool" build "$cdl" -o "$w/e" --kernel "$sel4" > "$w/log" 2>&1
check "seL4's kernel (no record) is not checked: exit 0" '[ $? = 0 ]'
[ $fail = 0 ] && echo "kernel check: all passed"
exit $fail
