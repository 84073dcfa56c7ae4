#!/bin/sh
# MCS and the kernel file (docs/mcs.md): capdl-tool build refuses an MCS system for a kernel built
# without MCS and a classic system for the MCS kernel (the kernel_build_config record's mcs
# field), naming the kernel file; an MCS system takes the MCS kernel and loader by default, and
# `decode` shows its MCS records.
# Usage: kernel_check.sh TOOL WORKDIR KERNEL KERNEL_MCS MCS.yaml CLASSIC.yaml CLASSIC_ELF_ARG MCS_ELF_ARGS...
set -u
tool=$1 w=$2 kernel=$3 kernel_mcs=$4 mcs=$5 classic=$6 classic_elf=$7
shift 7
rm -rf "$w" && mkdir -p "$w"
fail=0
check() { # NAME CONDITION
  if ! eval "$2"; then echo "FAILED: $1"; cat "$w/log"; fail=1; fi
}
"$tool" build "$mcs" -o "$w/a" "$@" --kernel "$kernel" > "$w/log" 2>&1
check "an MCS system for the classic kernel: exit 1" '[ $? = 1 ] && [ ! -e "$w/a/loader.elf" ]'
check "names the kernel file" "grep -qxF \"capdl-tool: error: the system is for the MCS kernel ('kernel: {mcs: true}'), but the kernel '$kernel' is built without MCS\" \"$w/log\""
"$tool" build "$classic" -o "$w/b" --elf "$classic_elf" --kernel "$kernel_mcs" > "$w/log" 2>&1
check "a classic system for the MCS kernel: exit 1" '[ $? = 1 ]'
check "names the kernel file" "grep -qxF \"capdl-tool: error: the kernel '$kernel_mcs' is built with MCS, but the system is not for it (say 'kernel: {mcs: true}')\" \"$w/log\""
"$tool" build "$mcs" -o "$w/c" "$@" > "$w/log" 2>&1
check "an MCS system by default: exit 0" '[ $? = 0 ]'
check "the MCS kernel" 'cmp -s "$w/c/kernel.elf32" "$kernel_mcs"'
# decode shows the MCS records of the spec
"$tool" decode "$w/c"/*.spec > "$w/log" 2>&1
check "decode: the MCS flag" "grep -q '^capDL spec v[0-9]*, x86_64, .*, for the MCS kernel\$' \"\$w/log\""
check "decode: an SC" "grep -q '= sc (7 bits) budget=8000 period=20000 extra_refills=0 badge=0x0\$' \"\$w/log\""
check "decode: the passive thread" "grep -q '^[0-9]* server.tcb = tcb .* passive\$' \"\$w/log\""
# a sched_control cap from YAML: core 0 in the spec and in the .cdl
sc_yaml=$(dirname "$0")/sched_control.yaml
elf=${classic_elf#*=} # any ELF will do: the system is only built
"$tool" build "$sc_yaml" -o "$w/s" --no-image --elf manager="$elf" --elf worker="$elf" > "$w/log" 2>&1
check "sched_control: builds" '[ $? = 0 ]'
check "sched_control: .cdl" "grep -q '^    0x1: sched_control (core: 0)\$' \"\$w/s/sched_control.cdl\""
"$tool" decode "$w/s/sched_control.spec" > "$w/log" 2>&1
check "sched_control: decode" "grep -q '= sched_control core=0\$' \"\$w/log\""
[ $fail = 0 ] && echo "MCS kernel check: all passed"
exit $fail
