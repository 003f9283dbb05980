#!/bin/sh
# The built binary end to end: options, exit codes, stdin, -o, and the man page staying honest.
# usage: cli_test.sh DBGSIFT SOURCE_ROOT
set -u
# Absolute: some checks run from the source root, and meson may pass "./dbgsift".
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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
"$bin" --version >"$tmp/version" 2>&1; check "--version exits 0" 0 $?
grep -Eq "^allocator: (mimalloc [0-9]+\.[0-9]+\.[0-9]+|system \(C library\))$" "$tmp/version" ||
    { echo "FAIL: --version names no allocator"; fails=$((fails + 1)); }
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
# seed002-myav.log has findings (high-contention, paged-pool-exhaustion); poolused/006.txt none.
"$bin" --fail-on info "$root/corpus/acceptance/seed002-myav.log" >/dev/null 2>&1; check "--fail-on info with findings exits 1" 1 $?
"$bin" --fail-on info "$root/corpus/poolused/006.txt" >/dev/null 2>&1; check "--fail-on info without findings exits 0" 0 $?
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

# Issue 13: honest verdicts. Each check asserts the exact message and exit code.
expect_line() {  # expect_line NAME FILE EXACT_LINE
    if grep -qxF -- "$3" "$2"; then echo "ok: $1"; else
        echo "FAIL: $1: no line '$3' in:"; sed 's/^/    /' "$2"; fails=$((fails + 1)); fi
}
: >"$tmp/empty.log"
"$bin" "$tmp/empty.log" >"$tmp/out" 2>&1; check "an empty file exits 0" 0 $?
expect_line "an empty file gets no 'no leak' verdict" "$tmp/out" "  Nothing dbgsift can read here (0 blocks of known commands)."
printf '\000\001\002\377\376binary\000' >"$tmp/binary.bin"
"$bin" "$tmp/binary.bin" >"$tmp/out" 2>&1
expect_line "a binary file gets no 'no leak' verdict" "$tmp/out" "  Nothing dbgsift can read here (0 blocks of known commands)."
# "Virtual block:" lines under a !heap -s row are read, not diagnosed; a heap corruption report
# is a finding of its own (corruption is not a leak) and fails a high --fail-on.
printf '0:000> !heap -s\n  Heap     Flags   Reserv  Commit  Virt   Free  List   UCR  Virt  Lock  Fast \n                    (k)     (k)    (k)     (k) length      blocks cont. heap \n-----------------------------------------------------------------------------\n00150000 00000002   16384  13788  13872    252    38     1    1      0   L  \n    Virtual block: 01750000 - 01750000 (size 00000000)\n' >"$tmp/vblock.log"
"$bin" "$tmp/vblock.log" >"$tmp/out" 2>&1
expect_line "Virtual block lines are read, not diagnosed" "$tmp/out" "dbgsift: 1 input, 6 lines, 1 command blocks, 1 snapshot; read 2 of 2 lines of known commands (100%), 0 diagnostics"
"$bin" --fail-on high "$root/corpus/heap_failure/001.txt" >"$tmp/out" 2>&1; check "a heap corruption report fails --fail-on high" 1 $?
grep -q "^  high     heap-corruption  .*Corruption is not a leak" "$tmp/out"; check "heap corruption is reported as such, not as a leak" 0 $?
# (!htrace is read since issue 12: !irpfind is a command dbgsift does not read.)
printf '0: kd> !irpfind -v\nScanning large pool allocation table for tag 0x3f707249 (Irp?)\n0: kd> !irpfind\n0: kd> !irpfind 0 0\n' >"$tmp/unread.log"
"$bin" "$tmp/unread.log" >"$tmp/out" 2>&1
expect_line "only unsupported commands are named" "$tmp/out" "  Nothing dbgsift can read here (0 blocks of known commands; seen: !irpfind ×3)."
"$bin" --format md "$tmp/unread.log" >"$tmp/out" 2>&1
expect_line "Markdown says so too" "$tmp/out" "Nothing dbgsift can read here (0 blocks of known commands; seen: !irpfind ×3)."
"$bin" "$tmp/missing.log" >"$tmp/out" 2>"$tmp/err"; check "a missing file alone exits 3" 3 $?
expect_line "a missing file gets no verdict" "$tmp/out" "  No verdict: the input could not be read."
expect_line "a missing file says why" "$tmp/err" "dbgsift: error: $tmp/missing.log: cannot read: No such file or directory"

