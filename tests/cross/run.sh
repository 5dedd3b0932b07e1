#!/usr/bin/env bash
# tests/cross/run.sh — every way of calling libdwpolicy gives the CLI's bytes.
#
# For each case in tests/cross/cases/*.json the reference is `dwpolicy eval CASE` (the CLI's
# stdout with exactly one trailing newline removed). Five other paths each evaluate all the
# cases in one process, writing one output file per case:
#
#   c-json    tests/cross/eval_c.c, dwp_eval_json()
#   c-result  the same program, dwp_eval_json_result() + dwp_result_json()
#   python    bindings/python, Engine().evaluate_json(text)      (eval_py.py)
#   java      bindings/java,   new Engine().evaluate(String)     (EvalJava.java)
#   node      bindings/node,   new Engine().evaluateJson(text)   (eval_node.js)
#
# Every output is compared byte for byte with the reference. Prints one line per binding, the
# first differing byte offset (0-based) of each case that differs, and finally
# "N passed, N failed" (N counts cases × the five bindings). A case whose result has undecided
# benefits (status "error": the CLI exits 1 and still prints the result) is compared like any
# other: each binding writes the result that its error carries.
#
# Builds nothing: expects build/ from `cmake -S . -B build && cmake --build build`.
# Exit status: 0 all identical; 1 a difference or a binding failed on a case; 2 something
# needed is missing (build, tool, JNA, koffi) or a setup step failed.
#
# Environment: DWPOLICY_BUILD_DIR (default <repo>/build), PYTHON (default /usr/bin/python3),
# JAVA_SHARE (default /usr/share/java, for jna.jar), CC (default cc), DWPOLICY_CROSS_TIMEOUT
# (seconds each binding may take for all the cases; default 300).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${DWPOLICY_BUILD_DIR:-$root/build}
libdir=$build/libdwpolicy
lib=$libdir/libdwpolicy.so.1
cli=$build/cli/dwpolicy
python=${PYTHON:-/usr/bin/python3}
jna=${JAVA_SHARE:-/usr/share/java}/jna.jar
cc=${CC:-cc}
bindings=(c-json c-result python java node)

die() { echo "cross: error: $*" >&2; exit 2; }

# ---- what is needed ------------------------------------------------------------------------
[[ -f $lib && -x $cli ]] || die "no build in $build ($lib, $cli); build it first:
    cmake -S . -B build && cmake --build build"
[[ -f $root/libdwpolicy/include/dwpolicy.h ]] || die "libdwpolicy/include/dwpolicy.h not found under $root"
for tool in "$cc" "$python" java javac node cmp od timeout; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: it is needed for this test (apt-get install gcc python3 openjdk-17-jdk-headless nodejs diffutils coreutils)"
done
[[ -f $jna ]] || die "$jna missing (apt-get install libjna-java)"
(cd "$root/bindings/node" && node -e "require('koffi')" >/dev/null 2>&1) \
    || die "koffi does not load in bindings/node: run (cd bindings/node && npm ci)"

