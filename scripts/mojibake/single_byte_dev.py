#!/usr/bin/env python3
"""Scores `fix --lines` on the single-byte mix-up families (windows-125x read as
windows-1252, KOI8-R <-> windows-1251) of a development sentence set, as written and
upper-cased, and checks that the set's clean lines come back unchanged.

usage: python3 scripts/mojibake/single_byte_dev.py BINARY [SENTENCES.tsv ...] [-v]
       (default: scripts/mojibake/sentences-dev-central.tsv; -v lists the misses)

The cases are made by generate.py (seed 7) from the sentences and from their upper-cased
forms. generate.py damages windows-1250 only for pl cs sk hu hr sl: Bosnian (bs) is given to
it as hr and Romanian (ro) as sl, which changes nothing but the label (both are written in
windows-1250 the same way); Albanian (sq) and the Western languages only give clean lines.
"""
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATE = ROOT / "scripts/mojibake/generate.py"


def generate(sentences, upper, out):
    lines = []
    for line in sentences.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        lang, text = line.split("\t", 1)
        lang = {"bs": "hr", "ro": "sl"}.get(lang, lang)
        lines.append(f"{lang}\t{text.upper() if upper else text}")
    source = out / "sentences.tsv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run(["python3", str(GENERATE), "--seed", "7", "--out", str(out),
                    "--sentences", str(source)], check=True, stdout=subprocess.DEVNULL)
    cases = [json.loads(l) for l in (out / "synthetic-cases.jsonl").open(encoding="utf-8")]
    cases = [c for c in cases if c["kind"].startswith("windows-12") or "koi8" in c["kind"]]
    clean = (out / "clean-multilingual.txt").read_text(encoding="utf-8").splitlines()
    return cases, clean


def run(binary, lines):
    result = subprocess.run([binary, "fix", "--lines"], input=("\n".join(lines) + "\n").encode(),
                            capture_output=True, check=True)
    return result.stdout.decode().split("\n")[:len(lines)]


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    binary = args[0]
    sets = [Path(a) for a in args[1:]] or [ROOT / "scripts/mojibake/sentences-dev-central.tsv"]
    for sentences in sets:
        families = collections.defaultdict(lambda: [0, 0])
        misses, changed, clean_total = [], [], 0
        for upper in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                cases, clean = generate(sentences, upper, Path(tmp))
            label = " (upper-cased)" if upper else ""
            for case, got in zip(cases, run(binary, [c["broken"] for c in cases])):
                family = families[case["kind"] + label]
                family[1] += 1
                if got == case["fixed"]:
                    family[0] += 1
                else:
                    misses.append((case["kind"] + label, case["broken"], got, case["fixed"]))
            clean_total += len(clean)
            changed += [(a, b) for a, b in zip(clean, run(binary, clean)) if a != b]
        right = sum(v[0] for v in families.values())
        total = sum(v[1] for v in families.values())
        print(f"== {sentences.name}: {right}/{total}")
        for kind in sorted(families):
            print(f"  {kind:46s} {families[kind][0]:3d}/{families[kind][1]:3d}")
        print(f"  clean lines changed: {len(changed)}/{clean_total}")
        for before, after in changed:
            print(f"    CLEAN {before}\n       -> {after}")
        if verbose:
            for kind, broken, got, fixed in misses:
                print(f"    MISS {kind}: {broken}\n       got  {got}\n       want {fixed}")


if __name__ == "__main__":
    main()
