#!/usr/bin/env python3
"""The seeds' worked examples, checked through the JSON contract (DESIGN.md "The JSON contract").

The cases live in corpus/acceptance/ (the seeds' transcripts, cut one case per file) with the
analysts' conclusions in corpus/acceptance/truth.json. For every case this runs
`dbgsift --format json CASE` and checks, each as one `ok:` or `FAIL:` line:
  patterns  finding pattern ids that must be present
  absent    finding pattern ids that must not be present
  top       rankings.<kind>[0].name must name the culprit
  within    the first N names of rankings.<kind> must hold all the listed ones
  numbers   values that must appear as JSON numbers somewhere (proof the grammar read them)
Names compare case-insensitively, without backticks, a 0x prefix or a .sys/.exe/.dll suffix;
a qualified name (nt!CmpRegistryLock) also matches by its last part.

usage: run_acceptance.py DBGSIFT CASES_DIR
Ends with "N of M checks hold"; exits 1 when any check fails."""
import json
import os
import subprocess
import sys


def normalise(name):
    s = str(name).strip().lower().replace("`", "")
    s = s.removeprefix("0x")
    for suffix in (".sys", ".exe", ".dll"):
        s = s.removesuffix(suffix)
    return s


def same_name(got, want):
    return normalise(got) == normalise(want) or normalise(str(got).split("!")[-1]) == normalise(want)


def ranking_names(doc, kind):
    items = doc.get("rankings", {}).get(kind) or []
    return [str(i.get("name", "")) if isinstance(i, dict) else str(i) for i in items]


def numbers_in(node, acc):
    if isinstance(node, bool):
        return
    if isinstance(node, (int, float)):
        acc.add(node)
    elif isinstance(node, dict):
        for v in node.values():
            numbers_in(v, acc)
    elif isinstance(node, list):
        for v in node:
            numbers_in(v, acc)


def run_case(binary, path):
    """The JSON document for one case, or a reason it could not be had."""
    try:
        run = subprocess.run([binary, "--format", "json", path], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "no answer in 60 s"
    if run.returncode < 0 or run.returncode >= 128:
        return None, f"crashed (exit {run.returncode})"
    try:
        return json.loads(run.stdout), None
    except ValueError as e:
        return None, f"output is not JSON ({e}); exit {run.returncode}"


def checks_for(case, want, doc):
    """Yields (holds, description) for every check truth.json asks of one case."""
    found = {f.get("pattern") for f in doc.get("findings", []) if isinstance(f, dict)}
    for p in want.get("patterns", []):
        yield p in found, f"{case}: finding {p} (found {sorted(x for x in found if x)})"
    for p in want.get("absent", []):
        yield p not in found, f"{case}: no finding {p}"
    for kind, name in want.get("top", {}).items():
        got = ranking_names(doc, kind)
        yield bool(got) and same_name(got[0], name), f"{case}: top {kind} is {name} (got {got[:3]})"
    for kind, (n, need) in want.get("within", {}).items():
        got = ranking_names(doc, kind)[:n]
        holds = all(any(same_name(g, x) for g in got) for x in need)
        yield holds, f"{case}: first {n} {kind} hold {need} (got {got})"
    numbers = set()
    numbers_in(doc, numbers)
    for x in want.get("numbers", []):
        yield x in numbers, f"{case}: value {x} read"


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, folder = sys.argv[1], sys.argv[2]
    with open(os.path.join(folder, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    held = total = 0
    for case, want in truth.items():
        if case.startswith("_"):
            continue
        doc, why = run_case(binary, os.path.join(folder, case))
        if doc is None:
            total += 1
            print(f"FAIL: {case}: {why}")
            continue
        for holds, what in checks_for(case, want, doc):
            total += 1
            held += holds
            print(f"{'ok' if holds else 'FAIL'}: {what}")
    print(f"{held} of {total} checks hold")
    return 0 if held == total else 1


if __name__ == "__main__":
    sys.exit(main())
