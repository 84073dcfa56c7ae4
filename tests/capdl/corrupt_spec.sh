#!/bin/sh
# Builds an image, flips four bytes inside the spec embedded in its loader.elf (the spec starts
# 48 bytes into the .capdl_blob section, capdl/blob.h) and boots it: the loader must refuse the
# spec before creating anything and stop QEMU with the failure status.
# usage: corrupt_spec.sh CAPDL_TOOL QEMU_TEST DIR EXPECT SYSTEM.yaml [build args...]
set -u
tool=$1; qt=$2; dir=$3; expect=$4; shift 4
rm -rf "$dir"
"$tool" build "$@" -o "$dir" || { echo "corrupt_spec: build failed"; exit 1; }
off=$(readelf -SW "$dir/loader.elf" | sed -n 's/.*\.capdl_blob *PROGBITS *[0-9a-f]* \([0-9a-f]*\) .*/\1/p')
[ -n "$off" ] || { echo "corrupt_spec: no .capdl_blob section in $dir/loader.elf"; exit 1; }
pos=$((0x$off + 48 + 200))
printf '\125\252\125\252' | dd of="$dir/loader.elf" bs=1 seek="$pos" conv=notrunc 2>/dev/null
exec "$qt" --name capdl_loader_corrupt_spec --kernel "$dir/kernel.elf32" --module "$dir/loader.elf" \
    --expect "$expect" --end panic --timeout 60
