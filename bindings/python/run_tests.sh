#!/usr/bin/env bash
# Run the Python binding's tests against an existing build (this script builds nothing).
#
#   bindings/python/run_tests.sh [BUILD_DIR] [pytest arguments…]
#
# BUILD_DIR defaults to the repository's build/ (what `cmake -S . -B build` makes). The
# library is taken from BUILD_DIR/libdwpolicy/libdwpolicy.so.1 through DWPOLICY_LIBRARY, and
# the tests compare with BUILD_DIR/cli/dwpolicy. Needs Debian's python3-pytest (and
# python3-setuptools for the packaging test). The exit status is pytest's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$here/../../build}"
[ $# -gt 0 ] && shift
build="$(cd "$build" && pwd)"
lib="$build/libdwpolicy/libdwpolicy.so.1"
if [ ! -e "$lib" ]; then
    echo "run_tests.sh: no $lib; build the library first (cmake --build $build)" >&2
    exit 2
fi
export DWPOLICY_LIBRARY="$lib"
export DWPOLICY_BUILD_DIR="$build"
cd "$repo"
# -p no:cacheprovider: leave no .pytest_cache in the tree.
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider bindings/python/tests "$@"
