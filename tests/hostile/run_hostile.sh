#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Hostile inputs (issue 6), generated into a temporary folder (never committed): each must
# finish within a time bound and a memory bound, with exit code < 128 and no sanitizer report.
# Then every file in tests/regress/ (inputs that once crashed or hung) the same way.
#
# usage: run_hostile.sh DBGSIFT [SOURCE_ROOT]
# env:   DBGSIFT_HOSTILE_SECONDS (per input, default 120), DBGSIFT_HOSTILE_VMEM_KB (ulimit -v,
#        default 2 GiB; not applied to a sanitizer build), DBGSIFT_HOSTILE_RSS_KB (peak RSS,
#        default 768 MiB, x4 for a sanitizer build; needs /usr/bin/time), DBGSIFT_HOSTILE_KEEP=1
#        keeps the generated files.
set -u
export LC_ALL=C

dbgsift=$(realpath "$1")
root=$(realpath "${2:-$(dirname "$0")/../..}")
seconds=${DBGSIFT_HOSTILE_SECONDS:-120}
vmem_kb=${DBGSIFT_HOSTILE_VMEM_KB:-2097152}
rss_kb=${DBGSIFT_HOSTILE_RSS_KB:-786432}

work=$(mktemp -d "${TMPDIR:-/tmp}/dbgsift-hostile.XXXXXX")
if [ "${DBGSIFT_HOSTILE_KEEP:-0}" = 1 ]; then
    echo "generated inputs kept in $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# A sanitizer build reserves terabytes of shadow memory: ulimit -v would kill it at once.
sanitized=0
if grep -qa -e __asan_init -e __ubsan_handle "$dbgsift"; then
    sanitized=1
    rss_kb=$((rss_kb * 4))
fi
time_bin=""
if [ -x /usr/bin/time ]; then
    time_bin=/usr/bin/time
fi

failures=0
fail() {
    echo "FAIL $*"
    failures=$((failures + 1))
}

# run_one NAME FILE [RSS_KB [SECONDS]]: one input through `dbgsift --format json`; output kept
# as $work/NAME.json; its peak memory bound is RSS_KB if given (or empty), else the common one;
# its time bound SECONDS if given (three times that for a sanitizer build), else the common one.
run_one() {
    local name=$1 file=$2 bound_kb=${3:-$rss_kb} limit=$seconds
    if [ -n "${4:-}" ]; then
        limit=$4
        if [ "$sanitized" = 1 ]; then
            limit=$((limit * 3))
        fi
    fi
    local out="$work/$name.json" err="$work/$name.err" rss_file="$work/$name.rss"
    local start end status rss=""
    start=$(date +%s.%N)
    (
        if [ "$sanitized" = 0 ]; then
            ulimit -v "$vmem_kb"
        fi
        if [ -n "$time_bin" ]; then
            exec "$time_bin" -q -f '%M' -o "$rss_file" \
                timeout -k 5 "$limit" "$dbgsift" --format json -q "$file"
        else
            exec timeout -k 5 "$limit" "$dbgsift" --format json -q "$file"
        fi
    ) >"$out" 2>"$err"
    status=$?
    end=$(date +%s.%N)
    if [ -s "$rss_file" ]; then
        rss=$(grep -E '^[0-9]+$' "$rss_file" | tail -n 1)
    fi
    local took
    took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
    local verdict="ok  "
    if [ "$status" = 124 ] || [ "$status" = 137 ]; then
        fail "$name: no answer within $limit s (exit $status)"
        verdict="FAIL"
    elif [ "$status" -ge 128 ]; then
        fail "$name: killed by signal $((status - 128)) (exit $status); stderr: $(tail -c 600 "$err")"
        verdict="FAIL"
    elif [ "$status" = 2 ]; then
        fail "$name: usage error (exit 2): $(tail -c 300 "$err")"
        verdict="FAIL"
    fi
    if grep -q -e 'runtime error:' -e 'AddressSanitizer' -e 'LeakSanitizer' "$err"; then
        fail "$name: sanitizer report: $(grep -m 3 -e 'runtime error:' -e 'Sanitizer' "$err")"
        verdict="FAIL"
    fi
    if [ -n "$rss" ] && [ "$rss" -gt "$bound_kb" ]; then
        fail "$name: peak memory ${rss} KiB above the bound of ${bound_kb} KiB"
        verdict="FAIL"
    fi
    if [ "$status" -lt 124 ] && [ "$status" != 3 ] && ! grep -q '"schema"' "$out"; then
        fail "$name: exit $status but no JSON report"
        verdict="FAIL"
    fi
    printf '%s %-28s exit %-3s %6s s  peak %s KiB\n' "$verdict" "$name" "$status" "$took" "${rss:-?}"
}

