#!/bin/sh
# Builds an image, overwrites one 8-byte field of the blob header or file table embedded in its
# loader.elf (capdl/blob.h; outside the spec's checksum) and boots it: the loader must refuse
# the blob before reading through it and stop QEMU with the failure status.
# With QEMU_TEST given as --decode, `capdl-tool decode` reads the image instead, and must refuse
# it (exit 1) with a message containing EXPECT (then a text, not a file): decode and the loader
# apply one check.
# usage: corrupt_blob.sh CAPDL_TOOL QEMU_TEST DIR EXPECT NAME FIELD VALUE SYSTEM.yaml [build args...]
#   FIELD: a byte offset in the blob (4 version, 8 total_size, 16 spec_offset, 32 files_offset),
#          or file0.name (the first file's name_offset); VALUE: the new value (decimal or 0x...).
set -u
tool=$1; qt=$2; dir=$3; expect=$4; name=$5; field=$6; value=$7; shift 7
rm -rf "$dir"
"$tool" build "$@" -o "$dir" || { echo "corrupt_blob: build failed"; exit 1; }
elf=$dir/loader.elf
off=$(readelf -SW "$elf" | sed -n 's/.*\.capdl_blob *PROGBITS *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
[ -n "$off" ] || { echo "corrupt_blob: no .capdl_blob section in $elf"; exit 1; }
blob=$((0x$off))
# A little-endian 64-bit field of the blob.
field_at() { od -An -t u8 -j $(($blob + $1)) -N 8 "$elf" | tr -d ' '; }
case $field in
  file0.name) pos=$(($blob + $(field_at 32))) ;;
  *) pos=$(($blob + $field)) ;;
esac
v=$(($value))
bytes=""
for i in 0 1 2 3 4 5 6 7; do
  bytes="$bytes$(printf '\\%03o' $(( (v >> (8 * i)) & 255 )))"
done
printf "$bytes" | dd of="$elf" bs=1 seek="$pos" conv=notrunc 2>/dev/null
if [ "$qt" = --decode ]; then
  "$tool" decode "$elf" > "$dir/decode.out" 2> "$dir/decode.err"
  status=$?
  [ $status -eq 1 ] || { echo "FAILED $name: decode exited $status, expected 1"; cat "$dir/decode.err"; exit 1; }
  grep -qF "$expect" "$dir/decode.err" || { echo "FAILED $name: decode did not say '$expect':"; cat "$dir/decode.err"; exit 1; }
  echo "PASS $name: $(cat "$dir/decode.err")"
  exit 0
fi
exec "$qt" --name "$name" --kernel "$dir/kernel.elf32" --module "$elf" --expect "$expect" --end panic --timeout 60
