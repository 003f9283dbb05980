#!/usr/bin/env bash
# Throughput and peak memory of dbgsift on (a) one large transcript and (b) a folder of many
# case logs, both built from corpus/. Prints MB/s and peak RSS; asserts nothing (timings
# belong in a benchmark, never in a test that can flake).
# usage: tests/bench/bench.sh [BUILT_DBGSIFT] [MEGABYTES]
set -euo pipefail
bin=${1:-build/dbgsift}
mb=${2:-200}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t files < <(find "$root/corpus" -type f \( -name '*.log' -o -name '*.txt' \) | sort)
cat "${files[@]}" >"$tmp/one-round.log"
round=$(stat -c %s "$tmp/one-round.log")
rounds=$(( mb * 1024 * 1024 / round + 1 ))
for ((i = 0; i < rounds; i++)); do cat "$tmp/one-round.log"; done >"$tmp/big.log"
mkdir "$tmp/archive"
for ((i = 0; i < 20; i++)); do
    for f in "${files[@]}"; do cp "$f" "$tmp/archive/$i-$(basename "$(dirname "$f")")-$(basename "$f")"; done
done

measure() {  # LABEL BYTES ARGS...
    local label=$1 bytes=$2; shift 2
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" "$@" >/dev/null 2>"$tmp/err" || true
    read -r secs kb <"$tmp/time"
    python3 - "$label" "$bytes" "$secs" "$kb" <<'PY'
import sys
label, size, secs, kb = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
mb = size / 1e6
print(f"{label:<34} {mb:9.1f} MB  {secs:7.2f} s  {mb / max(secs, 1e-3):8.1f} MB/s  peak RSS {kb / 1024:7.1f} MiB")
PY
}

big=$(stat -c %s "$tmp/big.log")
archive=$(du -sb "$tmp/archive" | cut -f1)
count=$(ls "$tmp/archive" | wc -l)
measure "one transcript (json)" "$big" --format json --top 5 "$tmp/big.log"
measure "one transcript (text)" "$big" "$tmp/big.log"
measure "archive of $count logs (ndjson, -j1)" "$archive" --format ndjson -j 1 "$tmp/archive"
measure "archive of $count logs (ndjson, -j2)" "$archive" --format ndjson -j 2 "$tmp/archive"
