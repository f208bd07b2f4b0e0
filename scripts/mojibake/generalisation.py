#!/usr/bin/env python3
"""How well the repair carries over to damage it was not developed on.

The committed fixtures (`generate.py`, seed 0) are what the repairer was developed against,
so their score says little about unseen text. This script draws other sets of the same
damage families and scores `wiretm fix --lines` on them with the public harness:

  reseeded   the shipped sentences (`sentences.tsv`) with other random damage (seeds 1-6);
  held-out   sentences never used in development (`sentences-heldout.tsv`: other wording,
             other words, the same languages and scripts), seeds 111 and 112, and their
             clean lines, which must come back unchanged.

Keep `sentences-heldout.tsv` out of development: looking at its failures to fix them would
turn it into one more development set. Usage (from the repository root, after
`swift build -c release --product wiretm`):

  python3 scripts/mojibake/generalisation.py [path/to/benchmarks/mojibake]
"""
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "../shared/benchmarks/mojibake") / "run.py"
BINARY = ROOT / ".build/release/wiretm"
GENERATE = ROOT / "scripts/mojibake/generate.py"


def draw(seed, sentences, directory):
    subprocess.run([sys.executable, GENERATE, "--seed", str(seed), "--sentences", sentences,
                    "--out", directory], check=True, stdout=subprocess.DEVNULL)
    return Path(directory)


def score(sets):
    """Exact scores per damage family and per lossy/lossless group, summed over `sets`."""
    families = collections.defaultdict(lambda: [0, 0])
    groups = collections.defaultdict(lambda: [0, 0])
    for cases in sets:
        with tempfile.TemporaryDirectory() as scratch:
            report = Path(scratch) / "report.json"
            subprocess.run([sys.executable, HARNESS, "--cases", cases, "--cmd", f"{BINARY} fix --lines",
                            "--json", report], check=True, stdout=subprocess.DEVNULL)
            tables = json.loads(report.read_text())["cases"]["tables"]
        for table, sums in (("kind", families), ("lossy", groups)):
            for name, row in tables.get(table, {}).items():
                sums[name][0] += row["candidate"]["exact"]
                sums[name][1] += row["n"]
    return families, groups


def report(title, sets, clean_files=()):
    families, groups = score(sets)
    right = sum(v[0] for v in families.values())
    total = sum(v[1] for v in families.values())
    print(f"\n{title}: {len(sets)} sets, {total} cases, {100 * right / total:.2f}% exact")
    for name, (r, n) in sorted(groups.items()):
        print(f"  {name:30s} {r:5d}/{n:5d} {100 * r / n:6.2f}%")
    print("  families below 95%:")
    for name, (r, n) in sorted(families.items(), key=lambda kv: kv[1][0] / kv[1][1]):
        if r < 0.95 * n:
            print(f"    {name:28s} {r:5d}/{n:5d} {100 * r / n:6.2f}%")
    for clean in clean_files:
        original = Path(clean).read_bytes()
        output = subprocess.run([BINARY, "fix", "--lines"], input=original, capture_output=True).stdout
        lines = original.split(b"\n")
        changed = sum(a != b for a, b in zip(lines, output.split(b"\n")))
        print(f"  clean lines changed: {changed} of {len(lines) - 1}")


with tempfile.TemporaryDirectory() as scratch:
    shipped = ROOT / "scripts/mojibake/sentences.tsv"
    heldout = ROOT / "scripts/mojibake/sentences-heldout.tsv"
    reseeded = [draw(seed, shipped, f"{scratch}/r{seed}") for seed in range(1, 7)]
    report("reseeded (shipped sentences, seeds 1-6)", [d / "synthetic-cases.jsonl" for d in reseeded])
    held = [draw(seed, heldout, f"{scratch}/h{seed}") for seed in (111, 112)]
    report("held-out sentences (seeds 111, 112)", [d / "synthetic-cases.jsonl" for d in held],
           [held[0] / "clean-multilingual.txt"])
