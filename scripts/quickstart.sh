#!/usr/bin/env bash
# From a fresh checkout to a first decision: install the build dependencies that are missing
# (Debian/Ubuntu, via apt-get), build, and evaluate the Chengdu worked example of SPEC §5a.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make pkg-config gcc g++ libc6-dev liblua5.4-dev libcmocka-dev libffi-dev)

# Install only what is missing, so a prepared machine needs neither root nor the network.
install_missing() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "quickstart: not a Debian-like system; make sure these are installed: $*" >&2
        return 0
    fi
    local missing=() p
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$p")
        fi
    done
    ((${#missing[@]} == 0)) && return 0
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "quickstart: missing packages, and not root to install them: ${missing[*]}" >&2
            return 1
        fi
        sudo=(sudo)
    fi
    echo "quickstart: installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

install_missing "${packages[@]}"

jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
cmake -S . -B build
cmake --build build -j "$jobs"

echo "+ ./build/cli/dwpolicy eval examples/cases/chengdu-serious-illness.json"
./build/cli/dwpolicy eval examples/cases/chengdu-serious-illness.json
