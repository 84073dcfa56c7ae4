#!/bin/sh
# The SDK test: installs the SDK from BUILD into WORK/sdk, configures and builds the project
# PROJECT (a system outside the tree) against it with find_package(capdl-sdk), then boots the
# image with the installed capdl-tool and checks the output against PROJECT/expected.
# usage: out_of_tree.sh BUILD WORK PROJECT
set -eu
build=$1 work=$2 project=$3
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/sdk" >"$work/install.log"
# Only the SDK: nothing from the tree or its build is on the project's paths.
cmake -S "$project" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/sdk" >"$work/configure.log"
cmake --build "$work/build" >"$work/build.log"
image=$work/build/images/hello_sdk
for f in kernel.elf32 loader.elf run hello_sdk.cdl; do
  test -f "$image/$f" || { echo "out_of_tree: $image/$f was not built" >&2; exit 1; }
done
"$work/sdk/bin/capdl-tool" run "$project/system.yaml" -o "$work/run" \
  --elf "sdk_server.elf=$work/build/sdk_server.elf" --elf "sdk_client.elf=$work/build/sdk_client.elf" \
  --expect "$project/expected" --end halt --timeout 60