# A healthy !poolused: the 144- and 48-byte tags are under the noise floor (corpus/poolused/006.txt:4-5).
"$bin" "$root/corpus/poolused/006.txt" >"$tmp/out" 2>&1
grep -q -- "-UMD\|\.UMD" "$tmp/out"; check "tiny tags are not ranked" 1 $?
"$bin" --format json "$root/corpus/poolused/006.txt" | python3 -c "import json,sys; d=json.load(sys.stdin); assert sorted(k['name'] for k in d['below_noise_floor']['pooltags'])=='-UMD .UMD'.split(), d.get('below_noise_floor')"
check "JSON keeps what the floor removed" 0 $?
# A healthy !poolused with a TOTAL row (the layout of corpus/poolused/007.txt): a 40-byte tag
# and an empty one are noise; with only them left, the ranking says so.
poolused_log() {  # poolused_log FILE [EXTRA_ROW]
    printf '0: kd> !poolused 2\n   Sorting by  NonPaged Pool Consumed\n\n               NonPaged                  Paged\n Tag     Allocs         Used     Allocs         Used\n\n%s Tiny         1           40          0            0\tUNKNOWN pooltag\n Zero         0            0          0            0\tUNKNOWN pooltag\n\nTOTAL     95000    100000000     120000    200000000\n' "$2" >"$1"
}
poolused_log "$tmp/healthy.log" " File      9386      3741536          0            0	File objects
"
"$bin" "$tmp/healthy.log" >"$tmp/out" 2>&1
grep -q "Tiny\|Zero" "$tmp/out"; check "40-byte and 0-byte tags are not ranked" 1 $?
grep -q "^  1\.  File" "$tmp/out"; check "the tag with signal is still ranked" 0 $?
poolused_log "$tmp/noise.log" ""
"$bin" "$tmp/noise.log" >"$tmp/out" 2>&1
expect_line "a ranking of noise says nothing stands out" "$tmp/out" "  nothing stands out (2 below the noise floor)"

# One culprit, one score: a finding's culprit and its ranking row agree (every corpus case).
"$bin" --format json "$root/corpus" 2>/dev/null | python3 -c "
import json,sys
doc=json.load(sys.stdin)
kinds={'pooltag':'pooltags','process':'processes','module':'modules','lock':'locks','session':'sessions','heap':'heaps','region':'regions','handle_type':'handle_types','function':'functions'}
assert len(doc['cases']) > 50, len(doc['cases'])
for d in doc['cases']:
  for f in d['findings']:
    for k in f['culprits']:
        for r in d['rankings'][kinds[k['kind']]]:
            assert r['name'].lower()!=k['name'].lower() or r['score']==k['score'], (k['name'], k['score'], r['score'])
"; check "finding and ranking scores agree" 0 $?

# Readable numbers: sizes with units next to the raw value, counts grouped, pages with bytes.
"$bin" "$root/corpus/acceptance/seed003-leak.log" >"$tmp/out" 2>&1
grep -qF "Nonpaged pool 155,371 of 191,078 pages (81%: 607 MB of 746 MB)" "$tmp/out"; check "pages carry their size" 0 $?
grep -qF "615,424,000 bytes (587 MB) of nonpaged pool" "$tmp/out"; check "bytes carry their size" 0 $?

