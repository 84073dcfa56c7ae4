#!/bin/sh
# The runtime cross-check end to end (docs/verification.md): boot an example system with
# `capdl-tool run --dump-caps`, which makes the loader print the live capability state; the
# dump must hold the cap line LINE and `capdl-tool verify --against` must find 0 differences.
# Then an edited copy of that real dump (LINE removed, the rights of CHANGED set to RIGHTS) must
# give exit 1 with both differences named.
# Usage: dump_caps.sh TOOL WORK_DIR SYSTEM.yaml LINE CHANGED RIGHTS [RUN-ARGS...]
#   LINE, CHANGED: dump lines "cap CONTAINER SLOT OBJECT RIGHTS [BADGE]"
set -u
tool=$1; w=$2; yaml=$3; line=$4; changed=$5; rights=$6; shift 6
system=$(basename "$yaml" .yaml)
rm -rf "$w"; mkdir -p "$w"
fail() { echo "FAILED: $*"; exit 1; }

"$tool" run "$yaml" -o "$w/image" "$@" --dump-caps "$w/live.dump" >"$w/run.txt" 2>&1 ||
  { cat "$w/run.txt"; fail "capdl-tool run --dump-caps exited $?"; }
[ -s "$w/live.dump" ] || fail "no dump written"
[ "$(head -1 "$w/live.dump")" = "capdl-dump 1" ] || fail "the dump does not start with its header"
[ "$(tail -1 "$w/live.dump")" = "# end of capdl-dump" ] || fail "the dump does not end with its marker"
grep -qxF "$line" "$w/live.dump" || { cat "$w/live.dump"; fail "the dump has no line '$line'"; }
grep -qxF "$changed" "$w/live.dump" || { cat "$w/live.dump"; fail "the dump has no line '$changed'"; }

"$tool" verify "$yaml" --no-elf --against "$w/live.dump" >"$w/same.txt" 2>&1
code=$?
[ $code = 0 ] || { cat "$w/same.txt"; fail "verify of the live dump exited $code"; }
grep -qxF "$system: 0 differences between the spec and $w/live.dump" "$w/same.txt" ||
  { cat "$w/same.txt"; fail "not 0 differences"; }

# The edited copy and the lines verify must print for it.
edited=$(echo "$changed" | awk -v r="$rights" '{ $5 = r; print }')
grep -vxF "$line" "$w/live.dump" | awk -v c="$changed" -v e="$edited" '$0 == c { $0 = e } { print }' >"$w/edited.dump"
n=$(grep -nxF "$edited" "$w/edited.dump" | cut -d: -f1)
[ -n "$n" ] || fail "the edit did not apply"
# "cap C S O R [B]": where it is ("C slot S") and the cap as verify writes it ("O R[ badge B]")
where() { echo "$1" | awk '{ print $2 " slot " $3 }'; }
cap() { echo "$1" | awk '{ printf "%s %s", $4, $5; if (NF == 6) printf " badge %s", $6 }'; }
cat >"$w/edited.expected" <<EOF
$w/edited.dump:$n: differs: $(where "$changed"): the spec has $(cap "$changed"), the dump $(cap "$edited")
missing: $(where "$line"): the spec has $(cap "$line"), the dump nothing
$system: 2 differences between the spec and $w/edited.dump
EOF
"$tool" verify "$yaml" --no-elf --against "$w/edited.dump" >"$w/edited.txt" 2>&1
code=$?
[ $code = 1 ] || { cat "$w/edited.txt"; fail "verify of the edited dump exited $code, want 1"; }
# verify lists the differences in the spec's cap order: compare as sets, the summary last
sort "$w/edited.expected" >"$w/a.txt"; sort "$w/edited.txt" >"$w/b.txt"
diff -u "$w/a.txt" "$w/b.txt" || fail "the differences of the edited dump"
[ "$(tail -1 "$w/edited.txt")" = "$(tail -1 "$w/edited.expected")" ] || fail "the summary is not last"
echo "dump_caps $system: $(grep -c '^cap ' "$w/live.dump") caps, 0 differences; the edited copy 2"
