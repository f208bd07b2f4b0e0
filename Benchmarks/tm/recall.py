#!/usr/bin/env python3
"""Recall of `tm lookup` on a generated store: is each query's source sentence found?

    recall.py --wiretm .build/release/wiretm --tm STORE --queries Q.txt --sources S.txt

For every query with a source (exact and mutated queries from generate.py --sources), runs the
lookup with --min 0 --limit 10 and reports how often the source is among the matches and at which
score, next to the true score computed here independently (token edit distance, same rules).
"""
import argparse
import json
import re
import subprocess

TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.,][0-9]+)*|\S", re.UNICODE)


def score(a, b):
    if " ".join(a.split()) == " ".join(b.split()):
        return 100
    x, y = TOKEN.findall(a), TOKEN.findall(b)
    previous = list(range(0, 5 * len(y) + 1, 5))
    for i in range(1, len(x) + 1):
        current = [5 * i] + [0] * len(y)
        for j in range(1, len(y) + 1):
            cost = 0 if x[i - 1] == y[j - 1] else (1 if x[i - 1].lower() == y[j - 1].lower() else 5)
            current[j] = min(previous[j - 1] + cost, previous[j] + 5, current[j - 1] + 5)
        previous = current
    longer = max(len(x), len(y))
    return min(99, max(0, int(100 * (1 - previous[-1] / (5 * longer)))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wiretm", required=True)
    parser.add_argument("--tm", required=True)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--sources", required=True)
    parser.add_argument("--min", type=int, default=70)
    args = parser.parse_args()
    queries = open(args.queries, encoding="utf-8").read().split("\n")[:-1]
    sources = open(args.sources, encoding="utf-8").read().split("\n")[:-1]
    output = subprocess.run([args.wiretm, "tm", "lookup", "--tm", args.tm, "--queries", args.queries, "--json",
                             "--min", "0", "--limit", "10"], check=True, stdout=subprocess.PIPE).stdout
    results = [json.loads(line) for line in output.decode().splitlines()]
    assert len(results) == len(queries)
    eligible = found = agree = 0
    for query, source, result in zip(queries, sources, results):
        if not source:
            continue
        truth = score(query, source)
        if truth < args.min:
            continue
        eligible += 1
        hit = [m for m in result["matches"] if m["en"] == source]
        if hit:
            found += 1
            agree += hit[0]["score"] == truth
    print(json.dumps({"queries_whose_source_scores_at_least_min": eligible, "source_found": found,
                      "recall": round(found / max(eligible, 1), 4), "score_agrees_with_reference": agree}, indent=2))


if __name__ == "__main__":
    main()