# Markdown: every ranking kind, and citations name the file.
"$bin" --format md "$root/corpus/acceptance/seed000-user.log" 2>/dev/null | grep -q "^### Handle types"
check "Markdown prints the Handle types ranking" 0 $?
"$bin" --format md "$root/corpus/acceptance/seed002-session.log" 2>/dev/null | grep -q "^### Sessions"
check "Markdown prints the Sessions ranking" 0 $?
# (--series: one case of two files, so a bare "line N" would be ambiguous.)
"$bin" --series --format md "$root/corpus/acceptance/seed003-leak.log" "$root/corpus/poolused/006.txt" >"$tmp/out.md" 2>&1
grep -q "seed003-leak.log:[0-9]" "$tmp/out.md"; check "Markdown citations name the file" 0 $?
"$bin" --series "$root/corpus/acceptance/seed003-leak.log" "$root/corpus/poolused/006.txt" >"$tmp/out" 2>&1
if grep -q "(line [0-9]" "$tmp/out"; then
    grep "(line [0-9]" "$tmp/out" | grep -qv "seed003-leak.log"; check "notes citing a line name their file" 1 $?
fi

# Options.
"$bin" --fail-on HIGH "$root/corpus/acceptance/seed003-leak.log" >/dev/null 2>&1; check "--fail-on HIGH (any case) exits 1 on a high finding" 1 $?
"$bin" --fail-on Critical "$root/corpus/poolused/006.txt" >/dev/null 2>&1; check "--fail-on Critical exits 0 without one" 0 $?
"$bin" -j -1 "$sample" >/dev/null 2>"$tmp/err"; check "-j -1 exits 2" 2 $?
expect_line "-j -1 says why" "$tmp/err" "dbgsift: --jobs must be 0 (one per core) or a count from 1 to 1024, not -1"
"$bin" -o /nonexistent/dir/x "$sample" >/dev/null 2>"$tmp/err"; check "-o into a missing folder exits 3" 3 $?
expect_line "-o says why it cannot write" "$tmp/err" "dbgsift: error: /nonexistent/dir/x: cannot write the report: No such file or directory"
"$bin" -o "$tmp/r.json" "$sample"; python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['schema']=='dbgsift/1'" "$tmp/r.json"; check "-o x.json writes JSON" 0 $?
"$bin" -o "$tmp/r.md" "$sample"; head -n 1 "$tmp/r.md" | grep -qx "## dbgsift triage"; check "-o x.md writes Markdown" 0 $?
"$bin" -o "$tmp/r.ndjson" "$sample" "$sample"; check "-o x.ndjson writes a line per input" 2 "$(wc -l <"$tmp/r.ndjson")"
"$bin" -f text -o "$tmp/r2.json" "$sample"; head -c 8 "$tmp/r2.json" | grep -q "^dbgsift:"; check "-f wins over the -o name" 0 $?

# A folder with a dangling symlink and a FIFO: counted on stderr, named with -v.
mkdir "$tmp/folder"; cp "$sample" "$tmp/folder/a.log"; ln -s "$tmp/nowhere" "$tmp/folder/dangling.log"; mkfifo "$tmp/folder/pipe"
"$bin" "$tmp/folder" >/dev/null 2>"$tmp/err"; check "a folder with a FIFO exits 0 (and does not hang)" 0 $?
expect_line "skipped entries are counted" "$tmp/err" "dbgsift: warning: skipped 2 folder entries that are not a regular file (-v names them)"
"$bin" -v "$tmp/folder" >/dev/null 2>"$tmp/err"
expect_line "-v names the dangling symlink" "$tmp/err" "dbgsift: debug: skipped $tmp/folder/dangling.log: dangling symlink"
expect_line "-v names the FIFO" "$tmp/err" "dbgsift: debug: skipped $tmp/folder/pipe: FIFO"

