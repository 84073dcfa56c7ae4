#!/bin/sh
# YAML's extra_refills, sporadic and sc_badge (docs/mcs.md, "The builder") from YAML to the kernel:
# the spec carries them (decode), the .cdl carries what capDL can say (badge as data:, the size
# the refills chose as bits) and reading it back loses the rest (docs/spec-format.md), and the
# system boots: the MCS loader's SchedControl_ConfigureFlags accepts the SC with 8 extra refills
# and the sporadic flag, and the timeout faults carry its badge.
# Usage: sc_params.sh TOOL WORKDIR SC_PARAMS.yaml EXPECTED ELF_ARGS... -- QEMU_ARGS...
set -u
tool=$1 w=$2 yaml=$3 expected=$4
shift 4
elfs=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
  elfs="$elfs $1"
  shift
done
[ $# -gt 0 ] && shift
rm -rf "$w" && mkdir -p "$w"
fail=0
check() { # NAME CONDITION
  if ! eval "$2"; then echo "FAILED: $1"; cat "$w/log"; fail=1; fi
}
# shellcheck disable=SC2086
"$tool" build "$yaml" -o "$w/yaml" --no-image $elfs > "$w/log" 2>&1
check "build: exit 0" '[ $? = 0 ]'
"$tool" decode "$w/yaml/sc_params.spec" > "$w/log" 2>&1
check "decode: 8 extra refills in 2^8 bytes, the badge, sporadic" \
  "grep -q ' client.sc = sc (8 bits) budget=5000 period=20000 extra_refills=8 badge=0x5c sporadic\$' \"\$w/log\""
check "decode: the handler's SC has the defaults" \
  "grep -q ' handler.sc = sc (7 bits) budget=1000 period=1000 extra_refills=0 badge=0x0\$' \"\$w/log\""
check ".cdl: badge as data, the size as bits" \
  "grep -q 'client.sc = sc (period: 20000, budget: 5000, data: 0x5c, 8 bits)' \"\$w/yaml/sc_params.cdl\""
# the .cdl read back: what capDL cannot say is gone
# shellcheck disable=SC2086
"$tool" build "$w/yaml/sc_params.cdl" -o "$w/cdl" --no-image > "$w/log" 2>&1
check "build of the .cdl: exit 0" '[ $? = 0 ]'
"$tool" decode "$w/cdl/sc_params.spec" > "$w/log" 2>&1
check "the .cdl keeps bits and badge, not the refills and the flag" \
  "grep -q ' client.sc = sc (8 bits) budget=5000 period=20000 extra_refills=0 badge=0x5c\$' \"\$w/log\""
# shellcheck disable=SC2086
"$tool" run "$yaml" -o "$w/image" $elfs --expect "$expected" --end halt --timeout 60 -- "$@" > "$w/log" 2>&1
check "boots with the faults' SC badge" '[ $? = 0 ]'
exit $fail
