#!/usr/bin/env python3
"""Generate N wire pages for the build benchmark from the repository's own pages.

Each page is a template (seeds/ and Fixtures/pages/) whose numbers and company names are
replaced consistently across all its languages, so every page has new content (new content
hashes, new English sentences) but the same structure. Deterministic for a given --seed.

    python3 Benchmarks/build/generate.py --pages 10000 --out /tmp/wiretm-build-bench/pages
"""
import argparse
import os
import random
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NAMES = ["Acme", "Borealis", "Cobalt", "Dorado", "Elara", "Fenwick", "Galena", "Halcyon", "Ion",
         "Juniper", "Kairos", "Lyra", "Meridian", "Nimbus", "Orion", "Pinnacle", "Quasar", "Rhea"]


def templates():
    found = []
    for folder in ("seeds", "Fixtures/pages"):
        path = os.path.join(ROOT, folder)
        for name in sorted(os.listdir(path)):
            if name.endswith(".txt"):
                with open(os.path.join(path, name), "rb") as handle:
                    raw = handle.read()
                try:
                    found.append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    found.append(raw.decode("cp1252"))
    return found


def vary(text, rng, index):
    digits = {d: str(rng.randrange(10)) for d in "0123456789"}
    text = re.sub(r"\d", lambda m: digits[m.group(0)], text)
    # Replace the first capitalised company-like word everywhere it occurs.
    match = re.search(r"\b([A-Z][a-z]+[A-Z][A-Za-z]+|[A-Z][a-z]{3,})\b", text)
    if match:
        text = text.replace(match.group(1), rng.choice(NAMES) + str(index))
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--out", default="/tmp/wiretm-build-bench/pages")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bases = templates()
    for index in range(args.pages):
        folder = os.path.join(args.out, f"{index // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"page-{index:06d}.txt"), "w", encoding="utf-8") as handle:
            handle.write(vary(bases[index % len(bases)], rng, index))
    print(f"{args.pages} pages from {len(bases)} templates in {args.out}")


if __name__ == "__main__":
    main()
