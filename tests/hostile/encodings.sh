#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The same transcript saved as UTF-16LE with a BOM (.logopen /u), as UTF-16LE without one, or
# with CRLF line ends must give the same JSON report as the UTF-8 file: same blocks,
# diagnostics, snapshots, findings and rankings (only inputs[].encoding may differ).
#
# usage: encodings.sh DBGSIFT [SOURCE_ROOT]   (every corpus/**/*.txt and *.log file)
set -u
export LC_ALL=C

dbgsift=$(realpath "$1")
root=$(realpath "${2:-$(dirname "$0")/../..}")
work=$(mktemp -d "${TMPDIR:-/tmp}/dbgsift-encodings.XXXXXX")
trap 'rm -rf "$work"' EXIT

failures=0
checked=0
variants="utf8 utf16le-bom utf16le crlf"
for v in $variants; do
    mkdir -p "$work/$v"
done

# report VARIANT NAME: the JSON report without the encoding field, run from the variant's
# folder so the "path" fields are the same.
report() {
    (cd "$work/$1" && timeout -k 5 120 "$dbgsift" --format json -q "$2") | grep -v '"encoding":'
    return "${PIPESTATUS[0]}"
}

while IFS= read -r -d '' file; do
    name=$(basename "$file")
    # Only clean UTF-8 with LF ends is a seed; the others are their own test cases.
    if ! iconv -f UTF-8 -t UTF-8 "$file" >/dev/null 2>&1 || grep -q $'\r' "$file"; then
        echo "skip $name (not plain UTF-8 with LF line ends)"
        continue
    fi
    cp "$file" "$work/utf8/$name"
    { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$file"; } >"$work/utf16le-bom/$name"
    iconv -f UTF-8 -t UTF-16LE "$file" >"$work/utf16le/$name"
    sed 's/$/\r/' "$file" >"$work/crlf/$name"
    report utf8 "$name" >"$work/utf8.json"
    base_status=$?
    same=1
    for v in utf16le-bom utf16le crlf; do
        report "$v" "$name" >"$work/$v.json"
        status=$?
        if [ "$status" != "$base_status" ] || ! cmp -s "$work/utf8.json" "$work/$v.json"; then
            echo "FAIL $name as $v: exit $status (UTF-8: $base_status); first differences:"
            diff "$work/utf8.json" "$work/$v.json" | head -n 12
            failures=$((failures + 1))
            same=0
        fi
    done
    if [ "$same" = 1 ]; then
        echo "ok   $name: same report in UTF-16LE (BOM, no BOM) and CRLF"
    fi
    checked=$((checked + 1))
    rm -f "$work"/*/"$name"
done < <(find "$root/corpus" -type f \( -name '*.txt' -o -name '*.log' \) -print0 | sort -z)

echo "$checked transcripts compared in UTF-16LE (with and without BOM) and CRLF"
if [ "$failures" -ne 0 ]; then
    echo "$failures variant(s) gave a different report"
    exit 1
fi
if [ "$checked" -eq 0 ]; then
    echo "no transcript found under $root/corpus"
    exit 1
fi