# Hidden entries of a folder (.git, .DS_Store, a tool's marker) are left out, named with -v; a
# hidden folder named as the argument is read.
mkdir -p "$tmp/.cases/.git/objects" "$tmp/.cases/sub"; cp "$sample" "$tmp/.cases/sub/a.log"
printf 'x\0\1' >"$tmp/.cases/.git/objects/blob"; printf 'junk' >"$tmp/.cases/.DS_Store"
"$bin" -f ndjson "$tmp/.cases" >"$tmp/hidden.ndjson" 2>"$tmp/err"; check "a folder with hidden entries exits 0" 0 $?
check "hidden entries are not read" 1 "$(wc -l <"$tmp/hidden.ndjson")"
check "hidden entries are no news by default" 0 "$(wc -c <"$tmp/err")"
"$bin" -v -f ndjson "$tmp/.cases" >/dev/null 2>"$tmp/err"
expect_line "-v names a hidden folder" "$tmp/err" "dbgsift: debug: left out $tmp/.cases/.git: hidden (its name starts with '.'; name it to read it)"
"$bin" -f ndjson "$tmp/.cases/.DS_Store" >/dev/null 2>&1; check "a hidden file named as the argument is read" 0 $?

# The progress line on a terminal (script(1) gives stderr a pty): rate and time left, at most
# ten redraws a second, erased at the end so the prompt lands on a clean line.
if command -v script >/dev/null 2>&1; then
    mkdir "$tmp/many"; i=0; while [ $i -lt 40 ]; do cp "$root/corpus/poolused/006.txt" "$tmp/many/$i.log"; i=$((i + 1)); done
    start=$(date +%s)
    script -qec "'$bin' --format json '$tmp/many' >/dev/null" /dev/null >"$tmp/tty" 2>&1
    seconds=$(( $(date +%s) - start + 1 ))
    grep -q "dbgsift: [0-9]*/40 inputs, [0-9.]*/s, about [0-9]* s left" "$tmp/tty"; check "progress shows rate and time left" 0 $?
    redraws=$(grep -o "inputs," "$tmp/tty" | wc -l)
    [ "$redraws" -le $((seconds * 10 + 2)) ]; check "progress redraws at most ten times a second ($redraws in ${seconds}s)" 0 $?
    [ "$(tail -c 4 "$tmp/tty" | od -An -c | tr -d ' ')" = '\r033[K' ]; check "progress is erased at the end" 0 $?
fi

# --merge: Recurring lists only what two cases or more name; a transcript is one error, exit 3.
"$bin" --format ndjson "$sample" >"$tmp/one.ndjson" 2>/dev/null
"$bin" --merge "$tmp/one.ndjson" >"$tmp/out" 2>&1; check "--merge of one case exits 0" 0 $?
grep -q "^Recurring" "$tmp/out"; check "one case recurs nowhere" 1 $?
"$bin" --merge "$tmp/runs.ndjson" >"$tmp/out" 2>/dev/null
grep -q "^Recurring" "$tmp/out"; check "two cases recur" 0 $?
"$bin" --merge "$sample" >"$tmp/out" 2>"$tmp/err"; check "--merge of a transcript exits 3" 3 $?
[ ! -s "$tmp/out" ]; check "--merge of a transcript prints nothing on stdout" 0 $?
[ "$(wc -l <"$tmp/err")" -eq 1 ]; check "--merge of a transcript gives one error line" 0 $?
grep -q "^dbgsift: error: $sample: not dbgsift NDJSON: none of its [0-9]* lines is a dbgsift/1 object (write one with --format ndjson)$" "$tmp/err"
check "--merge says the file is not NDJSON" 0 $?
# What one case is (issue 11). One input: exactly the single-case document (the golden file).
(cd "$root" && "$bin" --format json corpus/acceptance/seed003-leak.log) >"$tmp/one.json" 2>/dev/null
cmp -s "$tmp/one.json" "$root/tests/golden/expected/corpus/acceptance/seed003-leak.log.json"; check "one input gives the single-case JSON document" 0 $?

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
