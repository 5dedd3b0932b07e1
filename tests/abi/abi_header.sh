#!/bin/sh
# abi_header.sh INCLUDE_DIR SOURCE_DIR [BUILT_PROGRAM...]
#
# Runs the header-test programs that the build compiled with its own compilers (each checks
# that the loaded library matches the header), then compiles the header test again with every
# other compiler present — gcc, clang as C99/C11; g++, clang++ as C++11/17 — so a header that
# only one compiler accepts is caught whichever compiler built the project.
set -eu

if [ "$#" -lt 2 ]; then
    echo "usage: $0 INCLUDE_DIR SOURCE_DIR [BUILT_PROGRAM...]" >&2
    exit 2
fi
inc=$1
src=$2
shift 2
status=0
compiled=0

for prog in "$@"; do
    if "$prog"; then
        echo "ok: ran $(basename "$prog")"
    else
        echo "FAIL: $(basename "$prog") exited with $?" >&2
        status=1
    fi
done

flags="-fsyntax-only -Wall -Wextra -pedantic -Werror -Wundef"
check() { # COMPILER STD SOURCE EXTRA_FLAGS
    if ! command -v "$1" > /dev/null 2>&1; then
        echo "skip: $1 not installed"
        return 0
    fi
    # shellcheck disable=SC2086 # flags are deliberately split
    if "$1" -std="$2" $flags $4 -I"$inc" "$src/$3"; then
        echo "ok: $1 -std=$2"
        compiled=$((compiled + 1))
    else
        echo "FAIL: <dwpolicy.h> does not compile cleanly with $1 -std=$2" >&2
        status=1
    fi
}
for cc in gcc clang; do
    for std in c99 c11; do check "$cc" "$std" header_test.c -Wstrict-prototypes; done
done
for cxx in g++ clang++; do
    for std in c++11 c++17; do check "$cxx" "$std" header_test.cpp ""; done
done

if [ "$compiled" -eq 0 ]; then
    echo "FAIL: no compiler found to check the header with" >&2
    status=1
fi
exit "$status"
