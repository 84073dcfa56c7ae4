#!/usr/bin/env bash
# Runs one end-to-end harness test case and checks it: exact exit status, an upper bound on the
# wall time, and texts that must or must not appear in the combined stdout and stderr.
# usage: check_case.sh --exit N [--within SEC] [--has TEXT]... [--lacks TEXT]... -- COMMAND...
# Prints the command's output, then one line per failed check; exits 1 on any failure.
set -u
want_exit= within= has=() lacks=()
while [ $# -gt 0 ]; do
    case $1 in
        --exit) want_exit=$2; shift 2 ;;
        --within) within=$2; shift 2 ;;
        --has) has+=("$2"); shift 2 ;;
        --lacks) lacks+=("$2"); shift 2 ;;
        --) shift; break ;;
        *) echo "check_case: unknown option $1" >&2; exit 2 ;;
    esac
done
start=$EPOCHREALTIME
output=$("$@" 2>&1)
status=$?
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')
printf '%s\n----- (exit %s after %s s)\n' "$output" "$status" "$elapsed"
failed=0
if [ -n "$want_exit" ] && [ "$status" != "$want_exit" ]; then
    echo "check_case: exit status $status, expected $want_exit"; failed=1
fi
if [ -n "$within" ] && awk -v e="$elapsed" -v w="$within" 'BEGIN { exit !(e > w) }'; then
    echo "check_case: took $elapsed s, more than $within s"; failed=1
fi
for text in "${has[@]+"${has[@]}"}"; do
    case $output in *"$text"*) ;; *) echo "check_case: missing text: $text"; failed=1 ;; esac
done
for text in "${lacks[@]+"${lacks[@]}"}"; do
    case $output in *"$text"*) echo "check_case: unwanted text: $text"; failed=1 ;; esac
done
exit $failed
