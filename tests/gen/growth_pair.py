#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes a two-snapshot log from one real transcript: the original, then a second copy in which
one row grows by FACTOR while every other number drifts by at most +-DRIFT (seeded, so the output
is reproducible). Used to build corpus/series/ cases; their provenance names the command line.

  growth_pair.py pool    SRC TAG    [--factor 4] [--drift 0.02] [--seed 1]
  growth_pair.py process SRC IMAGE  [--from 900] --to 4900 [--drift 0.02] [--seed 1]

pool: every number on TAG's row (Allocs, Frees, Diff, Used) is multiplied by FACTOR.
process: IMAGE's HandleCount becomes --to; other processes' HandleCounts drift.
Numbers keep their column: a value is right-aligned into the width it had (wider if it must).
"""
import argparse
import random
import re
import sys

NUMBER = re.compile(r"(?<![\w'])(\d+)(?![\w'])")


def rewrite_numbers(text, scale):
    """Each decimal number in `text` -> scale(n), right-aligned into its old width."""
    out, last = [], 0
    for m in NUMBER.finditer(text):
        start, end = m.span()
        new = str(max(0, int(round(scale(int(m.group(1)))))))
        # Steal blanks on the left to keep the column's right edge.
        lead = start
        while lead > last and text[lead - 1] == " " and (end - lead) < len(new) + 1:
            lead -= 1
        width = end - lead
        out.append(text[last:lead])
        out.append(new.rjust(width) if len(new) < width else " " + new if lead < start else new)
        last = end
    out.append(text[last:])
    return "".join(out)


ROW = re.compile(r"^(\s*)(\S{1,4})((?:[ \t\u00a0]+\d+){2,})(.*)$")


def pool(lines, tag, factor, drift, rng):
    """A !poolused row is a tag and two or more numbers; its description (after a TAB or
    blanks) is kept as it is. The TOTAL row drifts like any other."""
    second = []
    for line in lines:
        m = ROW.match(line)
        if m and not line.lstrip().startswith("Tag"):
            lead, name, numbers, rest = m.groups()
            scale = (lambda n: n * factor) if name == tag else (lambda n: n * (1 + rng.uniform(-drift, drift)))
            line = lead + name + rewrite_numbers(numbers, scale) + rest
        second.append(line)
    return second


HANDLES = re.compile(r"(HandleCount:\s*)(\d+)")


def process(lines, image, to, drift, rng):
    second, pending = [], None
    for line in lines:
        if "HandleCount:" in line:
            pending = len(second)
        second.append(line)
        m = re.search(r"Image:\s*(\S+)", line)
        if m and pending is not None:
            old = second[pending]
            if m.group(1).lower() == image.lower():
                new = HANDLES.sub(lambda h: h.group(1) + str(to), old)
            else:
                new = HANDLES.sub(
                    lambda h: h.group(1) + str(int(round(int(h.group(2)) * (1 + rng.uniform(-drift, drift))))), old)
            second[pending] = new
            pending = None
    return second


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["pool", "process"])
    ap.add_argument("src")
    ap.add_argument("name")
    ap.add_argument("--factor", type=float, default=4)
    ap.add_argument("--to", type=int, default=0)
    ap.add_argument("--from", dest="from_", type=int, default=0,
                    help="process: also set IMAGE's HandleCount in the first copy")
    ap.add_argument("--drift", type=float, default=0.02)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.src, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if a.kind == "process" and a.from_:
        lines = process(lines, a.name, a.from_, 0, rng)
    if a.kind == "pool":
        second = pool(lines, a.name, a.factor, a.drift, rng)
    else:
        second = process(lines, a.name, a.to, a.drift, rng)
    sys.stdout.write("\n".join(lines + second) + "\n")


if __name__ == "__main__":
    main()
