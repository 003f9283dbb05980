#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Throughput and peak memory of dbgsift, beside `wc -l` over the same bytes (issue 14).
# A benchmark, not a test: it prints numbers and asserts nothing (timings flake in tests).
#
# usage: tests/bench/bench.sh [-b BIN] [-a MIB] [-s MIB] [-j N] [-k DIR]
#   -b BIN   the dbgsift to measure                        (default build/dbgsift)
#   -a MIB   size of the archive of case logs; 0 skips it  (default 256)
#   -s MIB   size of one single transcript; 0 skips it     (default 0; 1024 for 1 GiB)
#   -j N     jobs for the parallel run                     (default: number of cores)
#   -k DIR   keep the generated inputs in DIR and reuse them on the next run
# The inputs are built from corpus/ with a fixed seed (tests/bench/make_inputs.py), so two
# runs on two branches measure the same bytes. Page cache is warmed before each timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=build/dbgsift archive_mib=256 single_mib=0 jobs=$(nproc) keep=
while getopts "b:a:s:j:k:" opt; do
    case $opt in
    b) bin=$OPTARG ;; a) archive_mib=$OPTARG ;; s) single_mib=$OPTARG ;;
    j) jobs=$OPTARG ;; k) keep=$OPTARG ;; *) sed -n '3,12p' "$0" >&2; exit 2 ;;
    esac
done
bin=$(realpath "$bin")
work=${keep:-$(mktemp -d)}
mkdir -p "$work"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT

# Prints "wall_seconds peak_kib cpu_seconds" of one command (GNU time), output thrown away.
timed() {
    /usr/bin/time -f '%e %M %U %S' -o "$work/.time" "$@" >/dev/null 2>"$work/.err" || {
        echo "warning: '$*' exited non-zero: $(tail -1 "$work/.err")" >&2; }
    awk '{print $1, $2, $3 + $4}' "$work/.time"
}

# On a shared machine the wall clock includes waiting for a core: the CPU columns (user +
# system seconds) are the per-core cost; the -j speed-up can only be read from the wall clock.
report() {  # LABEL BYTES SECS KIB CPU_SECS [WC_SECS] [BASE_SECS]
    python3 - "$@" <<'PY'
import sys
label, size, secs, kib, cpu = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
wc = float(sys.argv[6]) if len(sys.argv) > 6 and sys.argv[6] else 0
base = float(sys.argv[7]) if len(sys.argv) > 7 and sys.argv[7] else 0
mib = size / (1 << 20)
line = (f"{label:<22} {mib:7.1f} MiB  wall {secs:7.2f} s {mib / max(secs, 1e-3):7.1f} MiB/s"
        f"  cpu {cpu:7.2f} s {mib / max(cpu, 1e-3):7.1f} MiB/s  peak RSS {kib / 1024:6.1f} MiB")
if wc:
    line += f"  {secs / max(wc, 1e-3):6.1f}x wc -l"
if base:
    line += f"  speed-up {base / max(secs, 1e-3):4.2f}"
print(line)
PY
}

warm() { find "$@" -type f -exec cat {} + >/dev/null; }

echo "dbgsift: $bin (bench from $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))," \
     "$(nproc) cores, $(date -u +%FT%TZ)"
echo "$("$bin" --version | tr '\n' ' ')"  # the build's allocator is part of what is measured

if [ "$archive_mib" -gt 0 ]; then
    dir=$work/archive-$archive_mib
    if [ ! -f "$dir/.done" ]; then
        rm -rf "$dir" && python3 "$root/tests/bench/make_inputs.py" archive "$dir" "$archive_mib" >"$work/.made"
        touch "$dir/.done"
    fi
    bytes=$(find "$dir" -name '*.log' -printf '%s\n' | awk '{s += $1} END {print s}')
    count=$(find "$dir" -name '*.log' | wc -l)
    echo "archive: $count case logs from corpus/ (seed 14, 4 KiB..512 KiB each)"
    warm "$dir"
    read -r wc_s wc_k wc_c < <(timed sh -c "find '$dir' -name '*.log' -print0 | xargs -0 cat | wc -l")
    report "wc -l" "$bytes" "$wc_s" "$wc_k" "$wc_c"
    read -r one_s one_k one_c < <(timed "$bin" -j 1 --format ndjson "$dir")
    report "dbgsift -j 1 ndjson" "$bytes" "$one_s" "$one_k" "$one_c" "$wc_s"
    read -r par_s par_k par_c < <(timed "$bin" -j "$jobs" --format ndjson "$dir")
    report "dbgsift -j $jobs ndjson" "$bytes" "$par_s" "$par_k" "$par_c" "$wc_s" "$one_s"
fi

if [ "$single_mib" -gt 0 ]; then
    file=$work/single-$single_mib.log
    [ -f "$file" ] || python3 "$root/tests/bench/make_inputs.py" single "$file" "$single_mib" >"$work/.made"
    bytes=$(stat -c %s "$file")
    echo "single transcript: corpus/ joined and repeated"
    warm "$file"
    read -r wc_s wc_k wc_c < <(timed wc -l "$file")
    report "wc -l" "$bytes" "$wc_s" "$wc_k" "$wc_c"
    # The text report measures the reading; the JSON document (58 MB for 1 GiB: up to 1000
    # snapshots) is written as it is made, so its peak memory must stay the reading's too.
    read -r one_s one_k one_c < <(timed "$bin" "$file")
    report "dbgsift (text report)" "$bytes" "$one_s" "$one_k" "$one_c" "$wc_s"
    read -r json_s json_k json_c < <(timed "$bin" --format json "$file")
    report "dbgsift --format json" "$bytes" "$json_s" "$json_k" "$json_c" "$wc_s"
fi
