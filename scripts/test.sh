#!/usr/bin/env bash
# The test command of the README: configure (warnings are errors), build on every core, run
# the whole ctest suite (C library, rules, CLI, examples), then the tests of the Python, Java
# and Node bindings against that build. Run from anywhere; it works in the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

cmake -S . -B build -DDWP_WERROR=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure

echo "== Python binding"
bindings/python/run_tests.sh build
echo "== Java binding"
DWPOLICY_BUILD_DIR="$PWD/build" bindings/java/run_tests.sh
echo "== Node binding"
DWPOLICY_BUILD_DIR="$PWD/build" bindings/node/run_tests.sh
echo "== The same 20 cases through the CLI, C (JSON and result handle), Python, Java and Node"
tests/cross/run.sh
