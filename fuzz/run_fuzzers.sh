#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs each libFuzzer harness for SECONDS (0: just once over its seed corpus, for CI) and
# prints, per harness, the executions, the coverage (edges "cov", features "ft") and the
# corpus size. Seeds: corpus/, tests/regress/, and $DBGSIFT_FUZZ_SEEDS (folders, ':'-separated;
# default ../shared/acceptance:../shared/corpus beside the checkout, when they exist; set it
# empty for none). DBGSIFT_FUZZ_HARNESSES
# picks some harnesses (space-separated), e.g. to run two invocations side by side. The growing corpus and
# any crash input stay in BUILD_DIR/fuzz-work/; a crash makes the script fail and must become a
# file in tests/regress/ before it is fixed.
#
# usage: run_fuzzers.sh SECONDS [BUILD_DIR]   (default build-fuzz/; configured with
#        CXX=clang++ -Dfuzz=true and built here when needed)
set -u
export LC_ALL=C

seconds=${1:?usage: run_fuzzers.sh SECONDS [BUILD_DIR]}
root=$(realpath "$(dirname "$0")/..")
build=$(realpath -m "${2:-$root/build-fuzz}")
work="$build/fuzz-work"
dict="$root/fuzz/dbgsift.dict"
harnesses=${DBGSIFT_FUZZ_HARNESSES:-fuzz_text fuzz_pipeline fuzz_grammars fuzz_pooltag}

extra=${DBGSIFT_FUZZ_SEEDS-$root/../shared/acceptance:$root/../shared/corpus}

# ---- build (configures BUILD_DIR with clang and -Dfuzz=true when it is not yet) ------------
if [ ! -f "$build/build.ninja" ]; then
    CXX=${CXX_FUZZ:-clang++} meson setup "$build" "$root" -Dfuzz=true --buildtype=debugoptimized \
        >"$build.setup.log" 2>&1 || { cat "$build.setup.log"; exit 1; }
fi
targets=""
for h in $harnesses; do
    targets="$targets fuzz/$h"
done
# shellcheck disable=SC2086
ninja -C "$build" $targets >"$build/fuzz-build.log" 2>&1 || { tail -n 30 "$build/fuzz-build.log"; exit 1; }
mkdir -p "$work"

# ---- seed folders (rebuilt each run: cheap, and follows corpus/) ---------------------------
seeds="$work/seeds.$$"
rm -rf "$seeds"
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/files" "$seeds/lines" "$seeds/pooltag"
n=0
copy_seeds() {
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        cp "$f" "$seeds/files/$n-$(basename "$f")"
    done < <(find "$1" -type f \( -name '*.txt' -o -name '*.log' -o -name '*.bin' \) -print0 2>/dev/null | sort -z)
}
copy_seeds "$root/corpus"
copy_seeds "$root/tests/regress"
IFS=: read -r -a extra_dirs <<<"$extra"
for d in "${extra_dirs[@]}"; do
    [ -d "$d" ] && copy_seeds "$d"
done
# The grammar harness reads at most 64 lines: give it the transcripts in 8-line pieces.
for f in "$seeds/files"/*; do
    split -l 8 -a 3 "$f" "$seeds/lines/$(basename "$f")."
done
printf 'Ddk  - <unknown>    - Default for driver allocated memory\n' >"$seeds/pooltag/a.txt"
printf 'xDdk \nAfd? - afd.sys      - AFD objects\n; comment\nMmCm - nt!mm - Calls made to MmAllocateContiguousMemory\nbad line\n' \
    >"$seeds/pooltag/b.txt"

seed_dir_for() {
    case $1 in
    fuzz_grammars) echo "$seeds/lines" ;;
    fuzz_pooltag) echo "$seeds/pooltag" ;;
    *) echo "$seeds/files" ;;
    esac
}
max_len_for() {
    case $1 in
    fuzz_grammars) echo 4096 ;;
    fuzz_pooltag) echo 4096 ;;
    *) echo 65536 ;;
    esac
}

# ---- run ----------------------------------------------------------------------------------
failures=0
summary=""
for h in $harnesses; do
    bin="$build/fuzz/$h"
    if [ ! -x "$bin" ]; then
        echo "FAIL $h: $bin was not built"
        failures=$((failures + 1))
        continue
    fi
    corpus="$work/corpus/$h"
    artifacts="$work/artifacts/$h"
    mkdir -p "$corpus" "$artifacts"
    log="$work/$h.log"
    if [ "$seconds" = 0 ]; then
        budget=(-runs=0)
    else
        budget=(-max_total_time="$seconds")
    fi
    start=$(date +%s)
    "$bin" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len_for "$h")" \
        -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        "$corpus" "$(seed_dir_for "$h")" >"$log" 2>&1
    status=$?
    took=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*ft: \([0-9]*\).*corp: \([0-9]*\/[0-9A-Za-z]*\).*/cov \1  ft \2  corpus \3/p')
    line=$(printf '%-14s %6ss  execs %-10s %s' "$h" "$took" "${execs:-?}" "${cov:-?}")
    if [ "$status" != 0 ]; then
        line="FAIL $line  CRASH (exit $status): $(ls -t "$artifacts" | head -n 1) - see $log"
        failures=$((failures + 1))
        grep -m 5 -E 'ERROR|runtime error|SUMMARY|deadly signal' "$log"
    else
        line="ok   $line"
    fi
    echo "$line"
    summary="$summary$line"$'\n'
done

echo
echo "     harness        time   executions        coverage"
printf '%s' "$summary" | sed 's/^/  /'  # indented: .ci/run counts only the lines above
if [ "$failures" -ne 0 ]; then
    echo "$failures harness(es) crashed or are missing; crash inputs are in $work/artifacts/"
    exit 1
fi
