#!/bin/sh
# install_consumer.sh CMAKE BUILD_DIR CONSUMER_SRC WORK_DIR C_COMPILER GENERATOR [FLAGS]
#
# Installs the build into WORK_DIR/prefix, then builds consumer/ against that prefix three
# ways — CMake find_package(dwpolicy), CMake pkg_check_modules, and a plain compiler line with
# `pkg-config --cflags --libs dwpolicy` — and runs each program. FLAGS (e.g. the sanitizer
# options of the build) are added to the consumer's compile and link, because a sanitized
# library can only be loaded by a sanitized program.
set -eu

if [ "$#" -lt 6 ]; then
    echo "usage: $0 CMAKE BUILD_DIR CONSUMER_SRC WORK_DIR C_COMPILER GENERATOR [FLAGS]" >&2
    exit 2
fi
cmake=$1
build=$2
src=$3
work=$4
cc=$5
generator=$6
flags=${7:-}

# Show the log of a step only when it fails, so a passing test stays short.
step() { # NAME COMMAND...
    name=$1
    shift
    if "$@" > "$work/$name.log" 2>&1; then
        echo "ok: $name"
    else
        echo "FAIL: $name: $*" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
}

rm -rf "$work"
mkdir -p "$work"
prefix=$work/prefix

step install "$cmake" --install "$build" --prefix "$prefix"

lib=$(find "$prefix" -name 'libdwpolicy.so.*' -type f | head -n 1)
if [ -z "$lib" ]; then
    echo "FAIL: no libdwpolicy.so.* under $prefix" >&2
    exit 1
fi
libdir=$(dirname "$lib")
for f in "$libdir/libdwpolicy.so" "$libdir/pkgconfig/dwpolicy.pc" \
    "$libdir/cmake/dwpolicy/dwpolicyConfig.cmake" "$prefix/include/dwpolicy.h"; do
    if [ ! -e "$f" ]; then
        echo "FAIL: not installed: ${f#"$prefix"/}" >&2
        exit 1
    fi
done

LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
# Only the new prefix plus the system directories (lua5.4.pc is Requires.private).
PKG_CONFIG_PATH=$libdir/pkgconfig
export PKG_CONFIG_PATH
# `cmake --install --prefix` moves the files but not the configure-time prefix written into
# dwpolicy.pc, so relocate it as a packager would. (pkg-config's --define-variable=prefix is
# no substitute: it also rewrites the prefix of lua5.4.pc, which Requires.private pulls in.)
pc=$libdir/pkgconfig/dwpolicy.pc
# shellcheck disable=SC2016 # a literal ${pcfiledir}, as written in the .pc file
if ! grep -q '^prefix=${pcfiledir}' "$pc"; then
    sed "s|^prefix=.*|prefix=$prefix|" "$pc" > "$pc.tmp"
    mv "$pc.tmp" "$pc"
fi

# 1. find_package(dwpolicy)
step configure-find-package "$cmake" -S "$src" -B "$work/build-find-package" -G "$generator" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags"
step build-find-package "$cmake" --build "$work/build-find-package"
step run-find-package "$work/build-find-package/consumer"
cat "$work/run-find-package.log"

# 2. pkg_check_modules(dwpolicy), which runs pkg-config --cflags/--libs itself
step configure-pkg-check-modules "$cmake" -S "$src" -B "$work/build-pkg-check-modules" \
    -G "$generator" -DCMAKE_C_COMPILER="$cc" -DDWP_CONSUMER_USE_PKG_CONFIG=ON \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags"
step build-pkg-check-modules "$cmake" --build "$work/build-pkg-check-modules"
step run-pkg-check-modules "$work/build-pkg-check-modules/consumer"

# 3. The plain command line from the README: cc consumer.c $(pkg-config --cflags --libs dwpolicy)
if ! pc_flags=$(pkg-config --cflags --libs dwpolicy); then
    echo "FAIL: pkg-config --cflags --libs dwpolicy" >&2
    exit 1
fi
echo "pkg-config --cflags --libs dwpolicy: $pc_flags"
# shellcheck disable=SC2086 # the flags are deliberately split into words
step build-pkg-config "$cc" -std=c99 -Wall -Wextra -pedantic -Werror $flags \
    "$src/consumer.c" -o "$work/consumer-pkg-config" $pc_flags
step run-pkg-config "$work/consumer-pkg-config"

rm -rf "$work"
