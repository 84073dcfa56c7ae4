#!/bin/sh
# Builds an image, rewrites one field of the spec embedded in its loader.elf and recomputes the
# spec's CRC-32 (so the lie gets past the checksum to the checks behind it), then checks that
# `capdl-tool decode` refuses it with the validator's text and that the loader, booted, refuses
# it with its message before creating anything and stops QEMU with the failure status.
# usage: lying_spec.sh CAPDL_TOOL QEMU_TEST DIR EXPECT NAME LIE TEXT SYSTEM.yaml [build args...]
#   LIE: version4 (a format 4 header), cap_slot (the first cap's slot word at the largest slot,
#        2^28 - 1), num_caps (the first object's cap count at 65,535); TEXT: what decode says.
set -u
tool=$1; qt=$2; dir=$3; expect=$4; name=$5; lie=$6; text=$7; shift 7
rm -rf "$dir"
"$tool" build "$@" -o "$dir" >/dev/null || { echo "FAILED $name: build failed"; exit 1; }
elf=$dir/loader.elf
off=$(readelf -SW "$elf" | sed -n 's/.*\.capdl_blob *PROGBITS *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
[ -n "$off" ] || { echo "FAILED $name: no .capdl_blob section in $elf"; exit 1; }
# The spec starts 48 bytes into the blob (capdl/blob.h); its header (capdl/spec.h): version at 4,
# total size at 8, CRC-32 of [16, total) at 12, the (offset, count) table list from 40, objects
# first, caps second; an object's num_caps at byte 2 of its record, a cap's slot word at byte 0.
/usr/bin/python3 - "$elf" $((0x$off + 48)) "$lie" <<'PY' || { echo "FAILED $name: patching failed"; exit 1; }
import struct, sys, zlib
path, base, lie = sys.argv[1], int(sys.argv[2]), sys.argv[3]
b = bytearray(open(path, 'rb').read())
total = struct.unpack_from('<I', b, base + 8)[0]
objects = struct.unpack_from('<I', b, base + 40)[0]
caps = struct.unpack_from('<I', b, base + 48)[0]
if lie == 'version4':
    struct.pack_into('<H', b, base + 4, 4)
elif lie == 'cap_slot':
    word = struct.unpack_from('<I', b, base + caps)[0]
    struct.pack_into('<I', b, base + caps, 0xfffffff0 | (word & 15))
elif lie == 'num_caps':
    struct.pack_into('<H', b, base + objects + 2, 0xffff)
else:
    sys.exit('unknown lie ' + lie)
struct.pack_into('<I', b, base + 12, zlib.crc32(bytes(b[base + 16:base + total])) & 0xffffffff)
open(path, 'wb').write(b)
PY
"$tool" decode "$elf" > "$dir/decode.out" 2>&1
status=$?
[ $status -eq 1 ] || { echo "FAILED $name: decode exited $status, expected 1"; cat "$dir/decode.out"; exit 1; }
grep -qF "$text" "$dir/decode.out" || { echo "FAILED $name: decode did not say '$text':"; cat "$dir/decode.out"; exit 1; }
exec "$qt" --name "$name" --kernel "$dir/kernel.elf32" --module "$elf" --expect "$expect" --end panic --timeout 60
