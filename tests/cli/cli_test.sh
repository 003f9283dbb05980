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
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); c=d['cases']; assert len(c)==2 and c[0]['inputs'][0]['error'] and c[1]['inputs'][0]['lines']>0 and d['summary']['unreadable']==1" "$tmp/out.json" \
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

# --fail-on: exit 1 when a finding reaches the severity.
"$bin" --fail-on info "$sample" >/dev/null 2>&1; code=$?
"$bin" --format json "$sample" >"$tmp/sample.json" 2>/dev/null
if grep -q '"findings": \[\]' "$tmp/sample.json"; then check "--fail-on info without findings" 0 $code; else check "--fail-on info with findings" 1 $code; fi

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

# What one case is (issue 11). One input: exactly the single-case document (the golden file).
(cd "$root" && "$bin" --format json corpus/acceptance/seed003-leak.log) >"$tmp/one.json" 2>/dev/null
cmp -s "$tmp/one.json" "$root/tests/golden/expected/acceptance/seed003-leak.log.json"; check "one input gives the single-case JSON document" 0 $?

# A folder of unrelated logs: one report per file and an archive summary, never growth
# between files (joined, corpus/heap/ made "heap commit grew from 72K to 64912K").
heaps=$(find "$root/corpus/heap" -type f | wc -l)
"$bin" -j 2 "$root/corpus/heap" >"$tmp/heap.txt" 2>/dev/null
cases=$(grep -c '^==> case [0-9]*: ' "$tmp/heap.txt"); check "a folder prints one report per file" "$heaps" "$cases"
grep -q '^==> archive summary <==' "$tmp/heap.txt"; check "a folder ends with the archive summary" 0 $?
grep -q 'grew' "$tmp/heap.txt"; check "no growth is invented between unrelated files" 1 $?
"$bin" --format json "$root/corpus/heap" >"$tmp/heap.json" 2>/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); n=int(sys.argv[2]); assert d['schema']=='dbgsift/1' and len(d['cases'])==n and d['summary']['cases']==n and d['summary']['joined_cases']==0 and all(len(c['inputs'])==1 and 'join' not in c for c in d['cases']), d['summary']" "$tmp/heap.json" "$heaps"; check "a folder in JSON: a cases array and a summary" 0 $?
lines=$("$bin" --format ndjson "$root/corpus/heap" | wc -l); check "ndjson stays one line per input" "$heaps" "$lines"
"$bin" --format md "$root/corpus/heap" >"$tmp/heap.md" 2>/dev/null
cases=$(grep -c '^# Case [0-9]*: ' "$tmp/heap.md"); check "markdown prints one report per file" "$heaps" "$cases"

# --series: one machine's two files (corpus/heap/005 and 006, before and after) are one case
# and the growth between them is found; the reason is stated.
"$bin" --format json --series "$root/corpus/heap/005.txt" "$root/corpus/heap/006.txt" >"$tmp/series.json" 2>/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); j=d['join']; assert 'cases' not in d and len(d['inputs'])==2 and j['inputs'][0].endswith('005.txt') and j['reason'].startswith('--series'), d.get('join')" "$tmp/series.json"; check "--series joins two files into one case and says why" 0 $?
"$bin" --series "$root/corpus/heap/005.txt" "$root/corpus/heap/006.txt" 2>/dev/null | grep -q 'grew'; check "--series finds the growth between the files" 0 $?
"$bin" "$root/corpus/heap/005.txt" "$root/corpus/heap/006.txt" 2>/dev/null | grep -q 'grew'; check "without --series the two files are not compared" 1 $?

# Logs that prove one machine (same Machine Name, OS line and !vm physical memory) join on
# their own, ordered by the debug session time they print, whatever the argument order.
later=$root/corpus/series/002-two-hours-later.txt
"$bin" --format json "$later" "$root/corpus/session/002.txt" >"$tmp/proven.json" 2>/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); j=d['join']; assert j['inputs'][0].endswith('session/002.txt') and j['inputs'][1].endswith('002-two-hours-later.txt') and 'same computer name VMOA2024974-01' in j['reason'] and 'physical memory 2097038 pages' in j['reason'] and 'debug session time' in j['reason'], j" "$tmp/proven.json"; check "logs proving one machine are joined in session-time order" 0 $?
"$bin" "$later" "$root/corpus/session/002.txt" 2>/dev/null | grep -q '^One case of 2 inputs, joined because the logs prove one machine (same computer name'; check "the text report says which inputs were joined and why" 0 $?
"$bin" --format json "$later" "$root/corpus/vm/001.txt" >"$tmp/unproven.json" 2>/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d['cases'])==2" "$tmp/unproven.json"; check "a log that proves nothing is not joined" 0 $?

# --fail-on applies per case: a clean file beside a failing one still fails the run, and a
# folder fails only on what one case shows.
"$bin" --fail-on medium "$root/corpus/heap/002.txt" >/dev/null 2>&1; alone=$?
"$bin" --fail-on medium "$root/corpus/heap/002.txt" "$sample" >/dev/null 2>&1; both=$?
"$bin" --fail-on medium "$sample" >/dev/null 2>&1; check "--fail-on: the sample alone" 1 $?
check "--fail-on: any case at the severity fails the run" 1 $both
check "--fail-on: heap/002 alone has no medium finding" 0 $alone

# Every long option in --help is documented in the man page.
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
    grep -q -- "$opt" "$root/man/dbgsift.1.scd" || { echo "FAIL: $opt is not in man/dbgsift.1.scd"; fails=$((fails + 1)); }
done

echo "cli: $fails failed"
[ "$fails" -eq 0 ]
