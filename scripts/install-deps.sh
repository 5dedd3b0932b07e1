#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, only those that are missing, so
# that a prepared machine needs neither root nor the network. Used by scripts/quickstart.sh and
# .ci/run. Extra package names may be given as arguments (CI adds the sanitizer runtime).
set -euo pipefail

# libclang-rt-dev holds clang's sanitizer runtimes; clang only recommends it, and
# --no-install-recommends would otherwise leave ASan unlinkable.
# The bindings' tests: Python (pytest), Java (JDK, JNA, JUnit 4), Node (node and npm; koffi
# itself comes from the npm registry, pinned by bindings/node/package-lock.json).
packages=(cmake make pkg-config gcc g++ libc6-dev binutils liblua5.4-dev libcmocka-dev libffi-dev
          python3 python3-pytest python3-setuptools python3-pip python3-venv libjna-java junit4 "$@")
command -v javac >/dev/null 2>&1 || packages+=(openjdk-17-jdk-headless)
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: not a Debian-like system; make sure these are installed: ${packages[*]}" >&2
    exit 0
fi
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
((${#missing[@]} == 0)) && exit 0
sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: missing packages, and not root to install them: ${missing[*]}" >&2
        exit 1
    fi
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
