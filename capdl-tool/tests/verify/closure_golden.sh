#!/bin/sh
# The authority closure's golden results: for each system listed in GOLDEN_DIR/systems, the
# whole closure_dump (every fact, every explanation path a report can print, every flow) must be
# identical to the checked-in one: byte for byte in NAME.dump ("full" lines: small systems,
# readable in review) or by SHA-256 in GOLDEN_DIR/sha256 ("sum" lines: every example, and
# generated bench systems, "gen:N" = awk -v n=N -f bench/tool/gen_verify_system.awk). An
# optimisation of the closure must leave these unchanged; a change of its meaning updates them
# (--update, then review the diff of the .dump files).
# Usage: closure_golden.sh DUMP_TOOL SRC_ROOT GOLDEN_DIR WORK_DIR [--update]
set -u
dump=$1; src=$2; golden=$3; w=$4/closure_golden; update=${5:-}
rm -rf "$w"; mkdir -p "$w"
fail=0; n=0
sums="$w/sha256"; : > "$sums"
while read -r how sys; do
  case "$how" in ''|'#'*) continue ;; esac
  key=$(printf '%s' "$sys" | tr '/:' '__')
  case "$sys" in
    gen:*) awk -v n="${sys#gen:}" -f "$src/bench/tool/gen_verify_system.awk" > "$w/vbench${sys#gen:}.yaml"
           (cd "$w" && "$dump" "vbench${sys#gen:}.yaml") > "$w/$key.dump" 2>&1 ;;
    *)     (cd "$src" && "$dump" "$sys") > "$w/$key.dump" 2>&1 ;;
  esac
  echo "exit: $?" >> "$w/$key.dump"
  n=$((n + 1))
  if [ "$how" = full ]; then
    if [ "$update" = --update ]; then
      cp "$w/$key.dump" "$golden/$key.dump"
    elif ! cmp -s "$w/$key.dump" "$golden/$key.dump"; then
      echo "FAILED: $sys differs from $key.dump"; diff -u "$golden/$key.dump" "$w/$key.dump" | head -40; fail=1
    fi
  fi
  printf '%s  %s\n' "$(sha256sum < "$w/$key.dump" | cut -d' ' -f1)" "$sys" >> "$sums"
done < "$golden/systems"
if [ "$update" = --update ]; then
  cp "$sums" "$golden/sha256"
elif ! cmp -s "$sums" "$golden/sha256"; then
  echo "FAILED: closure dumps differ from $golden/sha256 (the lines below; dumps in $w):"
  diff "$golden/sha256" "$sums"; fail=1
fi
echo "$n closure dumps, $([ $fail = 0 ] && echo all identical || echo some DIFFER)"
exit $fail