# ---- the inputs --------------------------------------------------------------------------

gen="$work/in"
mkdir -p "$gen"

# A !poolused table as published (acceptance/seed002-nonpaged-ddk.log:43-52).
poolused_block() {
    printf '0: kd> !poolused 3\n   Sorting by  NonPaged Pool Consumed\n\n  Pool Used:\n'
    printf '            NonPaged\n Tag    Allocs    Frees     Diff\n'
    printf ' Ddk   9074558  3859522  5215036  Default for driver allocated memory\n'
    printf ' MmCm    43787    42677     1110  Calls made to MmAllocateContiguousMemory , Binary: nt!mm\n'
}

: >"$gen/empty.txt"
head -c 1048576 /dev/urandom >"$gen/random-1mb.bin"
head -c 67108864 /dev/zero | tr '\0' 'A' >"$gen/line-64mb-no-newline.txt"
yes '0: kd> ' | head -n 500000 >"$gen/prompts-500k.txt"

{
    printf '0: kd> !poolused 3\n   Sorting by  NonPaged Pool Consumed\n\n  Pool Used:\n'
    printf '            NonPaged\n Tag    Allocs    Frees     Diff\n'
    printf ' Ddk   9074\000558  3859522  5215036  Default for driver allocated memory\n'
    printf ' Mm\000\000    43787    42677     1110  Calls made to MmAllocateContiguousMemory\n'
    printf '\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\000\n'
    printf ' Thre       607       0      607  Thread objects , Binary: nt!ps\n'
} >"$gen/nul-in-table.txt"

# 2^64 + 123456789 and 2^32 + 987654: wrapped, they would read 123456789 and 987654.
{
    printf '0: kd> !vm\n\n*** Virtual Memory Usage ***\n'
    printf '       Physical Memory:      18446744073832008405 (   3407100 Kb)\n'
    printf '       NonPagedPool Usage:    4295955 (    18446744073832008405 Kb)\n'
    printf '       NonPagedPool Max:      99999999999999999999999999999999 (    258560 Kb)\n'
    printf '       PagedPool Usage:       4295954950 (     98884 Kb)\n'
    printf '\n0: kd> !poolused 3\n   Sorting by  NonPaged Pool Consumed\n\n  Pool Used:\n'
    printf '            NonPaged\n Tag    Allocs    Frees     Diff\n'
    printf ' Ddk   18446744073832008405  3859522  5215036  Default\n'
    printf ' MmCm    43787    42677     340282366920938463463374607431768211456  x\n'
    printf '\n0: kd> !process 0 0\n**** NT ACTIVE PROCESS DUMP ****\n'
    printf 'PROCESS fffffa8000cd0040\n    SessionId: none  Cid: 0004    Peb: 00000000  ParentCid: 0000\n'
    printf '    DirBase: 00187000  ObjectTable: fffff8a000001840  HandleCount: 18446744073832008405.\n'
    printf '    Image: System\n'
} >"$gen/overflow-64bit.txt"

