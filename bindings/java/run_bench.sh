#!/usr/bin/env bash
# Microseconds per case through the Java binding, serially and with 2 threads sharing one
# engine. Builds the binding first (run_tests.sh's build step). Usage: run_bench.sh [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${DWPOLICY_BUILD_DIR:-$root/build}
lib=${DWPOLICY_LIBRARY:-$build/libdwpolicy/libdwpolicy.so.1}
share=${JAVA_SHARE:-/usr/share/java}
jna=$share/jna.jar
out=$here/build/bench
[[ -f $lib ]] || { echo "run_bench: $lib missing; build the library first" >&2; exit 2; }
rm -rf "$out"
mkdir -p "$out"
cd "$here"
javac --release 11 -encoding UTF-8 -d "$out" -cp "$jna" $(find src/main/java -name '*.java') \
    bench/Bench.java
exec java -Ddwpolicy.library="$lib" -cp "$out:$jna" Bench "$root/examples/cases" "${1:-50000}"
