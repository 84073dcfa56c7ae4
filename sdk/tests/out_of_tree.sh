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
# An MCS system (PROJECT/../hello_mcs_sdk): its components built with the installed MCS runtime
# and libsel4 (capdl_component(... MCS)), the image with the installed MCS kernel and loader,
# booted by the installed tool, which finds them itself (no CAPDL_*_MCS from the environment).
mcs_project=$(cd "$project/../hello_mcs_sdk" && pwd)
cmake -S "$mcs_project" -B "$work/build-mcs" -DCMAKE_PREFIX_PATH="$work/sdk" >"$work/configure-mcs.log"
cmake --build "$work/build-mcs" >"$work/build-mcs.log"
cmp "$work/build-mcs/images/hello_mcs_sdk/kernel.elf32" "$work/sdk/share/capdl/kernel-mcs.elf32" ||
  { echo "out_of_tree: the MCS image's kernel is not the installed MCS kernel" >&2; exit 1; }
env -u CAPDL_KERNEL_MCS -u CAPDL_LOADER_MCS "$work/sdk/bin/capdl-tool" run "$mcs_project/system.yaml" -o "$work/run-mcs" \
  --elf "sdk_mcs_server.elf=$work/build-mcs/sdk_mcs_server.elf" --elf "sdk_mcs_client.elf=$work/build-mcs/sdk_mcs_client.elf" \
  --expect "$mcs_project/expected" --end halt --timeout 60
cmp "$work/run-mcs/kernel.elf32" "$work/sdk/share/capdl/kernel-mcs.elf32" ||
  { echo "out_of_tree: the installed tool did not take the installed MCS kernel" >&2; exit 1; }
# With the AArch64 build, the installed tool boots an AArch64 system (the tree's ipc example,
# its components from the build) with the installed AArch64 kernel and loader, and the same
# hello_sdk project, configured with the SDK's AArch64 toolchain file, builds its components
# with the installed AArch64 libsel4 and runtime and boots.
a64=$build/aarch64/examples
if [ -f "$work/sdk/share/capdl/kernel-aarch64.elf" ]; then
  test -f "$work/sdk/share/capdl/capdl-loader-aarch64.elf" || { echo "out_of_tree: no AArch64 loader installed" >&2; exit 1; }
  spec=$(cd "$project/../../.." && pwd)/specs/ipc
  env -u CAPDL_KERNEL_AARCH64 -u CAPDL_LOADER_AARCH64 "$work/sdk/bin/capdl-tool" run "$spec/ipc.yaml" -o "$work/run-aarch64" \
    --elf "example_echo_server.elf=$a64/example_echo_server.elf" --elf "example_echo_client.elf=$a64/example_echo_client.elf" \
    --expect "$spec/expected" --end any --until-match --timeout 60
  cmp "$work/run-aarch64/kernel.elf" "$work/sdk/share/capdl/kernel-aarch64.elf" ||
    { echo "out_of_tree: the AArch64 image's kernel is not the installed one" >&2; exit 1; }
  cmake -S "$project" -B "$work/build-aarch64" -DCMAKE_PREFIX_PATH="$work/sdk" \
    -DCMAKE_TOOLCHAIN_FILE="$work/sdk/lib/cmake/capdl-sdk/toolchain-aarch64.cmake" >"$work/configure-aarch64.log"
  cmake --build "$work/build-aarch64" >"$work/build-aarch64.log"
  cmp "$work/build-aarch64/images/hello_sdk/kernel.elf" "$work/sdk/share/capdl/kernel-aarch64.elf" ||
    { echo "out_of_tree: the AArch64 hello_sdk image's kernel is not the installed AArch64 kernel" >&2; exit 1; }
  "$work/sdk/bin/capdl-tool" run "$project/system.yaml" -o "$work/run-hello-aarch64" \
    --elf "sdk_server.elf=$work/build-aarch64/sdk_server.elf" --elf "sdk_client.elf=$work/build-aarch64/sdk_client.elf" \
    --expect "$project/expected" --end halt --timeout 60
fi
