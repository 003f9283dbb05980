#!/bin/sh
# The built binary end to end: options, exit codes, stdin, -o, and the man page staying honest.
# usage: cli_test.sh DBGSIFT SOURCE_ROOT
set -u
bin=$1
root=$2
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sample=$root/corpus/acceptance/seed002-myav.log
[ -f "$sample" ] || sample=$(find "$root/corpus" -name '*.log' -o -name '*.txt' | sort | head -n 1)

check() {  # check NAME EXPECTED_CODE ACTUAL_CODE
    if [ "$2" -ne "$3" ]; then
        echo "FAIL: $1: exit $3, expected $2"
        fails=$((fails + 1))
    else
        echo "ok: $1"
    fi
}

"$bin" --help >"$tmp/help" 2>&1; check "--help exits 0" 0 $?
grep -q -- "--format" "$tmp/help" || { echo "FAIL: --help lists no --format"; fails=$((fails + 1)); }
"$bin" --version >/dev/null 2>&1; check "--version exits 0" 0 $?
"$bin" --no-such-option "$sample" >/dev/null 2>"$tmp/err"; check "unknown option exits 2" 2 $?
grep -q "Try 'dbgsift --help'" "$tmp/err" || { echo "FAIL: usage error without a hint"; fails=$((fails + 1)); }
"$bin" >/dev/null 2>&1; check "no input exits 2" 2 $?
"$bin" --format yaml "$sample" >/dev/null 2>&1; check "unknown format exits 2" 2 $?
"$bin" --top 0 "$sample" >/dev/null 2>&1; check "--top 0 exits 2" 2 $?
"$bin" --fail-on bogus "$sample" >/dev/null 2>&1; check "unknown severity exits 2" 2 $?

# A missing file: exit 3 and a message naming it, while the other input is still reported.
"$bin" --format json "$tmp/missing.log" "$sample" >"$tmp/out.json" 2>"$tmp/err"; check "missing input exits 3" 3 $?
grep -q "missing.log" "$tmp/err" || { echo "FAIL: the error does not name the missing file"; fails=$((fails + 1)); }
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['inputs'])==2 and d['inputs'][1]['lines']>0" "$tmp/out.json" \
    || { echo "FAIL: the readable input was not reported next to the missing one"; fails=$((fails + 1)); }

# stdin gives the same conclusions as the file.
"$bin" --format json "$sample" | python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps([d['findings'], d['rankings']]).replace(sys.argv[1], '-'))" "$sample" >"$tmp/a"
"$bin" --format json - <"$sample" | python3 -c "import json,sys; d=json.load(sys.stdin); print(json.dumps([d['findings'], d['rankings']]))" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b"; check "stdin reads like a file" 0 $?

# NDJSON: one object per input.
lines=$("$bin" --format ndjson "$sample" "$sample" | wc -l); check "ndjson writes a line per input" 2 "$lines"

# -o writes atomically and leaves no temporary file behind.
"$bin" -o "$tmp/report.txt" "$sample"; check "-o exits 0" 0 $?
[ -s "$tmp/report.txt" ] && [ -z "$(ls "$tmp" | grep '\.tmp\.')" ]; check "-o leaves one complete file" 0 $?

# --fail-on: exit 1 when a finding reaches the severity, 0 when none does. seed003-leak.log's
# findings are both "high" (nonpaged-pool-exhaustion, pool-tag-leak): at the threshold and
# below it exit 1, above it exit 0. A file with no finding at all exits 0 even at "info".
leak=$root/corpus/acceptance/seed003-leak.log
"$bin" --fail-on high "$leak" >/dev/null 2>&1; check "--fail-on high, highest finding high: exits 1" 1 $?
"$bin" --fail-on medium "$leak" >/dev/null 2>&1; check "--fail-on medium, highest finding high: exits 1" 1 $?
"$bin" --fail-on critical "$leak" >/dev/null 2>&1; check "--fail-on critical, highest finding high: exits 0" 0 $?
printf '0: kd> !vm\n' >"$tmp/quiet.log"
"$bin" --fail-on info "$tmp/quiet.log" >/dev/null 2>&1; check "--fail-on info without any finding: exits 0" 0 $?

# --merge: NDJSON of two runs -> one summary counting both cases; a junk line is skipped.
{ "$bin" --format ndjson "$sample"; echo "not json"; "$bin" --format ndjson "$sample"; } >"$tmp/runs.ndjson" 2>/dev/null
"$bin" --merge --format json "$tmp/runs.ndjson" >"$tmp/merged.json" 2>"$tmp/err"; check "--merge exits 0" 0 $?
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['schema']=='dbgsift-merge/1' and d['cases']==2 and d['bad_lines']==1, d" "$tmp/merged.json"; check "--merge counts both cases and the junk line" 0 $?

# Determinism: the same bytes whatever the thread count or locale.
"$bin" --format json -j 1 "$root/corpus" >"$tmp/j1.json" 2>/dev/null
"$bin" --format json -j 2 "$root/corpus" >"$tmp/j2.json" 2>/dev/null
cmp -s "$tmp/j1.json" "$tmp/j2.json"; check "-j 1 and -j 2 give identical JSON" 0 $?
LC_ALL=C.UTF-8 LANG=de_DE.UTF-8 "$bin" --format json -j 2 "$root/corpus" >"$tmp/loc.json" 2>/dev/null
cmp -s "$tmp/j1.json" "$tmp/loc.json"; check "another locale gives identical JSON" 0 $?

# --pooltag: a pooltag.txt line names the owner of an unknown tag; a malformed line is a warning.
vista=$root/corpus/acceptance/seed002-vista-np.log
printf '// excerpt\nSaSc - sascan.sys - scanner buffers\nnot a pooltag line\n' >"$tmp/pooltag.txt"
"$bin" --format json --pooltag "$tmp/pooltag.txt" "$vista" >"$tmp/pt.json" 2>"$tmp/err"; check "--pooltag exits 0" 0 $?
grep -q "pooltag.txt:3" "$tmp/err"; check "--pooltag reports the malformed line" 0 $?
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert any(m['name']=='sascan.sys' for m in d['rankings']['modules']), d['rankings']['modules']" "$tmp/pt.json"; check "--pooltag names the owner module" 0 $?
"$bin" --pooltag "$tmp/none.txt" "$vista" >/dev/null 2>&1; check "a missing --pooltag file exits 3" 3 $?

# Every long option in --help is documented in the man page.
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
    grep -q -- "$opt" "$root/man/dbgsift.1.scd" || { echo "FAIL: $opt is not in man/dbgsift.1.scd"; fails=$((fails + 1)); }
done

echo "cli: $fails failed"
[ "$fails" -eq 0 ]
