#!/usr/bin/env python3
"""Builds wiretm's second, independent alignment check set from scripts/align/bank2.py
(releases and translators' additions hand-written for wiretm after the first round of
tuning, none of them in bank.tsv), with the same edits as make_gold.py (merges, splits,
omissions, additions) but its own seed: 3 variants per release and language, 12 document
pairs per language.

Output: Tests/WireTMAlignmentTests/Fixtures/check/ (documents, gold beads, pairs.tsv for
benchmarks/align/run.py --pairs ... --by-lang).

Usage: python3 scripts/align/make_check.py
"""
import os
import random

import bank2
import make_gold

LANGS = make_gold.LANGS


def main():
    make_gold.ADDITIONS = bank2.ADDITIONS
    out = os.path.join(make_gold.ROOT, "Tests", "WireTMAlignmentTests", "Fixtures", "check")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(71)
    pairs = ["# wiretm check set: en<->xx documents from scripts/align/bank2.py (make_check.py)"]
    for number, release in enumerate(bank2.RELEASES, start=1):
        rows = [dict(zip(LANGS, row)) for row in release]
        for row in rows:
            row["fr"] = make_gold.french_spacing(row["fr"])
        for lang in LANGS[1:]:
            for variant in range(3):
                src, tgt, gold = make_gold.perturb(rows, lang, rng)
                name = f"c{number}v{variant}-{lang}"
                for suffix, lines in ((".en", src), ("." + lang, tgt)):
                    with open(os.path.join(out, name + suffix), "w", encoding="utf-8") as f:
                        f.write("\n".join(lines) + "\n")
                with open(os.path.join(out, name + ".gold"), "w", encoding="utf-8") as f:
                    f.write("\n".join(make_gold.bead_line(s, t) for s, t in gold) + "\n")
                pairs.append("\t".join([name, "en", lang, name + ".en", name + "." + lang,
                                        name + ".gold"]))
    with open(os.path.join(out, "pairs.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(pairs) + "\n")


if __name__ == "__main__":
    main()
