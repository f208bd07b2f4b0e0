#!/usr/bin/env python3
"""Benchmark `wiretm tm`: import, export and lookup latency on a generated store.

    run.py [--units 1000000] [--work /tmp/wiretm-tm-bench] [--wiretm .build/release/wiretm]

Generates a TMX of N units (generate.py), imports it into a fresh store (`tm import`, timed,
peak RSS from /usr/bin/time when present), exports it again as TMX and TSV (timed), then runs
2,000 lookups (`tm lookup --queries --json --timings`, times measured inside the process, so
start-up is excluded) and reports p50/p90/p99 latency and the share of queries with a match.
A single `tm lookup` with start-up included is timed too. Prints one JSON object.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, **kwargs):
    time_binary = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    prefix = [time_binary, "-f", "%M"] if time_binary else []
    start = time.perf_counter()
    process = subprocess.run(prefix + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(command), process.stderr.decode()))
    peak_kb = None
    if time_binary:
        last = process.stderr.decode().strip().splitlines()[-1]
        peak_kb = int(last) if last.isdigit() else None
    return elapsed, peak_kb, process.stdout


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--work", default="/tmp/wiretm-tm-bench")
    parser.add_argument("--wiretm", default=os.path.join(HERE, "..", "..", ".build", "release", "wiretm"))
    parser.add_argument("--min", type=int, default=70)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    tmx = os.path.join(args.work, "bench-%d.tmx" % args.units)
    queries = os.path.join(args.work, "queries-%d.txt" % args.units)
    store = os.path.join(args.work, "bench-%d.sqlite" % args.units)
    if not os.path.exists(tmx):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--units", str(args.units),
                        "--tmx", tmx, "--queries", queries], check=True)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    report = {"units": args.units, "tmx_bytes": os.path.getsize(tmx)}
    seconds, peak, _ = timed([args.wiretm, "tm", "import", "--tm", store, tmx])
    report["import_seconds"] = round(seconds, 2)
    report["import_units_per_second"] = round(args.units / seconds)
    report["import_peak_rss_mb"] = peak and round(peak / 1024)
    report["store_bytes"] = os.path.getsize(store)
    out_tmx = os.path.join(args.work, "export.tmx")
    seconds, peak, _ = timed([args.wiretm, "tm", "export", "--tm", store, "--format", "tmx", "-o", out_tmx])
    report["export_tmx_seconds"] = round(seconds, 2)
    report["export_tmx_units_per_second"] = round(args.units / seconds)
    report["export_peak_rss_mb"] = peak and round(peak / 1024)
    seconds, _, _ = timed([args.wiretm, "tm", "export", "--tm", store, "--format", "tsv", "--pair", "en-ko",
                           "-o", os.path.join(args.work, "export.tsv")])
    report["export_tsv_seconds"] = round(seconds, 2)
    seconds, peak, output = timed([args.wiretm, "tm", "lookup", "--tm", store, "--queries", queries, "--json",
                                   "--timings", "--min", str(args.min)])
    lines = [json.loads(line) for line in output.decode().splitlines()]
    latencies = [line["ms"] for line in lines]
    report["lookups"] = len(lines)
    report["lookup_ms_p50"] = round(statistics.median(latencies), 2)
    report["lookup_ms_p90"] = round(percentile(latencies, 0.90), 2)
    report["lookup_ms_p99"] = round(percentile(latencies, 0.99), 2)
    report["lookup_ms_max"] = round(max(latencies), 2)
    report["queries_with_match"] = sum(1 for line in lines if line["matches"])
    report["lookup_batch_peak_rss_mb"] = peak and round(peak / 1024)
    with open(queries, encoding="utf-8") as handle:
        first = handle.readline().strip()
    singles = [timed([args.wiretm, "tm", "lookup", "--tm", store, first, "--json"])[0] for _ in range(5)]
    report["single_lookup_cli_ms_median_with_startup"] = round(statistics.median(singles) * 1000, 1)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
