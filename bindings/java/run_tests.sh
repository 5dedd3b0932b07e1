#!/usr/bin/env bash
# Builds the Java binding with plain javac (JNA and JUnit 4 from Debian: apt-get install
# libjna-java junit4) and runs its tests against the library in the build directory. Ends with
# the line "N passed, N failed"; exits non-zero when a test fails.
#
# Environment: DWPOLICY_BUILD_DIR (default <repo>/build; the library is built there with cmake
# when missing), DWPOLICY_LIBRARY (default $DWPOLICY_BUILD_DIR/libdwpolicy/libdwpolicy.so.1),
# DWPOLICY_CLI (default $DWPOLICY_BUILD_DIR/cli/dwpolicy), JAVA_SHARE (default /usr/share/java).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${DWPOLICY_BUILD_DIR:-$root/build}
lib=${DWPOLICY_LIBRARY:-$build/libdwpolicy/libdwpolicy.so.1}
cli=${DWPOLICY_CLI:-$build/cli/dwpolicy}
share=${JAVA_SHARE:-/usr/share/java}
jna=$share/jna.jar
junit=$share/junit4.jar:$share/hamcrest-core.jar

for jar in "$share/jna.jar" "$share/junit4.jar" "$share/hamcrest-core.jar"; do
    [[ -f $jar ]] || { echo "run_tests: $jar missing (apt-get install libjna-java junit4)" >&2; exit 2; }
done
if [[ ! -f $lib || ! -x $cli ]]; then
    echo "run_tests: building libdwpolicy in $build"
    cmake -S "$root" -B "$build" >/dev/null
    cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target dwpolicy dwpolicy_cli
fi

out=$here/build
rm -rf "$out"
mkdir -p "$out/classes" "$out/test-classes" "$out/examples"
cd "$here"
javac --release 11 -encoding UTF-8 -Xlint:all -Werror -d "$out/classes" -cp "$jna" \
    $(find src/main/java -name '*.java')
jar --create --file "$out/dwpolicy.jar" -C "$out/classes" .
javac --release 11 -encoding UTF-8 -d "$out/test-classes" -cp "$out/dwpolicy.jar:$jna:$junit" \
    $(find src/test/java -name '*.java')
javac --release 11 -encoding UTF-8 -Xlint:all -Werror -d "$out/examples" \
    -cp "$out/dwpolicy.jar:$jna" examples/Evaluate.java bench/Bench.java

exec java -Ddwpolicy.library="$lib" -Ddwpolicy.root="$root" -Ddwpolicy.cli="$cli" \
    -Ddwpolicy.examples.cp="$out/examples:$out/dwpolicy.jar:$jna" \
    -cp "$out/test-classes:$out/dwpolicy.jar:$jna:$junit" cn.sc.dwpolicy.TestMain
