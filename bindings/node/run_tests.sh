#!/usr/bin/env bash
# Installs the Node binding's dependency (koffi, from the npm registry, as pinned by
# package-lock.json) and runs its tests with node's test runner against the library in the
# build directory. Needs node >= 18 and npm.
#
# Environment: DWPOLICY_BUILD_DIR (default <repo>/build; the library is built there with cmake
# when missing), DWPOLICY_LIBRARY (default $DWPOLICY_BUILD_DIR/libdwpolicy/libdwpolicy.so.1),
# DWPOLICY_CLI (default $DWPOLICY_BUILD_DIR/cli/dwpolicy).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${DWPOLICY_BUILD_DIR:-$root/build}
export DWPOLICY_LIBRARY=${DWPOLICY_LIBRARY:-$build/libdwpolicy/libdwpolicy.so.1}
export DWPOLICY_CLI=${DWPOLICY_CLI:-$build/cli/dwpolicy}

if [[ ! -f $DWPOLICY_LIBRARY || ! -x $DWPOLICY_CLI ]]; then
    echo "run_tests: building libdwpolicy in $build"
    cmake -S "$root" -B "$build" >/dev/null
    cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target dwpolicy dwpolicy_cli
fi

cd "$here"
# npm ci installs exactly what package-lock.json pins; skipped when node_modules is already
# that install (npm writes node_modules/.package-lock.json) and koffi loads.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]] \
        || ! node -e "require('koffi')" 2>/dev/null; then
    npm ci --no-audit --no-fund
fi

exec node --test test/*.test.js
