#!/bin/sh
# check_exports.sh LIB MAP SONAME
#
# The shared library must export exactly the names in the `global:` section of the linker
# version script (jansson's check-exports): an extra name is an unplanned ABI promise (or a
# leaked Lua/libffi symbol), a missing one breaks every binding. Also checks the SONAME, which
# changes only on an ABI break. NM and READELF may be set to use other binutils.
set -eu

if [ "$#" -ne 3 ]; then
    echo "usage: $0 LIB MAP SONAME" >&2
    exit 2
fi
lib=$1
map=$2
want_soname=$3
NM=${NM:-nm}
READELF=${READELF:-readelf}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
status=0

# Tokenise the map: drop /* */ and # comments, split braces and semicolons into their own
# tokens, then take the names between `global:` and `local:`. The node name is the first
# token before the first `{`.
awk '
    { sub(/#.*/, ""); line = line " " $0 }
    END {
        gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", line)
        gsub(/[{};]/, " & ", line)
        n = split(line, tok, /[ \t\r\n]+/)
        in_global = 0; depth = 0
        for (i = 1; i <= n; i++) {
            t = tok[i]
            if (t == "") continue
            if (t == "{") { depth++; continue }
            if (t == "}") { depth--; in_global = 0; continue }
            if (t == ";") continue
            if (depth == 0) { if (node == "") node = t; continue }
            if (t == "global:") { in_global = 1; continue }
            if (t == "local:") { in_global = 0; continue }
            if (in_global) print "sym " t
        }
        print "node " node
    }' "$map" > "$tmp/map.tokens"

node=$(sed -n 's/^node //p' "$tmp/map.tokens")
sed -n 's/^sym //p' "$tmp/map.tokens" | sort -u > "$tmp/expected"
if [ -z "$node" ] || [ ! -s "$tmp/expected" ]; then
    echo "FAIL: could not read a version node with a global: list from $map" >&2
    exit 1
fi
if grep '[*?[]' "$tmp/expected" > "$tmp/globs"; then
    echo "FAIL: $map: global: must list exact names, not patterns:" >&2
    sed 's/^/    /' "$tmp/globs" >&2
    status=1
fi

# Defined dynamic symbols. Recent binutils print versioned names as name@@NODE.
if ! "$NM" -D --defined-only "$lib" > "$tmp/nm.out"; then
    echo "FAIL: $NM -D --defined-only $lib failed" >&2
    exit 1
fi
awk -v node="$node" '
    NF >= 2 {
        name = $NF; type = $(NF - 1); ver = ""
        at = index(name, "@")
        if (at > 0) { ver = substr(name, at); name = substr(name, 1, at - 1) }
        if (type == "A" && name == node) next   # the version node itself
        print name > "/dev/stdout"
        if (ver != "" && ver != "@@" node && ver != "@" node)
            print name ver > "/dev/stderr"
    }' "$tmp/nm.out" 2> "$tmp/badver" | sort -u > "$tmp/actual"

comm -13 "$tmp/expected" "$tmp/actual" > "$tmp/extra"
comm -23 "$tmp/expected" "$tmp/actual" > "$tmp/missing"
if [ -s "$tmp/extra" ]; then
    echo "FAIL: exported by $(basename "$lib") but not in $(basename "$map") global:" >&2
    sed 's/^/    /' "$tmp/extra" >&2
    status=1
fi
if [ -s "$tmp/missing" ]; then
    echo "FAIL: in $(basename "$map") global: but not exported by $(basename "$lib"):" >&2
    sed 's/^/    /' "$tmp/missing" >&2
    status=1
fi
if [ -s "$tmp/badver" ]; then
    echo "FAIL: exported with a version other than $node:" >&2
    sed 's/^/    /' "$tmp/badver" >&2
    status=1
fi

if ! "$READELF" -d "$lib" > "$tmp/dynamic"; then
    echo "FAIL: $READELF -d $lib failed" >&2
    exit 1
fi
soname=$(sed -n 's/.*(SONAME).*\[\(.*\)\].*/\1/p' "$tmp/dynamic")
if [ "$soname" != "$want_soname" ]; then
    echo "FAIL: SONAME is '${soname:-(none)}', expected '$want_soname'" >&2
    status=1
fi

if [ "$status" -eq 0 ]; then
    echo "ok: $(wc -l < "$tmp/actual" | tr -d ' ') exported names match $(basename "$map") ($node); SONAME $soname"
fi
exit "$status"
