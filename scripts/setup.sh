#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those missing. Safe to run again.
# Used by boot-example.sh, test.sh and .ci/run; runs apt-get as root or through sudo.
set -euo pipefail

packages=(build-essential cmake pkg-config libyaml-dev libelf-dev libcmocka-dev qemu-system-x86 clang libclang-rt-14-dev
          grub-pc-bin grub-common xorriso mtools libyaml-0-2 libgmp10 libffi8 python3-jsonschema python3-yaml
          python3-pyelftools python3-sortedcontainers python3-six python3-ordered-set python3-future
          gcc-aarch64-linux-gnu qemu-system-arm device-tree-compiler)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
