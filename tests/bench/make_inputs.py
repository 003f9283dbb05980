#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Builds the benchmark inputs from corpus/, reproducibly (a fixed seed):
#   archive DIR MIB   case logs of real transcripts joined, sizes log-uniform from 4 KiB to
#                     512 KiB (what archived case logs look like), MIB mebibytes in all
#   single FILE MIB   one transcript of MIB mebibytes: the corpus joined, repeated
# Only the corpus' own transcripts go in (not golden expectations, not README/SOURCES).
import pathlib
import random
import sys

SEED = 14  # issue 14; change it only together with the numbers quoted in README.md
MIN_LOG, MAX_LOG = 4 << 10, 512 << 10


def transcripts(root):
    files = sorted(p for p in (root / "corpus").rglob("*")
                   if p.is_file() and p.suffix in (".log", ".txt") and p.name != "SOURCES.md"
                   and "README" not in p.name)
    return [p.read_bytes() for p in files]


def archive(out, mib, texts):
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    total, index = 0, 0
    goal = mib << 20
    while total < goal:
        size = int(MIN_LOG * (MAX_LOG / MIN_LOG) ** rng.random())
        parts, got = [], 0
        while got < size:
            t = rng.choice(texts)
            parts.append(t if t.endswith(b"\n") else t + b"\n")
            got += len(parts[-1])
        data = b"".join(parts)
        (out / f"case-{index:06d}.log").write_bytes(data)
        total += len(data)
        index += 1
    return index, total


def single(out, mib, texts):
    one = b"".join(t if t.endswith(b"\n") else t + b"\n" for t in texts)
    goal = mib << 20
    with open(out, "wb") as f:
        written = 0
        while written < goal:
            f.write(one)
            written += len(one)
    return 1, written


def main():
    mode, out, mib = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
    root = pathlib.Path(__file__).resolve().parents[2]
    texts = transcripts(root)
    count, total = (archive if mode == "archive" else single)(out, mib, texts)
    print(count, total)


if __name__ == "__main__":
    main()