{
    printf '0: kd> !vm\n\n*** Virtual Memory Usage ***\n'
    printf '       Physical Memory:      -851775 (   -3407100 Kb)\n'
    printf '       NonPagedPool Usage:    -64445 (    257780 Kb)\n'
    printf '\n0: kd> !poolused 3\n   Sorting by  NonPaged Pool Consumed\n\n  Pool Used:\n'
    printf '            NonPaged\n Tag    Allocs    Frees     Diff\n'
    printf ' Ddk   -9074558  3859522  -5215036  Default for driver allocated memory\n'
    printf '\n0: kd> !process 0 0\nPROCESS fffffa8000cd0040\n'
    printf '    SessionId: -1  Cid: 0004    Peb: 00000000  ParentCid: 0000\n'
    printf '    DirBase: 00187000  ObjectTable: fffff8a000001840  HandleCount: -5.\n    Image: System\n'
    printf '\n0:000> !handle\n-135 Handles\nType           \tCount\nEvent          \t-8\n'
} >"$gen/negative-counts.txt"

seed="$root/corpus/acceptance/seed002-nonpaged-ddk.log"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$seed"; printf 'x'; } >"$gen/utf16-odd-bytes.txt"
iconv -f UTF-8 -t UTF-16LE "$seed" >"$gen/utf16-no-bom.txt"
{
    head -n 20 "$seed"
    head -n 20 "$seed" | iconv -f UTF-8 -t LATIN1//TRANSLIT
    printf 'NonPagedPool Usage:\240\240 64445 (\240 257780 Kb)\r\n'
    head -n 20 "$seed" | iconv -f UTF-8 -t UTF-16LE
    head -n 20 "$seed" | sed 's/$/\r/'
} >"$gen/mixed-encodings.txt"

{
    poolused_block
    printf ' Thre       607       774048          0 '
} >"$gen/poolused-cut-mid-row.txt"
{
    poolused_block
    printf ' Thre       607       774'
} >"$gen/poolused-cut-mid-number.txt"

poolused_block >"$work/block.txt"
for _ in $(seq 10); do cat "$work/block.txt"; done >"$work/block10.txt"
for _ in $(seq 100); do cat "$work/block10.txt"; done >"$work/block1000.txt"
for _ in $(seq 100); do cat "$work/block1000.txt"; done >"$gen/block-repeated-100k.txt"

# Dressing taken to extremes: one line of 250,000 <br>, a run of quotes 10,000 deep.
{
    printf '0: kd> !vm<br>'
    for _ in $(seq 1000); do printf '<br><br><br><br><br><br><br><br><br><br>'; done
    printf '\n'
} >"$work/br1.txt"
for _ in $(seq 25); do cat "$work/br1.txt"; done | tr -d '\n' >"$gen/html-br-flood.txt"
for _ in $(seq 10000); do printf '> '; done >"$gen/quote-depth-10k.txt"
printf '\n' >>"$gen/quote-depth-10k.txt"
# A 1 MiB line of '#' with non-ASCII text at its end: each '#' may open an author's note
# ("  #注释"), and asking each one "is there non-ASCII after you?" by a scan took minutes.
{
    printf '0: kd> !locks\n'
    head -c 1048576 /dev/zero | tr '\0' '#'
    printf '\303\251\n'
} >"$gen/hash-line-1mb.txt"