cases=("$here"/cases/*.json)
[[ -f ${cases[0]} ]] || die "no cases in $here/cases"
names=()
for f in "${cases[@]}"; do names+=("$(basename "$f")"); done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dwpolicy-cross.XXXXXX") || die "mktemp -d failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$tmp/cli" "$tmp/log" "$tmp/java-classes"
for b in "${bindings[@]}"; do mkdir -p "$tmp/out/$b"; done

# Every process loads the same library: the CLI and eval_c through their run path, and
# LD_LIBRARY_PATH first in case another copy is installed; the bindings by DWPOLICY_LIBRARY.
export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export DWPOLICY_LIBRARY=$lib

echo "cross: ${#cases[@]} cases, library ${lib#"$root"/}"

# ---- reference: the CLI --------------------------------------------------------------------
for i in "${!cases[@]}"; do
    f=${cases[$i]} n=${names[$i]}
    "$cli" eval "$f" >"$tmp/cli/$n.raw" 2>"$tmp/log/cli-$n.err"
    rc=$?
    # 0: decided; 1: a result with undecided benefits, still printed. Anything else: no result.
    if [[ $rc -ne 0 && ( $rc -ne 1 || ! -s $tmp/cli/$n.raw ) ]]; then
        cat "$tmp/log/cli-$n.err" >&2
        die "dwpolicy eval $n exited $rc without a result: every case must evaluate"
    fi
    size=$(stat -c %s "$tmp/cli/$n.raw")
    last=$(tail -c 1 "$tmp/cli/$n.raw" | od -An -tx1 | tr -d ' \n')
    [[ $size -gt 1 && $last == 0a ]] || die "dwpolicy eval $n: output does not end with a newline"
    head -c $((size - 1)) "$tmp/cli/$n.raw" >"$tmp/cli/$n"
done

# ---- the five other paths, each one process for all cases -----------------------------------
run_driver() { # NAME COMMAND...: runs it, keeps stderr; a failure is reported, not fatal
    local name=$1; shift
    if ! timeout "${DWPOLICY_CROSS_TIMEOUT:-300}" "$@" 2>"$tmp/log/$name.err"; then
        echo "cross: $name exited with a failure:" >&2
        sed 's/^/    /' "$tmp/log/$name.err" >&2
    elif [[ -s $tmp/log/$name.err ]]; then
        echo "cross: $name wrote to stderr:" >&2
        sed 's/^/    /' "$tmp/log/$name.err" >&2
    fi
}

"$cc" -std=c11 -Wall -Wextra -O2 -I"$root/libdwpolicy/include" "$here/eval_c.c" \
    -L"$libdir" -ldwpolicy -Wl,-rpath,"$libdir" -o "$tmp/eval_c" \
    || die "compiling tests/cross/eval_c.c failed"
run_driver c-json "$tmp/eval_c" json "$tmp/out/c-json" "${cases[@]}"
run_driver c-result "$tmp/eval_c" result "$tmp/out/c-result" "${cases[@]}"

# -B: no __pycache__ in bindings/python.
run_driver python env PYTHONPATH="$root/bindings/python" PYTHONDONTWRITEBYTECODE=1 \
    "$python" -B "$here/eval_py.py" "$tmp/out/python" "${cases[@]}"

mapfile -t java_sources < <(find "$root/bindings/java/src/main/java" -name '*.java' | sort)
[[ ${#java_sources[@]} -gt 0 ]] || die "no Java sources in bindings/java/src/main/java"
javac --release 11 -encoding UTF-8 -nowarn -d "$tmp/java-classes" -cp "$jna" \
    "${java_sources[@]}" "$here/EvalJava.java" >"$tmp/log/javac.out" 2>&1 \
    || { cat "$tmp/log/javac.out" >&2; die "compiling the Java binding and EvalJava.java failed"; }
run_driver java java -Ddwpolicy.library="$lib" -cp "$tmp/java-classes:$jna" EvalJava \
    "$tmp/out/java" "${cases[@]}"

run_driver node node "$here/eval_node.js" "$root/bindings/node" "$tmp/out/node" "${cases[@]}"

# ---- compare ---------------------------------------------------------------------------------
snippet() { # FILE OFFSET: up to 24 bytes before OFFSET, [the byte at OFFSET in hex], 24 after
    local start=$(( $2 > 24 ? $2 - 24 : 0 )) before at after
    before=$(tail -c +$((start + 1)) "$1" | head -c $(($2 - start)) | od -An -c | tr -s ' \n' ' ')
    at=$(tail -c +$(($2 + 1)) "$1" | head -c 1 | od -An -tx1 | tr -d ' \n')
    after=$(tail -c +$(($2 + 2)) "$1" | head -c 24 | od -An -c | tr -s ' \n' ' ')
    printf '%s [%s] %s' "$before" "${at:-EOF}" "$after"
}

passed=0 failed=0 details=$tmp/log/details
for b in "${bindings[@]}"; do
    ok=0 bad=0
    : >"$details"
    for n in "${names[@]}"; do
        ref=$tmp/cli/$n out=$tmp/out/$b/$n
        if [[ ! -f $out ]]; then
            echo "    $n: no output file" >>"$details"
            bad=$((bad + 1)); continue
        fi
        if cmp -s -- "$ref" "$out"; then
            ok=$((ok + 1)); continue
        fi
        bad=$((bad + 1))
        rsize=$(stat -c %s "$ref") osize=$(stat -c %s "$out")
        first=$(cmp -l -- "$ref" "$out" 2>/dev/null | head -n 1)
        if [[ -n $first ]]; then
            read -r pos _ <<<"$first"
            offset=$((pos - 1))
        else # one is a prefix of the other
            offset=$(( rsize < osize ? rsize : osize ))
        fi
        {
            echo "    $n: first differing byte at offset $offset (CLI $rsize bytes, $b $osize bytes)"
            echo "        cli: $(snippet "$ref" "$offset")"
            echo "        $b: $(snippet "$out" "$offset")"
        } >>"$details"
    done
    if [[ $bad -eq 0 ]]; then
        printf 'ok    %-9s %d/%d byte-identical to the CLI\n' "$b" "$ok" "${#names[@]}"
    else
        printf 'FAIL  %-9s %d/%d byte-identical to the CLI, %d differ or missing\n' \
            "$b" "$ok" "${#names[@]}" "$bad"
        cat "$details"
    fi
    passed=$((passed + ok)) failed=$((failed + bad))
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
