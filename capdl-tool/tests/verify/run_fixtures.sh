#!/bin/sh
# The verify fixtures: for every NAME.yaml in DIR with a NAME.policy.yaml, runs
#   capdl-tool verify NAME.yaml --no-elf --policy NAME.policy.yaml
# in DIR and compares its whole output (stdout, then stderr) and exit status with
# NAME.expected. With --update, writes the .expected files instead (review the diff).
# Usage: run_fixtures.sh TOOL DIR [--update]
set -u
tool=$1; dir=$2; update=${3:-}
fail=0; n=0
cd "$dir" || exit 2
for p in *.policy.yaml; do
  name=${p%.policy.yaml}
  got=$("$tool" verify "$name.yaml" --no-elf --policy "$p" 2>/tmp/verify_fixture_err.$$; echo "exit: $?")
  got=$(printf '%s\n' "$got" | sed '$d'; cat /tmp/verify_fixture_err.$$; printf '%s\n' "$got" | tail -n 1)
  n=$((n + 1))
  if [ "$update" = --update ]; then
    printf '%s\n' "$got" > "$name.expected"
  elif [ "$got" != "$(cat "$name.expected" 2>/dev/null)" ]; then
    echo "FAILED $name"; printf '%s\n' "$got" | diff -u "$name.expected" - ; fail=1
  fi
done
rm -f /tmp/verify_fixture_err.$$
echo "$n verify fixtures, $([ $fail = 0 ] && echo all passed || echo some FAILED)"
exit $fail