for file in "$gen"/*; do
    run_one "$(basename "$file")" "$file"
done

# 10,000 handles opened, each by a stack of its own through one module: a finding names each
# suspect and the module gathers 10,000 reasons. Reading every ranking for each named suspect,
# then searching the module's reasons for each one added, took 17 s (minutes at 20,000);
# linear, it takes a fraction of a second, so its bound is tighter than the common one.
awk -v n=10000 'BEGIN {
    printf "0:001> !htrace -diff\nOutstanding handles opened since the previous snapshot:\n"
    printf "--------------------------------------\n"
    p = sprintf("%060d", 0); gsub("0", "f", p)
    for (i = 0; i < n; i++) {
        printf "Handle = 0x%x - OPEN\nThread ID = 0x1, Process ID = 0x2\n\n", 4 * i + 4
        printf "0x7772300c: ntdll!NtCreateEvent+0xc\n0x10000000: M!F%s%08d+0xc\n", p, i
        printf "--------------------------------------\n"
    }
}' >"$work/htrace-diff-10k-stacks.txt"
run_one htrace-diff-10k-stacks.txt "$work/htrace-diff-10k-stacks.txt" "" 20

# Many small blocks, each kept in the snapshot to the report: a list's room reserved for a
# typical block and kept by each of them would hold many times the input (an !address block of
# one region kept room for 32 regions and 32 rows, 647 MB for 14 MB of input; a one-frame
# stack room for 64 frames). Bound: a fixed 48 MiB and eight times the input (main needed about
# five times the input for these, the reserves above over forty).
small="$work/small"
mkdir -p "$small"
# 20,000 `!address <addr>` blocks of one region each, in the single-region form.
awk 'BEGIN {
    for (i = 0; i < 20000; i++) {
        a = sprintf("%08x", 268435456 + i * 4096)
        printf "0:000> !address %s\nUsage:                  Image\nBase Address:           %s\n", a, a
        printf "End Address:            758f6000\nRegion Size:            000c5000\n"
        printf "Type:                   01000000MEM_IMAGE\nState:                  00001000MEM_COMMIT\n"
        printf "Protect:                00000020PAGE_EXECUTE_READ\n"
    }
}' >"$small/address-single-regions-20k.txt"
# One `~*k` of 20,000 threads, each a one-frame stack.
awk 'BEGIN {
    printf "0:000> ~*k\n\n"
    for (i = 0; i < 20000; i++) {
        printf "  %d  Id: 1a2c.%x Suspend: 1 Teb: 00000000`%08x Unfrozen\n", i, 100 + i, i * 8192
        printf " # Child-SP          RetAddr               Call Site\n"
        printf "00 00000000`0014f1e8 00000000`77b5c2c8     ntdll!NtWaitForSingleObject+0x%x\n\n", i
    }
}' >"$small/k-threads-20k.txt"
# 200,000 `k` blocks of one frame each, every stack kept in one snapshot's list: once that
# list's spare room passed the snapshot budget, each block's close shrank it and the next push
# grew it again, a move of the whole list per block (minutes past 140,000 blocks).
awk 'BEGIN {
    for (i = 0; i < 200000; i++) {
        printf "0: kd> k\n # Child-SP          RetAddr               Call Site\n"
        printf "00 fffff806`1a2b3c40 fffff806`1a2b3d50     nt!KeBugCheckEx+0x%x\n\n", i
    }
}' >"$small/k-blocks-200k.txt"
for file in "$small"/*; do
    bound=$((49152 + 8 * $(stat -c %s "$file") / 1024))
    if [ "$sanitized" = 1 ]; then
        bound=$((bound * 4))
    fi
    run_one "$(basename "$file")" "$file" "$bound"
done

# Overflowing numbers are diagnosed, never wrapped into wrong values.
if grep -q -w -e 123456789 -e 987654 "$work/overflow-64bit.txt.json" 2>/dev/null; then
    fail "overflow-64bit.txt: a number wrapped around 2^64 or 2^32 reached the report"
fi
if grep -q -w -e -64445 -e 18446744073709487171 "$work/negative-counts.txt.json" 2>/dev/null; then
    fail "negative-counts.txt: a negative count reached the report as a number"
fi

# ---- regression inputs (each once crashed or hung something) -----------------------------

if [ -d "$root/tests/regress" ]; then
    for file in "$root"/tests/regress/*; do
        case "$file" in *.md) continue ;; esac
        [ -f "$file" ] && run_one "regress-$(basename "$file")" "$file"
    done
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures hostile input check(s) failed"
    exit 1
fi
echo "all hostile inputs handled"
