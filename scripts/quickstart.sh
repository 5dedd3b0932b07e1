#!/usr/bin/env bash
# From a fresh checkout to a first decision: install the missing build dependencies (Debian,
# apt-get), build, and evaluate the 成都 worked example of SPEC §5a with the embedded rules.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
cmake -S . -B build
cmake --build build -j "$jobs"

echo "+ ./build/cli/dwpolicy eval --format text examples/cases/chengdu-serious-illness.json"
./build/cli/dwpolicy eval --format text examples/cases/chengdu-serious-illness.json
echo "+ ./build/cli/dwpolicy eval examples/cases/chengdu-serious-illness.json"
./build/cli/dwpolicy eval examples/cases/chengdu-serious-illness.json
