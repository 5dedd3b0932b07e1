#!/usr/bin/env bash
# The test command of the README: configure (warnings are errors), build on every core, and
# run the whole ctest suite. Run from anywhere; it works in the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

cmake -S . -B build -DDWP_WERROR=ON
cmake --build build -j "$jobs"
ctest --test-dir build --output-on-failure
