#!/usr/bin/env bash
# tests/cli/batch.sh DWPOLICY — checks `dwpolicy batch` (SPEC §8):
#  - one output line per input line, in input order, the same with 1 and 4 threads and across
#    block boundaries (5,000 lines);
#  - a line's result is byte-identical to `dwpolicy eval` of that line;
#  - a line with no result (not JSON, not a case, empty) becomes {"line":N,…} naming its line;
#  - exit 1 when a line is bad or a rule errored, 0 when all is well, 2 for usage and I/O errors;
#  - -o writes the same as standard output, and - reads standard input.
set -u
dwp=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

good() { # a compact, valid case with case_id $1 in region $2
  printf '{"case_id":"%s","as_of":"2026-03-01","region":"%s","area":"urban","child":{"birth_date":"2012-05-20","serious_illness":true,"monthly_income_fen":0,"guardianship":"adequate"},"household":{"status":"dibao","size":3,"monthly_benefit_fen":82600}}' "$1" "$2"
}

{
  good A 510104; echo
  echo '{"case_id":'                                   # line 2: not JSON
  echo                                                  # line 3: empty
  echo '{"case_id":"E","as_of":"2001-01-01","region":"510104","child":{"birth_date":"1995-01-01"}}' # 4: rule error, with a result
  echo '{"case_id":"S","as_of":"2026-02-30","region":"510104"}'  # line 5: not a case
  good B 510802; printf '\r\n'                         # line 6: CRLF ending
  good C 513401                                        # line 7: no final newline
} > "$tmp/in.jsonl"

"$dwp" batch --threads 1 "$tmp/in.jsonl" > "$tmp/out1" 2> "$tmp/err1"; rc1=$?
"$dwp" batch --threads 4 --lang en "$tmp/in.jsonl" -o "$tmp/out4" 2> "$tmp/err4"; rc4=$?
[ "$rc1" = 1 ] || fail "exit status $rc1 with bad lines, want 1"
[ "$rc4" = 1 ] || fail "exit status $rc4 with bad lines (4 threads), want 1"
[ "$(wc -l < "$tmp/out1")" = 7 ] || fail "$(wc -l < "$tmp/out1") output lines for 7 input lines"
grep -qF '7 lines: 4 results (1 with rule errors), 3 bad lines (the first: line 2)' "$tmp/err4" ||
  fail "summary: $(cat "$tmp/err4")"
grep -q '共 7 行' "$tmp/err1" || fail "no Chinese summary: $(cat "$tmp/err1")"

# Line by line against dwpolicy eval (zh): results identical, error lines name their line.
n=0
while IFS= read -r line || [ -n "$line" ]; do
  n=$((n + 1))
  got=$(sed -n "${n}p" "$tmp/out1")
  printf '%s' "${line%$'\r'}" > "$tmp/case.json"
  want=$("$dwp" eval "$tmp/case.json" 2> /dev/null)
  if [ -n "$want" ]; then
    [ "$got" = "$want" ] || fail "line $n: batch result differs from eval"
  else
    case "$got" in
      "{\"line\":$n,\"status\":"*) ;;
      *) fail "line $n: want an error line naming line $n, got ${got:0:80}" ;;
    esac
  fi
done < "$tmp/in.jsonl"
[ "$n" = 7 ] || fail "read $n input lines, want 7"

# Threads and languages: the English run differs in text only; compare its structure via
# the case ids, and the zh run with 4 threads byte for byte.
"$dwp" batch --threads 4 "$tmp/in.jsonl" > "$tmp/out4zh" 2> /dev/null
cmp -s "$tmp/out1" "$tmp/out4zh" || fail "1 and 4 threads differ"
[ "$(grep -o '"case_id":"[A-Z]*"' "$tmp/out4" | tr '\n' ' ')" = \
  '"case_id":"A" "case_id":"E" "case_id":"B" "case_id":"C" ' ] || fail "-o output out of order"

# Standard input, and a file where every line is good: exit 0.
{ good X 510104; echo; good Y 510104; echo; } > "$tmp/ok.jsonl"
"$dwp" batch - < "$tmp/ok.jsonl" > "$tmp/ok.out" 2> /dev/null; rc=$?
[ "$rc" = 0 ] || fail "exit status $rc for good lines from standard input, want 0"
[ "$(wc -l < "$tmp/ok.out")" = 2 ] || fail "standard input: $(wc -l < "$tmp/ok.out") lines, want 2"

# More lines than one block: order kept, every line answered.
for ((i = 1; i <= 5000; i++)); do good "L$i" 510104; echo; done > "$tmp/many.jsonl"
"$dwp" batch --threads 4 "$tmp/many.jsonl" > "$tmp/many.out" 2> /dev/null; rc=$?
[ "$rc" = 0 ] || fail "exit status $rc for 5,000 good lines"
grep -o '^{"case_id":"L[0-9]*"' "$tmp/many.out" | sed 's/.*"L\([0-9]*\)"/\1/' > "$tmp/ids"
seq 1 5000 | cmp -s - "$tmp/ids" || fail "5,000 lines: results out of order or missing"

# Usage and I/O errors: exit 2.
"$dwp" batch "$tmp/missing.jsonl" > /dev/null 2>&1; [ $? = 2 ] || fail "missing input: want exit 2"
"$dwp" batch --threads 0 "$tmp/ok.jsonl" > /dev/null 2>&1; [ $? = 2 ] || fail "--threads 0: want exit 2"
"$dwp" batch > /dev/null 2>&1; [ $? = 2 ] || fail "no input: want exit 2"

if [ "$failures" = 0 ]; then echo "batch: all checks passed"; else echo "batch: $failures failed"; exit 1; fi
